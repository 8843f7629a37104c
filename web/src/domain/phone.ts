// Mainland China mobile numbers, as voters type or paste them: "138 0013 8000",
// "+86 13800138000" and "138-0013-8000" all mean 13800138000.

const MOBILE = /^1[3-9]\d{9}$/;

/** The 11 digits of a number as typed: spaces, dashes and a leading +86 / 0086 removed. */
export function normalizePhone(input: string): string {
  let digits = input.replace(/[\s\u3000\-()（）]/g, '');
  digits = digits.replace(/^(\+86|0086)/, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits;
}

export function isMobilePhone(input: string): boolean {
  return MOBILE.test(normalizePhone(input));
}

/** What is wrong with a number as typed, in Chinese; null when it is a mainland mobile number. */
export function phoneProblem(input: string): string | null {
  const phone = normalizePhone(input);
  if (!phone) return '请输入手机号';
  if (!/^\d+$/.test(phone)) return '手机号只能包含数字';
  if (phone.length !== 11) return `手机号应为 11 位，现在是 ${phone.length} 位`;
  if (!MOBILE.test(phone)) return '请输入正确的手机号（1 开头的 11 位大陆手机号）';
  return null;
}

/** A 6-digit SMS code as typed (full-width digits and spaces forgiven). */
export function normalizeCode(input: string): string {
  return input
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\D/g, '');
}

export function isOtpCode(input: string): boolean {
  return /^\d{6}$/.test(normalizeCode(input));
}
