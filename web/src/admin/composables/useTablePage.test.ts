import { describe, expect, it } from 'vitest';
import { filtersFromQuery, queryFromFilters } from './useTablePage';

describe('list state in the address', () => {
  const initial = { district: '', q: '', status: 'active', range: null as [string, string] | null };

  it('writes only what differs from the start, and the page', () => {
    const filters = { ...initial, q: '新桥', range: ['2026-12-01', '2026-12-03'] as [string, string] };
    expect(queryFromFilters(initial, filters, { page: 3, page_size: 20 })).toEqual({
      q: '新桥',
      range: '2026-12-01~2026-12-03',
      page: '3',
    });
    expect(queryFromFilters(initial, initial, { page: 1, page_size: 50 })).toEqual({ page_size: '50' });
  });

  it('reads back the filters the page has, in their types, and ignores the rest', () => {
    const back = filtersFromQuery(initial, { q: '新桥', range: '2026-12-01~2026-12-03', status: 'all', redirect: '/x', district: ['a', 'b'] });
    expect(back).toEqual({ q: '新桥', range: ['2026-12-01', '2026-12-03'], status: 'all' });
    expect(filtersFromQuery({ n: 1, on: false }, { n: '5', on: 'true' })).toEqual({ n: 5, on: true });
    expect(filtersFromQuery({ n: 1 }, { n: 'x' })).toEqual({});
  });
});
