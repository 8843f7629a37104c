// Turning a roster row (参评书记, 组织单位) on or off: asked first, and after 审核 with the
// 更正原因 that goes into the audit log.
import { ElMessageBox } from 'element-plus';
import { reasonProblem } from '../domain/reason';
import { useSessionStore } from '../stores/session';

export function useRosterChange() {
  const session = useSessionStore();

  /** What to send along with the change ({ reason } when correcting), or null when cancelled. */
  async function confirmChange(what: string, title: string, verb: string): Promise<{ reason?: string } | null> {
    try {
      if (session.correction) {
        const answer = await ElMessageBox.prompt(`${what}当前阶段修改名单属于更正，请填写更正原因（记入审计日志）。`, title, {
          confirmButtonText: verb,
          cancelButtonText: '取消',
          type: 'warning',
          inputType: 'textarea',
          inputPlaceholder: '更正原因，至少 4 个字',
          inputValidator: (v: string) => reasonProblem(v) ?? true,
        });
        const reason = answer.value.trim();
        return reason ? { reason } : {};
      }
      await ElMessageBox.confirm(what, title, { confirmButtonText: verb, cancelButtonText: '取消', type: 'warning' });
      return {};
    } catch {
      return null; // cancelled
    }
  }

  return { confirmChange };
}
