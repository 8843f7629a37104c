// The public tally as the results page and the big screen show it, and how each `tally` event
// of the stream moves it: the changed candidates get their new counts, their group's and
// district's totals move by the same amount, the groups are ranked again, and the growth of
// the total is added to today's hour and day.
import type { Tally, TallyCandidate, TallyEvent, TallyGroup } from '../api/types';
import { DEFAULT_TIME_ZONE, formatDateTime, parseInstant, toLocalTime } from './time';

/** Ranks by votes, most first; equal counts share a rank (1, 2, 2, 4) and keep their order. */
export function rankCandidates(candidates: TallyCandidate[]): TallyCandidate[] {
  const sorted = [...candidates].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  let rank = 0;
  return sorted.map((candidate, index) => {
    if (index === 0 || (candidate.votes ?? 0) !== (sorted[index - 1].votes ?? 0)) rank = index + 1;
    return candidate.rank === rank ? candidate : { ...candidate, rank };
  });
}

function localDayAndHour(iso: string, timeZone: string): { day: string; hour: number } | null {
  const instant = parseInstant(iso);
  if (!instant) return null;
  const t = toLocalTime(instant, timeZone);
  const day = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  return { day, hour: t.hour };
}

export interface Applied {
  tally: Tally;
  /** Ids in the event that the tally does not know (a new candidate): time to load the tally again. */
  unknown: number[];
  /** Candidates whose count changed. */
  moved: number[];
}

export function applyTallyEvent(tally: Tally, event: TallyEvent, timeZone = DEFAULT_TIME_ZONE): Applied {
  if (!tally.visible) return { tally, unknown: [], moved: [] };
  const votes = new Map<number, number>();
  for (const change of event.changed ?? []) votes.set(change.id, change.votes);

  const unknown = new Set(votes.keys());
  const districtDelta = new Map<string, number>();
  const moved: number[] = [];
  const groups: TallyGroup[] = tally.groups.map((group) => {
    let groupDelta = 0;
    let changed = false;
    const candidates = group.candidates.map((candidate) => {
      const next = votes.get(candidate.id);
      if (next === undefined) return candidate;
      unknown.delete(candidate.id);
      const delta = next - (candidate.votes ?? 0);
      if (delta === 0) return candidate;
      changed = true;
      moved.push(candidate.id);
      groupDelta += delta;
      districtDelta.set(candidate.district, (districtDelta.get(candidate.district) ?? 0) + delta);
      return { ...candidate, votes: next };
    });
    if (!changed) return group;
    return { ...group, total: (group.total ?? 0) + groupDelta, candidates: rankCandidates(candidates) };
  });

  const districts = tally.districts.map((district) => {
    const delta = districtDelta.get(district.code);
    return delta ? { ...district, votes: (district.votes ?? 0) + delta } : district;
  });

  const next: Tally = { ...tally, groups, districts, total: event.total, as_of: event.as_of || tally.as_of };

  // The growth of the total belongs to the hour and the day of the event.
  const growth = event.total - (tally.total ?? 0);
  const now = localDayAndHour(next.as_of, timeZone);
  if (now && tally.by_hour_today) {
    const before = localDayAndHour(tally.as_of, timeZone);
    const hours = before && before.day !== now.day ? new Array<number>(24).fill(0) : [...tally.by_hour_today];
    while (hours.length < 24) hours.push(0);
    hours[now.hour] = Math.max(0, (hours[now.hour] ?? 0) + growth);
    next.by_hour_today = hours;
  }
  if (now && tally.by_day && growth !== 0) {
    const days = [...tally.by_day];
    const at = days.findIndex((d) => d.day === now.day);
    if (at >= 0) days[at] = { ...days[at], votes: Math.max(0, days[at].votes + growth) };
    else if (growth > 0) {
      days.push({ day: now.day, votes: growth });
      days.sort((a, b) => a.day.localeCompare(b.day));
    }
    next.by_day = days;
  }
  return { tally: next, unknown: [...unknown], moved };
}

/** The line under the results' title: how the counts are published and as of when. */
export function tallyNotice(tally: Tally, timeZone = DEFAULT_TIME_ZONE, snapshotHour?: number): string {
  if (!tally.visible) return '投票结束前不公布票数';
  const asOf = formatDateTime(tally.as_of, timeZone);
  if (tally.show === 'daily') {
    const hour = snapshotHour ?? localDayAndHour(tally.as_of, timeZone)?.hour;
    const when = hour === undefined ? '票数每日定时更新' : `票数每日 ${hour} 点更新`;
    return asOf ? `${when}，截至 ${asOf}` : when;
  }
  return asOf ? `票数实时更新，截至 ${asOf}` : '票数实时更新';
}

/** The first `count` of a ranked group. */
export function topCandidates(group: TallyGroup, count: number): TallyCandidate[] {
  return rankCandidates(group.candidates).slice(0, count);
}

/** Width of a count's bar, in percent of the group's leader (at least a sliver for any vote). */
export function barPercent(votes: number | undefined, leader: number): number {
  if (!votes || leader <= 0) return 0;
  return Math.max(1, Math.round((votes / leader) * 1000) / 10);
}
