// Votes the detector held for review (刷票嫌疑) are counted apart until an organizer decides:
// the public pages say so quietly beside the counts.

/** "另有 3 票审核中" beside a candidate's count; "" when none. */
export function reviewNote(n: number | null | undefined): string {
  return n && n > 0 ? `另有 ${n.toLocaleString('zh-CN')} 票审核中` : '';
}

/** The note under the total; "" when none. */
export function totalReviewNote(n: number | null | undefined): string {
  return n && n > 0 ? `另有 ${n.toLocaleString('zh-CN')} 票正在审核，审核后计入有效票或作废，暂不计入以上票数` : '';
}
