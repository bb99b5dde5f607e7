import type { StatsReport } from '../../core/api/views';
import { APPLICATION_STATUSES, STATUS_LABEL } from '../../core/lifecycle';
import { CHART_TEXT, type ChartOption } from './EChart';

const STATUS_COLOR: Partial<Record<string, string>> = {
  needs_supplement: '#fa8c16',
  approved: '#52c41a',
  rejected: '#ff4d4f',
  completed: '#389e0d',
  withdrawn: '#bfbfbf',
  draft: '#bfbfbf',
};

/** 受理 / 审核决定 / 按期 by week or month. */
export function trendOption(r: StatsReport): ChartOption {
  const points = r.trend.points;
  return {
    textStyle: CHART_TEXT,
    tooltip: { trigger: 'axis' },
    legend: { data: ['受理', '审核决定', '其中按期'], top: 0, itemGap: 28 },
    grid: { left: 36, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '受理', type: 'line', data: points.map((p) => p.submitted), smooth: true, showSymbol: true, symbolSize: 7, color: '#1d5fbf' },
      { name: '审核决定', type: 'line', data: points.map((p) => p.decided), smooth: true, showSymbol: true, symbolSize: 7, color: '#13c2c2' },
      { name: '其中按期', type: 'bar', data: points.map((p) => p.onTime), barMaxWidth: 18, color: '#95de64' },
    ],
  };
}

/** Horizontal bars, largest on top, the count at the end of each. */
export function barsOption(bars: { label: string; count: number; color?: string }[], color = '#1d5fbf'): ChartOption {
  const rows = [...bars].reverse();
  // Room for the longest name (at most 12 characters shown): ECharts 6 no longer measures labels into the grid.
  const longest = Math.min(12, Math.max(...rows.map((b) => b.label.length)));
  return {
    textStyle: CHART_TEXT,
    tooltip: { trigger: 'item', formatter: '{b}：{c}件' },
    grid: { left: longest * CHART_TEXT.fontSize + 16, right: 44, top: 4, bottom: 4 },
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: { width: longest * CHART_TEXT.fontSize + 8, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => ({ value: b.count, itemStyle: { color: b.color ?? color } })),
        barMaxWidth: 16,
        label: { show: true, position: 'right', formatter: '{c}件' },
      },
    ],
  };
}

export function statusBars(r: StatsReport): { label: string; count: number; color?: string }[] {
  return APPLICATION_STATUSES.filter((s) => (r.byStatus[s] ?? 0) > 0).map((s) => ({
    label: STATUS_LABEL[s],
    count: r.byStatus[s] ?? 0,
    color: STATUS_COLOR[s],
  }));
}

/** A bar chart's height for n rows: the rows readable, the card not taller than the screen needs. */
export const barsHeight = (n: number) => Math.max(80, Math.min(260, 26 * n + 16));
