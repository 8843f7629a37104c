// The big screen's charts as ECharts options, built from the tally. Only the parts used are
// imported (bars, a line, a pie, the simple grid, the canvas renderer), so the chunk stays small
// and only this page loads it.
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridSimpleComponent, type GridComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Tally, TallyGroup } from '../../api/types';
import { topCandidates } from '../../domain/tally';

use([BarChart, LineChart, PieChart, GridSimpleComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption>;

export const SCREEN = {
  text: '#e8eef8',
  muted: '#a9b8d3',
  line: 'rgba(169, 184, 211, 0.18)',
  gold: '#ffd166',
  red: '#ff5a5f',
  blue: '#4cc9f0',
  palette: ['#ffd166', '#ff5a5f', '#4cc9f0', '#80ed99', '#c77dff', '#ff9f1c', '#f15bb5', '#00bbf9'],
};

const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const number = (n: number) => n.toLocaleString('zh-CN');

const LABEL_WIDTH = 330;

/** Top 10 of a group as horizontal bars, the leader on top; rank, name and unit on the left. */
export function rankingOption(group: TallyGroup): ChartOption {
  const top = topCandidates(group, 10);
  return {
    textStyle: { fontFamily: FONT },
    animationDurationUpdate: 600,
    grid: { left: LABEL_WIDTH + 8, right: 96, top: 4, bottom: 4 },
    xAxis: { type: 'value', show: false, max: (extent) => Math.max(1, extent.max) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((c) => `${c.rank}|${c.name}|${c.unit}`),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        align: 'left',
        margin: LABEL_WIDTH,
        width: LABEL_WIDTH - 8,
        overflow: 'truncate',
        formatter: (value: string) => {
          const [rank, name, unit] = value.split('|');
          return `{rank|${rank}}{name|${name}}{unit|${unit}}`;
        },
        rich: {
          rank: { color: SCREEN.gold, fontSize: 24, fontWeight: 'bold', width: 40, fontFamily: FONT },
          name: { color: SCREEN.text, fontSize: 25, fontWeight: 'bold', width: 110, fontFamily: FONT },
          unit: { color: SCREEN.muted, fontSize: 19, fontFamily: FONT },
        },
      },
    },
    series: [
      {
        type: 'bar',
        data: top.map((c, i) => ({ value: c.votes ?? 0, itemStyle: { color: i < 3 ? SCREEN.gold : SCREEN.red } })),
        barWidth: '56%',
        itemStyle: { borderRadius: [0, 6, 6, 0] },
        showBackground: true,
        backgroundStyle: { color: 'rgba(255, 255, 255, 0.05)', borderRadius: [0, 6, 6, 0] },
        label: {
          show: true,
          position: 'right',
          color: SCREEN.text,
          fontSize: 24,
          fontWeight: 'bold',
          formatter: ({ value }) => number(Number(value)),
        },
      },
    ],
  };
}

const axisCommon = {
  axisLine: { lineStyle: { color: SCREEN.line } },
  axisTick: { show: false },
  axisLabel: { color: SCREEN.muted, fontSize: 17 },
  splitLine: { lineStyle: { color: SCREEN.line } },
};

/** Votes per day: "11月28日" … today. */
export function byDayOption(tally: Tally): ChartOption {
  const days = tally.by_day ?? [];
  return {
    textStyle: { fontFamily: FONT },
    grid: { left: 12, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: days.map((d) => {
        const [, month, day] = d.day.split('-').map(Number);
        return `${month}月${day}日`;
      }),
      boundaryGap: false,
      ...axisCommon,
    },
    yAxis: { type: 'value', ...axisCommon, axisLine: { show: false } },
    series: [
      {
        type: 'line',
        data: days.map((d) => d.votes),
        smooth: true,
        symbolSize: 8,
        lineStyle: { width: 4, color: SCREEN.blue },
        itemStyle: { color: SCREEN.blue },
        areaStyle: { color: 'rgba(76, 201, 240, 0.18)' },
        label: { show: days.length <= 10, position: 'top', color: SCREEN.text, fontSize: 16 },
      },
    ],
  };
}

/** Votes per hour today, the current hour brighter. */
export function byHourOption(tally: Tally, currentHour: number): ChartOption {
  const hours = tally.by_hour_today ?? [];
  return {
    textStyle: { fontFamily: FONT },
    grid: { left: 12, right: 12, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => `${h}时`),
      ...axisCommon,
      axisLabel: { ...axisCommon.axisLabel, interval: 2 },
    },
    yAxis: { type: 'value', ...axisCommon, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        data: Array.from({ length: 24 }, (_, h) => ({
          value: hours[h] ?? 0,
          itemStyle: { color: h === currentHour ? SCREEN.gold : 'rgba(255, 209, 102, 0.45)', borderRadius: [4, 4, 0, 0] },
        })),
        barWidth: '62%',
      },
    ],
  };
}

/** Votes per district as a ring. */
export function districtOption(tally: Tally): ChartOption {
  return {
    textStyle: { fontFamily: FONT },
    color: SCREEN.palette,
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '52%'],
        data: tally.districts.map((d) => ({ name: d.name, value: d.votes ?? 0 })),
        itemStyle: { borderColor: '#0b1838', borderWidth: 3 },
        label: {
          color: SCREEN.text,
          fontSize: 18,
          formatter: ({ name, value }) => `${name}\n${number(Number(value))} 票`,
          lineHeight: 24,
        },
        labelLine: { lineStyle: { color: SCREEN.muted } },
      },
    ],
  };
}
