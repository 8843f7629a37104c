// A list page's table: the filters, one page of rows, and its loading/error state. Searching
// and a new page size go back to page 1; 重置 puts the filters back as the page started.
import { onMounted, reactive, ref, type Ref } from 'vue';
import type { ListResult } from '../api/types';

export interface Paging {
  page: number;
  page_size: number;
}

export function useTablePage<Row, Filters extends object>(
  initialFilters: () => Filters,
  /** One page of rows; null when there is nothing to list (no campaign chosen). */
  fetchPage: (filters: Filters, paging: Paging) => Promise<ListResult<Row>> | null,
) {
  const filters = reactive(initialFilters()) as Filters;
  const page = ref(1);
  const pageSize = ref(20);
  const items = ref([]) as Ref<Row[]>;
  const total = ref(0);
  const loading = ref(false);
  const loadError = ref('');

  async function load() {
    const answer = fetchPage(filters, { page: page.value, page_size: pageSize.value });
    if (!answer) return;
    loading.value = true;
    loadError.value = '';
    try {
      const { items: rows, total: count } = await answer;
      items.value = rows;
      total.value = count;
    } catch (error) {
      items.value = [];
      total.value = 0;
      loadError.value = (error as Error).message;
    } finally {
      loading.value = false;
    }
  }

  function search() {
    page.value = 1;
    void load();
  }

  function resetFilters() {
    Object.assign(filters, initialFilters());
    search();
  }

  onMounted(load);

  return { filters, page, pageSize, items, total, loading, loadError, load, search, resetFilters };
}
