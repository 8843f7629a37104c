import { describe, expect, it } from 'vitest';
import { isMobilePhone, isOtpCode, normalizeCode, normalizePhone, phoneProblem } from './phone';

describe('mainland mobile numbers', () => {
  it('accepts 1[3-9] followed by nine digits', () => {
    for (const phone of ['13800138000', '14712345678', '15912345678', '16612345678', '17012345678', '18812345678', '19912345678']) {
      expect(isMobilePhone(phone), phone).toBe(true);
      expect(phoneProblem(phone)).toBeNull();
    }
  });

  it('refuses other numbers with a reason', () => {
    expect(phoneProblem('')).toBe('请输入手机号');
    expect(phoneProblem('   ')).toBe('请输入手机号');
    expect(phoneProblem('1380013800')).toBe('手机号应为 11 位，现在是 10 位');
    expect(phoneProblem('138001380001')).toBe('手机号应为 11 位，现在是 12 位');
    expect(phoneProblem('12800138000')).toContain('请输入正确的手机号');
    expect(phoneProblem('10800138000')).toContain('请输入正确的手机号');
    expect(phoneProblem('23800138000')).toContain('请输入正确的手机号');
    expect(phoneProblem('1380013800a')).toBe('手机号只能包含数字');
    expect(phoneProblem('0471-1234567')).toContain('请输入正确的手机号');
  });

  it('forgives spaces, dashes and the country code', () => {
    expect(normalizePhone(' 138 0013 8000 ')).toBe('13800138000');
    expect(normalizePhone('138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    expect(isMobilePhone('+86 138-0013-8000')).toBe(true);
  });
});

describe('SMS codes', () => {
  it('are six digits, full-width ones and spaces forgiven', () => {
    expect(isOtpCode('123456')).toBe(true);
    expect(isOtpCode(' 123 456 ')).toBe(true);
    expect(normalizeCode('１２３４５６')).toBe('123456');
    expect(isOtpCode('12345')).toBe(false);
    expect(isOtpCode('1234567')).toBe(false);
  });
});
