import { describe, expect, it } from 'vitest';
import type { ScheduledPhase } from '../api/types';
import { campaignStage, phaseTimeline } from './phases';

// Days are Shanghai days: "2022-04-21" starts at 2022-04-20T16:00:00Z.
function phase(key: string, startDay: string, endDay: string, current = false): ScheduledPhase {
  const utc = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime()).toISOString();
  const after = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  return { key, name: key, start: utc(startDay), end: after(endDay), current };
}

const schedule = (currentKey = '') => [
  phase('draft', '2022-02-08', '2022-02-20', currentKey === 'draft'),
  phase('showcase', '2022-02-21', '2022-04-10', currentKey === 'showcase'),
  phase('review', '2022-04-11', '2022-04-20', currentKey === 'review'),
  phase('voting', '2022-04-21', '2022-05-31', currentKey === 'voting'),
  phase('judging', '2022-06-01', '2022-06-10', currentKey === 'judging'),
];

const statuses = (entries: { status: string }[]) => entries.map((e) => e.status);

describe('phaseTimeline', () => {
  it('follows the phase the server marks as current, whatever the clock says', () => {
    const timeline = phaseTimeline(schedule('voting'), 'voting', new Date('2030-01-01T00:00:00Z'));
    expect(statuses(timeline)).toEqual(['done', 'done', 'done', 'current', 'upcoming']);
  });

  it('uses the current key when no phase is flagged', () => {
    const timeline = phaseTimeline(schedule(), 'review', new Date('2022-01-01T00:00:00Z'));
    expect(statuses(timeline)).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming']);
  });

  it('falls back to the phase times, with exclusive ends', () => {
    // 2022-06-01 00:00 in Shanghai: voting has just ended, judging has just begun.
    const timeline = phaseTimeline(schedule(), null, new Date('2022-05-31T16:00:00Z'));
    expect(statuses(timeline)).toEqual(['done', 'done', 'done', 'done', 'current']);
  });

  it('marks everything upcoming before the campaign and done after it', () => {
    expect(statuses(phaseTimeline(schedule(), null, new Date('2021-01-01T00:00:00Z')))).toEqual(
      Array(5).fill('upcoming'),
    );
    expect(statuses(phaseTimeline(schedule(), null, new Date('2023-01-01T00:00:00Z')))).toEqual(Array(5).fill('done'));
  });

  it('notices a rescheduled phase', () => {
    const moved = { ...phase('voting', '2022-04-21', '2022-06-05'), original_end: '2022-05-31T16:00:00Z' };
    const same = { ...phase('judging', '2022-06-06', '2022-06-10') };
    same.original_start = same.start;
    same.original_end = same.end;
    const [a, b] = phaseTimeline([moved, same], null, new Date('2022-05-01T00:00:00Z'));
    expect(a.rescheduled).toBe(true);
    expect(b.rescheduled).toBe(false);
  });
});

describe('campaignStage', () => {
  it('prefers the phase the server reports', () => {
    const current = { key: 'voting', name: '展播与线上投票', start: '', end: '' };
    expect(campaignStage(current, [])).toEqual({ kind: 'phase', phase: current });
  });

  it('says finished or not started when no phase is current', () => {
    expect(campaignStage(null, phaseTimeline(schedule(), null, new Date('2023-01-01T00:00:00Z'))).kind).toBe('finished');
    expect(campaignStage(null, phaseTimeline(schedule(), null, new Date('2021-01-01T00:00:00Z'))).kind).toBe(
      'not_started',
    );
  });
});
