// The two charts, drawn with uPlot (loaded as /vendor/uplot/uPlot.iife.min.js,
// which defines `window.uPlot`). Colours come from the page's CSS custom
// properties, so the charts follow the light or dark theme; the caller redraws
// them when the theme changes.
import { formatCount, formatNps } from './format.js';

const DAY_S = 86_400;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Whether uPlot loaded (the numbers and tables work without it). */
export const chartsAvailable = () => typeof globalThis.uPlot === 'function';

/** The page's colours, read from its CSS custom properties (see dashboard.css). */
function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    text: v('--muted'),
    grid: v('--grid'),
    line: v('--accent'),
    band: v('--band'),
    promoter: v('--promoter'),
    passive: v('--passive'),
    detractor: v('--detractor'),
  };
}

const axis = (t, extra = {}) => ({
  stroke: t.text,
  font: FONT,
  grid: { stroke: t.grid, width: 1 },
  ticks: { stroke: t.grid, width: 1, size: 4 },
  ...extra,
});

/** A uPlot chart that follows its container's width. */
function fitted(opts, data, el) {
  el.replaceChildren();
  const plot = new globalThis.uPlot({ ...opts, width: Math.max(el.clientWidth, 200) }, data, el);
  const observer = new ResizeObserver(() => {
    const width = Math.max(el.clientWidth, 200);
    if (width !== plot.width) plot.setSize({ width, height: opts.height });
  });
  observer.observe(el);
  return () => {
    observer.disconnect();
    plot.destroy();
  };
}

/**
 * The trend: NPS per bucket (a day or a week, drawn at its first day) as a line, with its 95%
 * interval as a band behind it. A gap (too few answers) breaks the line and the band. Returns a
 * function that removes the chart.
 * @param {HTMLElement} el
 * @param {{ unit: 'day' | 'week', buckets: { from: string, nps: number | null, interval: { low: number, high: number } | null }[] }} trend
 */
export function drawTrend(el, trend) {
  const t = theme();
  const { buckets } = trend;
  const xs = buckets.map((b) => Date.parse(`${b.from}T00:00:00Z`) / 1000);
  const ys = buckets.map((b) => b.nps);
  const lows = buckets.map((b) => b.interval?.low ?? null);
  const highs = buckets.map((b) => b.interval?.high ?? null);
  const edge = { stroke: 'transparent', width: 0, points: { show: false }, spanGaps: false };
  return fitted(
    {
      height: 240,
      // Ticks on UTC midnights, whatever the viewer's time zone (the days are UTC days).
      tzDate: (ts) => globalThis.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { y: false, drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: [-100, 100] } },
      axes: [
        axis(t, {
          incrs: [1, 2, 7, 14, 28, 91, 182, 364].map((d) => d * DAY_S),
          values: (_u, splits) => splits.map((s) => dayLabel.format(s * 1000)),
        }),
        axis(t, {
          size: 48,
          incrs: [25, 50, 100],
          values: (_u, splits) => splits.map(formatNps),
        }),
      ],
      // The interval's edges first, so the line is drawn over the band, not tinted by it.
      series: [
        {},
        { label: 'low', ...edge },
        { label: 'high', ...edge },
        {
          label: 'NPS',
          stroke: t.line,
          width: 2,
          spanGaps: false,
          points: { show: true, size: 7, fill: t.line, stroke: t.line },
        },
      ],
      // The band fills between the interval's high (series 2) and low (series 1).
      bands: [{ series: [2, 1], fill: t.band }],
    },
    [xs, lows, highs, ys],
    el,
  );
}

/**
 * How many answers gave each score 0–10, as bars coloured by category (one
 * series per category, so each bar takes its category's colour).
 * @param {HTMLElement} el
 * @param {number[]} distribution index 0–10
 */
export function drawScores(el, distribution) {
  const t = theme();
  const xs = distribution.map((_, score) => score);
  const only = (test) => distribution.map((n, score) => (test(score) ? n : null));
  const bars = globalThis.uPlot.paths.bars({ size: [0.72, 48], align: 0 });
  const series = (label, colour) => ({
    label,
    fill: colour,
    stroke: colour,
    width: 0,
    paths: bars,
    points: { show: false },
  });
  const max = Math.max(1, ...distribution);
  return fitted(
    {
      height: 240,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.6, 10.6] }, y: { range: [0, Math.ceil(max * 1.1)] } },
      axes: [
        axis(t, { incrs: [1], space: 12, grid: { show: false }, values: (_u, splits) => splits.map(String) }),
        axis(t, {
          size: 48,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000],
          values: (_u, splits) => splits.map(formatCount),
        }),
      ],
      series: [{}, series('Detractors', t.detractor), series('Passives', t.passive), series('Promoters', t.promoter)],
    },
    [xs, only((s) => s <= 6), only((s) => s === 7 || s === 8), only((s) => s >= 9)],
    el,
  );
}
