// 作废投票码: asked first, with the reason that goes into the audit log (2–200 characters), then
// sent; the answer is the batch's new counts, or null when cancelled or refused (a toast says why).
import { ElMessage, ElMessageBox } from 'element-plus';
import * as api from '../api/endpoints';
import { asAdminError } from '../api/http';
import type { BallotBatch, BallotRevoke, BallotRevokeResult } from '../api/types';
import { REVOKE_REASON, revokeReasonProblem } from '../domain/ballotCodes';
import { useSessionStore } from '../stores/session';

export function useRevokeCodes() {
  const session = useSessionStore();

  async function revoke(
    batch: BallotBatch,
    target: { code_ids: number[] } | { all_unused: true },
    question: string,
  ): Promise<BallotRevokeResult | null> {
    let reason: string;
    try {
      const answer = await ElMessageBox.prompt(question, '作废投票码', {
        confirmButtonText: '作废',
        cancelButtonText: '取消',
        confirmButtonClass: 'el-button--danger',
        type: 'warning',
        inputType: 'textarea',
        inputPlaceholder: `作废原因（记入审计日志），${REVOKE_REASON.min}–${REVOKE_REASON.max} 个字，例如：纸条丢失`,
        inputValidator: (v: string) => revokeReasonProblem(v) ?? true,
        customClass: 'ss-revoke-box',
      });
      reason = answer.value.trim();
    } catch {
      return null; // cancelled
    }
    try {
      const body: BallotRevoke = { ...target, reason };
      const result = await api.revokeBallotCodes(session.campaignId ?? batch.campaign_id, batch.id, body);
      ElMessage.success(`已作废 ${result.revoked} 个投票码`);
      return result;
    } catch (error) {
      const err = asAdminError(error);
      ElMessage.error(err.details.length ? `${err.message}：${err.details.map((d) => d.message).join('；')}` : err.message);
      return null;
    }
  }

  return { revoke };
}
