// Charts are drawn by Apache ECharts on the server, to SVG: no browser script, no CDN, the page works
// offline and prints. Colours are the Okabe–Ito palette, which stays distinguishable with the common kinds
// of colour blindness; every chart also has a data table next to it (html.ts `figure`).
import * as echarts from 'echarts';

export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];
/** A one-hue scale (white → Okabe–Ito sky blue) for counts: lightness alone carries the value, and black
 *  numbers stay readable on the darkest cell. */
export const SEQUENTIAL = ['#f4f8fb', '#56B4E9'];
/** The Okabe–Ito colours on which black labels keep a contrast of 4.5:1 or more, for filled shapes. */
export const LIGHT = ['#56B4E9', '#E69F00', '#009E73', '#F0E442', '#CC79A7'];
export const TEXT = '#1a1a1a';

const base = {
  animation: false,
  color: OKABE_ITO,
  textStyle: { color: TEXT, fontFamily: 'system-ui, sans-serif', fontSize: 12 },
  aria: { enabled: true },
};

export function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...base, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Weeks along x, one row per cluster, the count in each cell. */
export function heatmapSvg(input: { weeks: string[]; rows: string[]; cells: [number, number, number][]; max: number }): string {
  const height = Math.max(160, 60 + input.rows.length * 28);
  const width = Math.max(640, Math.min(1600, 220 + input.weeks.length * 34));
  return renderSvg(
    {
      grid: { left: 210, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: input.weeks.map((w) => w.slice(5)), axisLabel: { rotate: 60, color: TEXT }, splitArea: { show: true } },
      yAxis: { type: 'category', data: input.rows, inverse: true, axisLabel: { color: TEXT, width: 200, overflow: 'truncate' } },
      visualMap: { min: 0, max: Math.max(1, input.max), show: false, inRange: { color: SEQUENTIAL } },
      series: [{ type: 'heatmap', data: input.cells, label: { show: true, color: TEXT, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') } }],
    },
    width,
    height,
  );
}

export interface LineSeries {
  name: string;
  values: number[];
  /** Drawn as a dashed line of the same colour. */
  target?: number;
}

/** Cumulative figures over time, each with its target as a dashed line. */
export function linesSvg(input: { x: string[]; series: LineSeries[] }): string {
  return renderSvg(
    {
      legend: { top: 0, textStyle: { color: TEXT } },
      grid: { left: 50, right: 30, top: 60, bottom: 40 },
      xAxis: { type: 'category', data: input.x, axisLabel: { color: TEXT } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
      series: input.series.map((s, i) => ({
        name: s.name,
        type: 'line',
        data: s.values,
        symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
        symbolSize: 8,
        label: { show: true, color: TEXT },
        ...(s.target === undefined ? {} : { markLine: { symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, label: { formatter: `${s.target}`, color: TEXT }, data: [{ yAxis: s.target }] } }),
      })),
    },
    760,
    340,
  );
}

/** Stacked horizontal or vertical bars: one stack per category, one colour per part. */
export function stackedBarsSvg(input: { categories: string[]; parts: { name: string; values: number[] }[]; horizontal?: boolean }): string {
  const categoryAxis = { type: 'category', data: input.categories, axisLabel: { color: TEXT, width: 180, overflow: 'truncate' }, ...(input.horizontal ? { inverse: true } : {}) };
  const valueAxis = { type: 'value', minInterval: 1, axisLabel: { color: TEXT } };
  const height = input.horizontal ? Math.max(180, 90 + input.categories.length * 30) : 320;
  return renderSvg(
    {
      color: LIGHT,
      legend: { top: 0, textStyle: { color: TEXT } },
      grid: { left: input.horizontal ? 190 : 50, right: 30, top: 50, bottom: 40 },
      xAxis: input.horizontal ? valueAxis : categoryAxis,
      yAxis: input.horizontal ? categoryAxis : valueAxis,
      series: input.parts.map((p) => ({ name: p.name, type: 'bar', stack: 'total', data: p.values, label: { show: true, color: TEXT, formatter: (x: { value: number }) => (x.value ? String(x.value) : '') } })),
    },
    760,
    height,
  );
}

/** Scores 1–5 per area on a radar, one polygon per series (latest against first). */
export function radarSvg(input: { axes: string[]; max: number; series: { name: string; values: number[] }[] }): string {
  return renderSvg(
    {
      legend: { top: 0, textStyle: { color: TEXT } },
      radar: { indicator: input.axes.map((name) => ({ name, max: input.max, min: 0 })), splitNumber: input.max, center: ['50%', '55%'], radius: '62%', axisName: { color: TEXT } },
      series: [
        {
          type: 'radar',
          symbolSize: 7,
          data: input.series.map((s, i) => ({ name: s.name, value: s.values, symbol: ['circle', 'rect'][i % 2], lineStyle: { width: 2, type: i === 0 ? 'solid' : 'dashed' }, label: { show: i === 0, color: TEXT } })),
        },
      ],
    },
    640,
    420,
  );
}
