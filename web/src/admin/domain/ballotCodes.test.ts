import { describe, expect, it } from 'vitest';
import type { BallotCode } from '../api/types';
import {
  branchProblem,
  codeExportRows,
  codesFileName,
  codeStateLabel,
  codeStateTag,
  countProblem,
  filterCodes,
  isRevocable,
  pageOf,
  revokeReasonProblem,
  revokeSelectedText,
  revokeUnusedText,
  slipsFileName,
} from './ballotCodes';

const BATCH = { id: 7, district_name: '海南区', branch: '新桥社区党支部', unused: 3 };

function code(id: number, value: string, state: BallotCode['state'], redeemed_at: number | null = null, revoked_at: number | null = null): BallotCode {
  return { id, code: value, state, redeemed_at, revoked_at };
}

describe('the states of a code', () => {
  it('have Chinese labels and tag colours', () => {
    expect(['unused', 'redeemed', 'revoked'].map(codeStateLabel)).toEqual(['未使用', '已使用', '已作废']);
    expect(codeStateTag('unused')).toBe('success');
    expect(codeStateTag('revoked')).toBe('info');
    expect(codeStateLabel('other')).toBe('other');
  });

  it('can all be revoked but a revoked one', () => {
    expect(isRevocable({ state: 'unused' })).toBe(true);
    expect(isRevocable({ state: 'redeemed' })).toBe(true);
    expect(isRevocable({ state: 'revoked' })).toBe(false);
  });
});

describe('a batch request', () => {
  it('needs a branch of 1 to 60 characters', () => {
    expect(branchProblem('')).toBe('请填写党支部名称');
    expect(branchProblem('   ')).toBe('请填写党支部名称');
    expect(branchProblem('新桥社区党支部')).toBeNull();
    expect(branchProblem('党'.repeat(60))).toBeNull();
    expect(branchProblem('党'.repeat(61))).toBe('党支部名称最多 60 个字，现在是 61 个字');
    expect(branchProblem('新桥\n党支部')).toContain('控制字符');
  });

  it('needs a whole count from 1 to 10000', () => {
    expect(countProblem(undefined)).toBe('请填写数量');
    expect(countProblem(null)).toBe('请填写数量');
    expect(countProblem(0)).toBe('数量须在 1 到 10000 之间');
    expect(countProblem(10_001)).toBe('数量须在 1 到 10000 之间');
    expect(countProblem(2.5)).toBe('数量须为整数');
    expect(countProblem(1)).toBeNull();
    expect(countProblem(10_000)).toBeNull();
  });
});

describe('revoking', () => {
  it('needs a reason of 2 to 200 characters', () => {
    expect(revokeReasonProblem('')).toBe('请填写作废原因');
    expect(revokeReasonProblem('丢')).toBe('作废原因至少 2 个字');
    expect(revokeReasonProblem('纸条丢失')).toBeNull();
    expect(revokeReasonProblem('因'.repeat(201))).toBe('作废原因最多 200 个字，现在是 201 个字');
  });

  it('says that votes already cast stay counted', () => {
    const used = revokeSelectedText([{ state: 'unused' }, { state: 'redeemed' }]);
    expect(used).toContain('所选的 2 个投票码');
    expect(used).toContain('其中 1 个已被使用');
    expect(used).toContain('已经投出的票仍然有效、照常计数');
    expect(revokeSelectedText([{ state: 'unused' }])).toContain('已经投出的票仍然有效');
    expect(revokeUnusedText(BATCH)).toContain('「海南区 · 新桥社区党支部」全部 3 个未使用的投票码');
  });
});

describe('the codes list', () => {
  const codes = [
    code(1, 'ABCDEFGHJKLM', 'unused'),
    code(2, 'ZZZZ2345YYYY', 'redeemed', Date.UTC(2026, 11, 2, 1, 0, 0)),
    code(3, 'QRST6789ABCD', 'revoked', null, Date.UTC(2026, 11, 2, 16, 30, 0)),
  ];

  it('filters by state and by part of the code as typed', () => {
    expect(filterCodes(codes, { state: '', q: '' }).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(filterCodes(codes, { state: 'redeemed', q: '' }).map((c) => c.id)).toEqual([2]);
    expect(filterCodes(codes, { state: '', q: 'abcd' }).map((c) => c.id)).toEqual([1, 3]);
    expect(filterCodes(codes, { state: '', q: 'efgh-jk' }).map((c) => c.id)).toEqual([1]);
    expect(filterCodes(codes, { state: 'unused', q: 'qrst' })).toEqual([]);
  });

  it('pages a list held in the page', () => {
    const list = Array.from({ length: 45 }, (_, i) => i);
    expect(pageOf(list, 1, 20)).toHaveLength(20);
    expect(pageOf(list, 3, 20)).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(list, 0, 20)[0]).toBe(0);
  });

  it('exports grouped codes, state labels and Beijing times', () => {
    const rows = codeExportRows(BATCH, codes, 'Asia/Shanghai');
    expect(rows[0]).toEqual(['区', '党支部', '投票码', '状态', '使用时间', '作废时间']);
    expect(rows[1]).toEqual(['海南区', '新桥社区党支部', 'ABCD-EFGH-JKLM', '未使用', '', '']);
    expect(rows[2]).toEqual(['海南区', '新桥社区党支部', 'ZZZZ-2345-YYYY', '已使用', '2026-12-02 09:00:00', '']);
    expect(rows[3]).toEqual(['海南区', '新桥社区党支部', 'QRST-6789-ABCD', '已作废', '', '2026-12-03 00:30:00']);
  });

  it('names files after the batch, without characters file systems refuse', () => {
    expect(codesFileName(BATCH)).toBe('投票码-海南区-新桥社区党支部-7.xlsx');
    expect(slipsFileName({ ...BATCH, branch: '一/二 支部' })).toBe('投票码纸条-海南区-一_二_支部-7.pdf');
  });
});
