// Where a campaign stands among its phases. The server marks the current phase (an organizer
// may advance it early or late); only when it marks none do the phase times decide.
import type { Phase, ScheduledPhase } from '../api/types';
import { parseInstant } from './time';

export type PhaseStatus = 'done' | 'current' | 'upcoming';

export interface TimelineEntry {
  key: string;
  name: string;
  start: string;
  end: string;
  status: PhaseStatus;
  /** The organizer moved the phase away from its original dates. */
  rescheduled: boolean;
  originalStart?: string;
  originalEnd?: string;
}

function byTime(phase: ScheduledPhase, now: Date): PhaseStatus {
  const start = parseInstant(phase.start);
  const end = parseInstant(phase.end);
  if (end && end.getTime() <= now.getTime()) return 'done';
  if (start && start.getTime() <= now.getTime()) return 'current';
  return 'upcoming';
}

function moved(original: string | undefined, actual: string): boolean {
  if (!original) return false;
  const a = parseInstant(original);
  const b = parseInstant(actual);
  return !!a && !!b && a.getTime() !== b.getTime();
}

export function phaseTimeline(
  phases: ScheduledPhase[],
  currentKey: string | null | undefined,
  now: Date = new Date(),
): TimelineEntry[] {
  let currentIndex = phases.findIndex((p) => p.current);
  if (currentIndex < 0 && currentKey) currentIndex = phases.findIndex((p) => p.key === currentKey);

  return phases.map((phase, index) => {
    let status: PhaseStatus;
    if (currentIndex >= 0) {
      status = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
    } else {
      status = byTime(phase, now);
    }
    return {
      key: phase.key,
      name: phase.name,
      start: phase.start,
      end: phase.end,
      status,
      rescheduled: moved(phase.original_start, phase.start) || moved(phase.original_end, phase.end),
      originalStart: phase.original_start,
      originalEnd: phase.original_end,
    };
  });
}

export type CampaignStage =
  | { kind: 'phase'; phase: Phase }
  | { kind: 'not_started' }
  | { kind: 'finished' };

/** What to say on the "当前阶段" line. */
export function campaignStage(current: Phase | null | undefined, timeline: TimelineEntry[]): CampaignStage {
  if (current) return { kind: 'phase', phase: current };
  const ongoing = timeline.find((entry) => entry.status === 'current');
  if (ongoing) return { kind: 'phase', phase: ongoing };
  if (timeline.length > 0 && timeline.every((entry) => entry.status === 'done')) return { kind: 'finished' };
  return { kind: 'not_started' };
}

export const PHASE_STATUS_TEXT: Record<PhaseStatus, string> = {
  done: '已完成',
  current: '进行中',
  upcoming: '未开始',
};
