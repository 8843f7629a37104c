import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';
import { correctionNotice, reasonProblem } from './reason';

describe('passwordProblem', () => {
  it('accepts 10+ characters that are not all digits and not the username', () => {
    expect(passwordProblem('haina-2022-ok', 'hainan')).toBeNull();
    expect(passwordProblem('密码很长的一句话就行了', 'x')).toBeNull();
  });

  it('says what is wrong', () => {
    expect(passwordProblem('')).toBe('请输入密码');
    expect(passwordProblem('short1')).toBe('密码至少 10 个字符');
    expect(passwordProblem('1234567890')).toBe('密码不能全是数字');
    expect(passwordProblem('HainanAdmin', 'hainanadmin')).toBe('密码不能包含用户名');
    expect(passwordProblem('judge9-pass-2022', 'judge9')).toBe('密码不能包含用户名');
  });
});

describe('reasonProblem', () => {
  it('needs at least 4 characters of reason', () => {
    expect(reasonProblem('')).toBe('请填写更正原因');
    expect(reasonProblem('   ')).toBe('请填写更正原因');
    expect(reasonProblem('职务调')).toBe('更正原因至少 4 个字');
    expect(reasonProblem('职务调整')).toBeNull();
  });

  it('explains the correction', () => {
    expect(correctionNotice('展播与线上投票')).toBe('当前阶段（展播与线上投票）修改名单属于更正，须填写原因并记入审计日志。');
  });
});
