import { describe, expect, it } from 'vitest';
import {
  ballotCodeProblem,
  codeFromQuery,
  groupBallotCode,
  isBallotCode,
  isMemberVoter,
  normalizeBallotCode,
  voterLabel,
} from './ballotCode';

describe('ballot codes as typed', () => {
  it('drops case, spaces and dashes', () => {
    expect(normalizeBallotCode('abcd-efgh-jklm')).toBe('ABCDEFGHJKLM');
    expect(normalizeBallotCode(' ABCD EFGH\tJKLM ')).toBe('ABCDEFGHJKLM');
    expect(normalizeBallotCode('abcd — efgh – jklm')).toBe('ABCDEFGHJKLM');
    expect(isBallotCode('abcd efgh jklm')).toBe(true);
  });

  it('forgives a Chinese keyboard: full-width letters, digits, dashes and spaces', () => {
    expect(normalizeBallotCode('ＡＢＣＤ－ｅｆｇｈ　２３４５')).toBe('ABCDEFGH2345');
    expect(isBallotCode('ＡＢＣＤ－ｅｆｇｈ　２３４５')).toBe(true);
  });

  it('groups by four, also while it is being typed', () => {
    expect(groupBallotCode('abcdefghjklm')).toBe('ABCD-EFGH-JKLM');
    expect(groupBallotCode('ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM');
    expect(groupBallotCode('abcde')).toBe('ABCD-E');
    expect(groupBallotCode('abcd')).toBe('ABCD');
    expect(groupBallotCode('')).toBe('');
    expect(groupBallotCode('ABCDEFGHJKLMN')).toBe('ABCD-EFGH-JKLM-N');
  });

  it('says what is wrong in Chinese', () => {
    expect(ballotCodeProblem('')).toBe('请输入投票码');
    expect(ballotCodeProblem(' - ')).toBe('请输入投票码');
    expect(ballotCodeProblem('ABCD-EFGH')).toBe('投票码应为 12 位，现在是 8 位');
    expect(ballotCodeProblem('ABCD-EFGH-JKLMN')).toBe('投票码应为 12 位，现在是 13 位');
    expect(ballotCodeProblem('ABCD-EFGH-JKL0')).toContain('没有数字 0、1 和字母 O、I');
    expect(ballotCodeProblem('ABCD-EFGH-JKLO')).toContain('没有数字 0、1 和字母 O、I');
    expect(ballotCodeProblem('ABCD-EFGH-JKL1')).toContain('没有数字 0、1 和字母 O、I');
    expect(ballotCodeProblem('ABCD-EFGH-JK党M')).toBe('投票码只含字母和数字，请核对纸条');
    expect(ballotCodeProblem('abcd-efgh-jklm')).toBeNull();
    expect(ballotCodeProblem('23456789ABCD')).toBeNull();
  });

  it('takes the code of a slip link from the query', () => {
    expect(codeFromQuery('abcd-efgh-jklm')).toBe('ABCDEFGHJKLM');
    expect(codeFromQuery(['ABCDEFGHJKLM', 'other'])).toBe('ABCDEFGHJKLM');
    expect(codeFromQuery(undefined)).toBe('');
    expect(codeFromQuery(null)).toBe('');
    expect(codeFromQuery('x'.repeat(500))).toHaveLength(64);
  });
});

describe('the signed-in voter', () => {
  it('is named by phone tail or by the end of the ballot code', () => {
    expect(voterLabel({ kind: 'phone', phone_tail: '8000' })).toBe('手机号尾号 8000');
    expect(voterLabel({ kind: 'member', phone_tail: 'JKLM' })).toBe('党员投票码 ····JKLM');
    expect(isMemberVoter({ kind: 'member' })).toBe(true);
    expect(isMemberVoter({ kind: 'phone' })).toBe(false);
    expect(isMemberVoter(null)).toBe(false);
  });
});
