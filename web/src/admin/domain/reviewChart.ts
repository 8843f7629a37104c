// The review chart's ECharts option: votes per hour of one candidate, valid and flagged as two
// series, the hours with flagged votes shaded (markArea) and the worst hour marked (markPoint).
// Pure: only types come from echarts, so it is tested without a canvas.
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TimelineHour } from '../api/review';

export type ReviewChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkPointComponentOption
>;

export const REVIEW_COLORS = { valid: '#2f6fdb', flagged: '#c8161d', area: 'rgba(200, 22, 29, 0.10)' };

/** Hours are filled in between the first and the last when the span is at most this long. */
const MAX_FILLED_HOURS = 24 * 31;

export interface HourPoint {
  label: string;
  valid: number;
  flagged: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const label = (day: string, hour: number) => `${day.slice(5)} ${pad2(hour)}时`;
const hourIndex = (day: string, hour: number) => Date.parse(`${day}T00:00:00Z`) / 3_600_000 + hour;

/** The hours in order, with the empty hours between them filled with zeros (when not too many). */
export function hourPoints(hours: TimelineHour[]): HourPoint[] {
  const sorted = [...hours]
    .filter((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.day))
    .sort((a, b) => hourIndex(a.day, a.hour) - hourIndex(b.day, b.hour));
  if (sorted.length === 0) return [];
  const first = hourIndex(sorted[0].day, sorted[0].hour);
  const last = hourIndex(sorted[sorted.length - 1].day, sorted[sorted.length - 1].hour);
  if (last - first + 1 > MAX_FILLED_HOURS) return sorted.map((h) => ({ label: label(h.day, h.hour), valid: h.valid, flagged: h.flagged }));
  const byIndex = new Map(sorted.map((h) => [hourIndex(h.day, h.hour), h]));
  const out: HourPoint[] = [];
  for (let i = first; i <= last; i++) {
    const h = byIndex.get(i);
    const at = new Date(i * 3_600_000);
    const day = `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}`;
    out.push({ label: label(day, at.getUTCHours()), valid: h?.valid ?? 0, flagged: h?.flagged ?? 0 });
  }
  return out;
}

/** The runs of consecutive hours with flagged votes, as [first label, last label]. */
export function flaggedRuns(points: HourPoint[]): [string, string][] {
  const runs: [string, string][] = [];
  let start = -1;
  points.forEach((p, i) => {
    if (p.flagged > 0 && start < 0) start = i;
    const ends = p.flagged > 0 && (i === points.length - 1 || points[i + 1].flagged === 0);
    if (ends) {
      runs.push([points[start].label, p.label]);
      start = -1;
    }
  });
  return runs;
}

const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/** Hours shown either side of the flagged ones when the chart opens (the rest by zooming). */
export const ZOOM_MARGIN_HOURS = 24;

/** The first and last index to show: the flagged hours and a day either side, or everything. */
export function zoomWindow(points: HourPoint[]): [number, number] {
  const first = points.findIndex((p) => p.flagged > 0);
  if (first < 0) return [0, Math.max(0, points.length - 1)];
  let last = first;
  points.forEach((p, i) => {
    if (p.flagged > 0) last = i;
  });
  return [Math.max(0, first - ZOOM_MARGIN_HOURS), Math.min(points.length - 1, last + ZOOM_MARGIN_HOURS)];
}

export function reviewChartOption(hours: TimelineHour[]): ReviewChartOption {
  const points = hourPoints(hours);
  const runs = flaggedRuns(points);
  const labels = points.map((p) => p.label);
  let peak = -1;
  points.forEach((p, i) => {
    if (p.flagged > 0 && (peak < 0 || p.flagged > points[peak].flagged)) peak = i;
  });
  const [from, to] = zoomWindow(points);
  return {
    textStyle: { fontFamily: FONT, fontSize: 14 },
    animation: false,
    color: [REVIEW_COLORS.valid, REVIEW_COLORS.flagged],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: ['有效票', '可疑票（刷票嫌疑）'], textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 24, top: 40, bottom: 76 },
    dataZoom: [
      { type: 'inside', startValue: from, endValue: to },
      { type: 'slider', startValue: from, endValue: to, height: 20, bottom: 8 },
    ],
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 13, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, name: '票数', axisLabel: { fontSize: 13 } },
    series: [
      {
        name: '有效票',
        type: 'bar',
        stack: 'votes',
        data: points.map((p) => p.valid),
        barMaxWidth: 28,
      },
      {
        name: '可疑票（刷票嫌疑）',
        type: 'bar',
        stack: 'votes',
        data: points.map((p) => p.flagged),
        barMaxWidth: 28,
        markArea: {
          silent: true,
          itemStyle: { color: REVIEW_COLORS.area },
          data: runs.map(([from, to]) => [{ xAxis: from }, { xAxis: to }]),
        },
        markPoint:
          peak >= 0
            ? {
                symbolSize: 46,
                label: { fontSize: 13, color: '#fff' },
                data: [{ name: '最多', coord: [labels[peak], points[peak].valid + points[peak].flagged], value: points[peak].flagged }],
              }
            : { data: [] }, // merged into the chart: an empty list removes an earlier candidate's mark
      },
    ],
  };
}
