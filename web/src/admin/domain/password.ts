// The server's password rule (docs/admin-api.md): at least 10 characters, not all digits,
// not the username (the server also refuses one that contains it). Checked before sending so
// that the message appears at once; the server checks again.
export const PASSWORD_MIN_LENGTH = 10;

export function passwordProblem(password: string, username = ''): string | null {
  if (!password) return '请输入密码';
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (/^\d+$/.test(password)) return '密码不能全是数字';
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  return null;
}
