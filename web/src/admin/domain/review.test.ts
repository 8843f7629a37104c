import { describe, expect, it } from 'vitest';
import { decisionEffect, flagCount, flagSignals, scorePercent, signalDetail, signalLabel, SIGNAL_LABELS } from './review';
import { flaggedRuns, hourPoints, reviewChartOption, zoomWindow } from './reviewChart';

describe('signal labels', () => {
  it('names every detector signal in Chinese', () => {
    expect(Object.keys(SIGNAL_LABELS)).toHaveLength(14);
    expect(signalLabel('shared_device')).toBe('一台设备多个号码');
    expect(signalLabel('pow_too_fast')).toBe('计算题解得过快（疑似脚本）');
    expect(signalLabel('something_new')).toBe('something_new');
  });

  it('says the value against the threshold in words', () => {
    expect(signalDetail({ signal: 'shared_device', value: 7, threshold: 4, weight: 0.6 })).toBe('一周内 7 个号码在同一设备投票（阈值 4 个）');
    expect(signalDetail({ signal: 'page_too_quick', value: 300, threshold: 1500, weight: 0.3 })).toBe('打开页面 0.3 秒后投票（少于 1.5 秒即提示）');
    expect(signalDetail({ signal: 'subnet_share', value: 0.62, threshold: 0.3, weight: 0.35 })).toBe('近期 62% 的票来自这个网段（阈值 30%）');
    expect(signalDetail({ signal: 'odd_hour', value: 3, threshold: 6, weight: 0.15 })).toBe('当地 3 点投票（6 点前算深夜）');
  });

  it('reads the evidence as an object or as stored text', () => {
    const evidence = { score: 0.7, quarantine: true, evidence: [{ signal: 'burst', value: 9, threshold: 7, weight: 0.55 }] };
    expect(flagSignals({ evidence }).map((e) => e.signal)).toEqual(['burst']);
    expect(flagSignals({ evidence: JSON.stringify(evidence) }).map((e) => e.signal)).toEqual(['burst']);
    expect(flagSignals({ evidence: 'not json' })).toEqual([]);
    expect(flagSignals({ evidence: null })).toEqual([]);
  });

  it('shows scores as percents and counts per state', () => {
    expect(scorePercent(0.84)).toBe('84%');
    expect(scorePercent(1.2)).toBe('100%');
    const item = { candidate_id: 1, name: 'x', unit: '', district_name: '', valid: 3, review: 5, released: 2, invalidated: 1 };
    expect(flagCount(item, 'review')).toBe(5);
    expect(flagCount(item, 'all')).toBe(8);
    expect(flagCount(undefined, 'all')).toBe(0);
    expect(decisionEffect('release', 3, '钟庆梅')).toContain('有效票增加 3 票');
    expect(decisionEffect('invalidate', 3, '钟庆梅')).toContain('有效票不变');
  });
});

describe('review chart', () => {
  const hours = [
    { day: '2026-12-02', hour: 22, valid: 2, flagged: 0 },
    { day: '2026-12-03', hour: 1, valid: 1, flagged: 6 },
    { day: '2026-12-03', hour: 0, valid: 0, flagged: 3 },
    { day: '2026-12-03', hour: 4, valid: 5, flagged: 0 },
  ];

  it('fills the empty hours in order, across midnight', () => {
    const points = hourPoints(hours);
    expect(points.map((p) => p.label)).toEqual(['12-02 22时', '12-02 23时', '12-03 00时', '12-03 01时', '12-03 02时', '12-03 03时', '12-03 04时']);
    expect(points.map((p) => p.flagged)).toEqual([0, 0, 3, 6, 0, 0, 0]);
  });

  it('marks the runs of flagged hours and the worst hour', () => {
    expect(flaggedRuns(hourPoints(hours))).toEqual([['12-03 00时', '12-03 01时']]);
    const option = reviewChartOption(hours);
    const series = option.series as { name: string; data: number[]; markArea?: { data: unknown[] }; markPoint?: { data: { value: number }[] } }[];
    expect(series.map((s) => s.name)).toEqual(['有效票', '可疑票（刷票嫌疑）']);
    expect(series[0].data).toEqual([2, 0, 0, 1, 0, 0, 5]);
    expect(series[1].data).toEqual([0, 0, 3, 6, 0, 0, 0]);
    expect(series[1].markArea?.data).toHaveLength(1);
    expect(series[1].markPoint?.data[0].value).toBe(6);
  });

  it('opens on the flagged hours and a day either side', () => {
    const long = Array.from({ length: 100 }, (_, i) => ({ day: `2026-12-0${1 + Math.floor(i / 24)}`, hour: i % 24, valid: 1, flagged: i === 80 || i === 82 ? 2 : 0 }));
    expect(zoomWindow(hourPoints(long))).toEqual([56, 99]);
    expect(zoomWindow(hourPoints(hours))).toEqual([0, 6]);
    expect(zoomWindow([])).toEqual([0, 0]);
  });

  it('draws an empty chart without marks', () => {
    const option = reviewChartOption([]);
    const series = option.series as { data: number[]; markPoint?: { data: unknown[] } }[];
    expect(series[1].data).toEqual([]);
    expect(series[1].markPoint?.data).toEqual([]);
  });
});
