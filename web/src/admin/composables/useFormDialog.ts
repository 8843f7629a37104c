// A 新增/编辑 dialog's form: filled afresh each time it opens, checked before saving, and the
// server's 422 `details` shown under the fields they name (anything else at the top). Closing
// it (×, Esc, 取消, leaving the page) with edits not saved asks first (useUnsavedChanges).
import { nextTick, ref, watch, type Ref } from 'vue';
import { ElMessage, type FormInstance, type FormItemRule } from 'element-plus';
import { asAdminError } from '../api/http';
import { formErrors } from '../domain/details';
import { snapshotOf, useUnsavedChanges } from './useUnsavedChanges';

export function useFormDialog(visible: Ref<boolean>, fields: readonly string[], fill: () => void, model: () => unknown) {
  const formRef = ref<FormInstance>();
  const busy = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const topErrors = ref<string[]>([]);
  const filled = ref('');

  const isDirty = () => visible.value && filled.value !== '' && snapshotOf(model()) !== filled.value;
  const { beforeClose, cancel } = useUnsavedChanges(isDirty, visible);

  watch(visible, (open) => {
    if (!open) {
      filled.value = '';
      return;
    }
    fill();
    serverErrors.value = {};
    topErrors.value = [];
    formRef.value?.clearValidate();
    // Components inside the form may settle their values once mounted (a select's default).
    void nextTick(() => {
      filled.value = snapshotOf(model());
    });
  });

  /** After a save: what the form holds now is not lost when it closes. */
  function markSaved() {
    filled.value = snapshotOf(model());
  }

  /** Runs `save` once the form's own rules pass, with the save button busy meanwhile. */
  async function submit(save: () => Promise<void>) {
    serverErrors.value = {};
    topErrors.value = [];
    if (!(await formRef.value?.validate().catch(() => false))) return;
    busy.value = true;
    const unsaved = filled.value;
    try {
      // What is being saved is not lost when the dialog closes after the save.
      markSaved();
      await save();
    } catch (e) {
      filled.value = unsaved;
      const err = asAdminError(e);
      if (err.details.length) {
        const split = formErrors(err.details, fields);
        serverErrors.value = split.byField;
        topErrors.value = split.other.length ? [err.message, ...split.other] : [];
      } else {
        topErrors.value = [err.message];
        ElMessage.error(err.message);
      }
    } finally {
      busy.value = false;
    }
  }

  /** An edit that changes nothing just closes the dialog. */
  function closeUnchanged() {
    ElMessage.info('没有修改任何内容');
    visible.value = false;
  }

  return { formRef, busy, serverErrors, topErrors, submit, closeUnchanged, beforeClose, cancel };
}

/** A rule (checked on blur) that shows what `problem` finds wrong with the value. */
export function problemRule(problem: (value: string) => string | null): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_r: unknown, v: string, cb: (e?: Error) => void) => {
      const p = problem(v);
      if (p) cb(new Error(p));
      else cb();
    },
  };
}
