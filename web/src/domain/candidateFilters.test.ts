import { describe, expect, it } from 'vitest';
import { filtersFromQuery, hasFilters, queryFromFilters } from './candidateFilters';

describe('candidate filters in the URL', () => {
  it('reads single values, trimming and taking the first of repeated ones', () => {
    expect(filtersFromQuery({ group: 'town_street', district: ['150303', '150301'], q: ' 新桥 ' })).toEqual({
      group: 'town_street',
      district: '150303',
      q: '新桥',
    });
    expect(filtersFromQuery({})).toEqual({ group: '', district: '', q: '' });
  });

  it('writes only the filters that are set', () => {
    expect(queryFromFilters({ group: '', district: '150303', q: '  ' })).toEqual({ district: '150303' });
    expect(hasFilters({ group: '', district: '', q: '' })).toBe(false);
  });
});
