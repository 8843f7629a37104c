// Unsaved changes are never lost without a word: leaving the page (another menu item, the
// browser's back, closing the tab), switching a settings tab or closing a dialog with a form
// asks first while `isDirty()` says there is something unsaved. One question everywhere.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessageBox } from 'element-plus';

export const DISCARD_QUESTION = '有尚未保存的修改，离开后这些修改将丢失。确定放弃修改吗？';

/** Asks whether to throw the unsaved changes away; true when the user says so. */
export async function confirmDiscard(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(DISCARD_QUESTION, '放弃未保存的修改', {
      confirmButtonText: '放弃修改',
      cancelButtonText: '继续编辑',
      type: 'warning',
      distinguishCancelAndClose: false,
      customClass: 'ss-discard-box',
    });
    return true;
  } catch {
    return false;
  }
}

/** A value's state to compare with later (plain data: form models, settings drafts). */
export function snapshotOf(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * Guards the page (route leave, closing the tab) while `isDirty()`. With a dialog's `visible`,
 * also its ElDialog before-close (×, Esc) and its 取消 button.
 */
export function useUnsavedChanges(isDirty: () => boolean, visible?: Ref<boolean>) {
  onBeforeRouteLeave(async () => (isDirty() ? confirmDiscard() : true));
  const onUnload = (e: BeforeUnloadEvent) => {
    if (!isDirty()) return;
    e.preventDefault();
    e.returnValue = '';
  };
  onMounted(() => window.addEventListener('beforeunload', onUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload));

  /** True when there is nothing unsaved or the user chose to discard it. */
  async function mayDiscard(): Promise<boolean> {
    return isDirty() ? confirmDiscard() : true;
  }
  async function beforeClose(done: () => void) {
    if (await mayDiscard()) done();
  }
  async function cancel() {
    if (visible && (await mayDiscard())) visible.value = false;
  }
  return { mayDiscard, beforeClose, cancel };
}
