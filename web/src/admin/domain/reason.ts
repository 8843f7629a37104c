// 更正原因: after 审核 every roster change must say why (at least 4 characters).
export const REASON_MIN_LENGTH = 4;

export function reasonProblem(reason: string | null | undefined): string | null {
  const text = (reason ?? '').trim();
  if (!text) return '请填写更正原因';
  if ([...text].length < REASON_MIN_LENGTH) return `更正原因至少 ${REASON_MIN_LENGTH} 个字`;
  return null;
}

export function correctionNotice(phaseName: string): string {
  return `当前阶段${phaseName ? `（${phaseName}）` : ''}修改名单属于更正，须填写原因并记入审计日志。`;
}
