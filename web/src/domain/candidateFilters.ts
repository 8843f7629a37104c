// The candidate list's filters live in the URL (?group=&district=&q=) so that a filtered
// list can be shared, reloaded and returned to with the back button.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export interface CandidateFilters {
  group: string;
  district: string;
  q: string;
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return (first ?? '').trim();
}

export function filtersFromQuery(query: LocationQuery): CandidateFilters {
  return { group: single(query.group), district: single(query.district), q: single(query.q) };
}

/** The URL query for the filters, leaving out the ones not set. */
export function queryFromFilters(filters: CandidateFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.group) query.group = filters.group;
  if (filters.district) query.district = filters.district;
  const q = filters.q.trim();
  if (q) query.q = q;
  return query;
}

export function sameFilters(a: CandidateFilters, b: CandidateFilters): boolean {
  return a.group === b.group && a.district === b.district && a.q === b.q;
}

export function hasFilters(filters: CandidateFilters): boolean {
  return !!(filters.group || filters.district || filters.q);
}
