// A 新增/编辑 dialog's form: filled afresh each time it opens, checked before saving, and the
// server's 422 `details` shown under the fields they name (anything else at the top).
import { ref, watch, type Ref } from 'vue';
import { ElMessage, type FormInstance, type FormItemRule } from 'element-plus';
import { asAdminError } from '../api/http';
import { formErrors } from '../domain/details';

export function useFormDialog(visible: Ref<boolean>, fields: readonly string[], fill: () => void) {
  const formRef = ref<FormInstance>();
  const busy = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const topErrors = ref<string[]>([]);

  watch(visible, (open) => {
    if (!open) return;
    fill();
    serverErrors.value = {};
    topErrors.value = [];
    formRef.value?.clearValidate();
  });

  /** Runs `save` once the form's own rules pass, with the save button busy meanwhile. */
  async function submit(save: () => Promise<void>) {
    serverErrors.value = {};
    topErrors.value = [];
    if (!(await formRef.value?.validate().catch(() => false))) return;
    busy.value = true;
    try {
      await save();
    } catch (e) {
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

  return { formRef, busy, serverErrors, topErrors, submit, closeUnchanged };
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
