// Reasons that go into the audit log: 更正原因 (after 审核 every roster change must say why, at
// least 4 characters) and the like, e.g. 作废原因 when ballot codes are revoked (2–200).
export const REASON_MIN_LENGTH = 4;

export interface ReasonRule {
  /** What the reason is called in the messages. */
  label?: string;
  min?: number;
  max?: number;
}

export function reasonProblem(reason: string | null | undefined, rule: ReasonRule = {}): string | null {
  const { label = '更正原因', min = REASON_MIN_LENGTH, max } = rule;
  const text = (reason ?? '').trim();
  const length = [...text].length;
  if (!text) return `请填写${label}`;
  if (length < min) return `${label}至少 ${min} 个字`;
  if (max !== undefined && length > max) return `${label}最多 ${max} 个字，现在是 ${length} 个字`;
  return null;
}

export function correctionNotice(phaseName: string): string {
  return `当前阶段${phaseName ? `（${phaseName}）` : ''}修改名单属于更正，须填写原因并记入审计日志。`;
}
