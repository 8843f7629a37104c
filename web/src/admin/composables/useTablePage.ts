// A list page's table: the filters, one page of rows, and its loading/error state. Searching
// and a new page size go back to page 1; 重置 puts the filters back as the page started.
// The page and the filters that differ from the start live in the address (?q=…&page=2), so a
// reload, the back button or a shared link shows the same list. Until the first page has come,
// `loaded` is false: the page says 正在加载 instead of "共 0 … / 没有符合条件的…".
import { onMounted, reactive, ref, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';
import type { ListResult } from '../api/types';

export interface Paging {
  page: number;
  page_size: number;
}

export const DEFAULT_PAGE_SIZE = 20;
/** How a filter whose start value is a list (or null, e.g. a date range) is written: a~b. */
const LIST_SEPARATOR = '~';

type FilterValue = string | number | boolean | null | readonly string[];

/** The filters as read from the address: only keys the page has, in the type they start with. */
export function filtersFromQuery<F extends object>(initial: F, query: LocationQuery): Partial<F> {
  const out: Record<string, unknown> = {};
  for (const [key, start] of Object.entries(initial) as [string, FilterValue][]) {
    const raw = query[key];
    if (typeof raw !== 'string') continue;
    if (typeof start === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) out[key] = n;
    } else if (typeof start === 'boolean') out[key] = raw === 'true';
    else if (start === null || Array.isArray(start)) out[key] = raw ? raw.split(LIST_SEPARATOR) : start;
    else out[key] = raw;
  }
  return out as Partial<F>;
}

/** The filters and paging that differ from the start, as query parameters. */
export function queryFromFilters<F extends object>(initial: F, filters: F, paging: Paging): Record<string, string> {
  const out: Record<string, string> = {};
  const start = initial as Record<string, FilterValue>;
  for (const [key, value] of Object.entries(filters) as [string, FilterValue][]) {
    if (JSON.stringify(value) === JSON.stringify(start[key])) continue;
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
  }
  if (paging.page !== 1) out.page = String(paging.page);
  if (paging.page_size !== DEFAULT_PAGE_SIZE) out.page_size = String(paging.page_size);
  return out;
}

function positive(raw: unknown, fallback: number): number {
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function useTablePage<Row, Filters extends object>(
  initialFilters: () => Filters,
  /** One page of rows; null when there is nothing to list (no campaign chosen). */
  fetchPage: (filters: Filters, paging: Paging) => Promise<ListResult<Row>> | null,
) {
  const route = useRoute();
  const router = useRouter();
  const filters = reactive({ ...initialFilters(), ...filtersFromQuery(initialFilters(), route.query) }) as Filters;
  const page = ref(positive(route.query.page, 1));
  const pageSize = ref(positive(route.query.page_size, DEFAULT_PAGE_SIZE));
  const items = ref([]) as Ref<Row[]>;
  const total = ref(0);
  const loading = ref(true);
  const loaded = ref(false);
  const loadError = ref('');

  /** The address follows the list (replace: paging does not fill the back button's history). */
  function keepInAddress() {
    const own = new Set([...Object.keys(initialFilters()), 'page', 'page_size']);
    const query: LocationQueryRaw = {};
    for (const [k, v] of Object.entries(route.query)) if (!own.has(k)) query[k] = v;
    Object.assign(query, queryFromFilters(initialFilters(), filters, { page: page.value, page_size: pageSize.value }));
    if (JSON.stringify(query) !== JSON.stringify(route.query)) void router.replace({ query });
  }

  async function load() {
    const answer = fetchPage(filters, { page: page.value, page_size: pageSize.value });
    if (!answer) {
      loading.value = false;
      return;
    }
    keepInAddress();
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
      loaded.value = true;
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

  /** The table's empty text, or 正在加载 before the first page has come. */
  function emptyText(text: string): string {
    return loaded.value ? text : '正在加载…';
  }

  onMounted(load);

  return { filters, page, pageSize, items, total, loading, loaded, loadError, load, search, resetFilters, emptyText };
}
