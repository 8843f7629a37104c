// Runs an async load for a page and tracks its loading and error state, so the page can show
// a spinner, the API's message with a retry, or the data.
import { ref, shallowRef, type Ref } from 'vue';
import { ApiError, errorFromException } from '../api/client';

export interface Load<T> {
  data: Ref<T | null>;
  loading: Ref<boolean>;
  error: Ref<ApiError | null>;
  run: () => Promise<void>;
}

export function useLoad<T>(fetch: () => Promise<T>): Load<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let latest = 0;

  async function run(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const value = await fetch();
      if (ticket === latest) data.value = value;
    } catch (e) {
      if (ticket === latest) error.value = errorFromException(e);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  return { data, loading, error, run };
}
