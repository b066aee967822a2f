// Tiny SVG charts for bench/REPORT.md: a horizontal bar chart and a line chart.
// No dependencies; each returns a self-contained SVG string with <title> and
// <desc> (read out by screen readers through role="img" and aria-labelledby),
// system fonts, and shapes plus dash patterns so series don't rely on colour alone.

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
const INK = '#1f2328';
const MUTED = '#57606a';
const GRID = '#d0d7de';
const ACCENT = '#0b6bcb';
const PLAIN = '#8c959f';
/** Colours (Okabe–Ito, colour-blind safe), dash patterns and markers for up to 6 series. */
const SERIES = [
  { color: '#0072b2', dash: '', marker: 'circle' },
  { color: '#d55e00', dash: '6 4', marker: 'square' },
  { color: '#009e73', dash: '2 3', marker: 'diamond' },
  { color: '#cc79a7', dash: '8 3 2 3', marker: 'triangle' },
  { color: '#e69f00', dash: '4 2', marker: 'circle' },
  { color: '#56b4e9', dash: '1 2', marker: 'square' },
];

/** Escapes text for SVG content and attributes. */
const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** An id prefix from the title, so two charts inlined in one page don't share ids. */
const slug = (s) =>
  String(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'chart';

/** Rough text width at a given font size (no layout engine here): average glyph ≈ 0.56 em. */
const textWidth = (s, size = 13) => String(s).length * size * 0.56;

/** A readable number: fewer decimals as values grow, unless `digits` is given. */
export function fmt(value, digits) {
  if (!Number.isFinite(value)) return String(value);
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A "nice" step (1, 2, 2.5, 5 × 10^k) giving about `count` ticks up to `max`. */
function niceStep(max, count = 5) {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
}

function open(width, height, title, desc) {
  const id = slug(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" ${FONT}>`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="600" fill="${INK}">${esc(title)}</text>`,
  ];
}

/**
 * A horizontal bar chart: one bar per label, its value written after it.
 * `highlight: true` draws a bar in the accent colour (e.g. Candor among peers).
 * @param {{ title: string, desc?: string, unit?: string, digits?: number,
 *   bars: { label: string, value: number, highlight?: boolean }[], width?: number }} options
 * @returns {string} SVG
 */
export function barChart({ title, desc, unit = '', digits, bars, width = 720 }) {
  if (!bars?.length) throw new Error('barChart: no bars');
  const suffix = unit ? ` ${unit}` : '';
  const labelW = Math.min(340, Math.max(80, ...bars.map((b) => textWidth(b.label))) + 16);
  const valueW = Math.max(...bars.map((b) => textWidth(fmt(b.value, digits) + suffix))) + 12;
  const top = 44;
  const row = 30;
  const height = top + bars.length * row + 16;
  const plotW = width - labelW - valueW - 16;
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const text = desc ?? `${title}. ${bars.map((b) => `${b.label}: ${fmt(b.value, digits)}${suffix}`).join('; ')}.`;
  const out = open(width, height, title, text);
  bars.forEach((b, i) => {
    const y = top + i * row;
    const w = Math.max(1, (Math.max(0, b.value) / max) * plotW);
    out.push(
      `<text x="${labelW - 8}" y="${y + 19}" font-size="13" text-anchor="end" fill="${INK}"${b.highlight ? ' font-weight="600"' : ''}>${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 5}" width="${w.toFixed(1)}" height="${row - 10}" rx="3" fill="${b.highlight ? ACCENT : PLAIN}"/>`,
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 19}" font-size="13" fill="${INK}">${esc(fmt(b.value, digits) + suffix)}</text>`,
    );
  });
  out.push(`<line x1="${labelW}" y1="${top}" x2="${labelW}" y2="${height - 12}" stroke="${MUTED}"/>`, '</svg>');
  return out.join('\n');
}

function marker(shape, x, y, color) {
  const r = 4.5;
  const at = (n) => n.toFixed(1);
  if (shape === 'square')
    return `<rect x="${at(x - r)}" y="${at(y - r)}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
  if (shape === 'diamond')
    return `<path d="M${at(x)} ${at(y - r - 1)}L${at(x + r + 1)} ${at(y)}L${at(x)} ${at(y + r + 1)}L${at(x - r - 1)} ${at(y)}Z" fill="${color}"/>`;
  if (shape === 'triangle')
    return `<path d="M${at(x)} ${at(y - r - 1)}L${at(x + r + 1)} ${at(y + r)}L${at(x - r - 1)} ${at(y + r)}Z" fill="${color}"/>`;
  return `<circle cx="${at(x)}" cy="${at(y)}" r="${r}" fill="${color}"/>`;
}

/**
 * A line chart with points: one or more series of [x, y] over a shared x axis.
 * X ticks are the data's own x values (`xLog` spaces them on a log scale, for
 * sizes like 1, 10, 100, 499); y starts at 0. Points are labelled with their value
 * when there are few of them.
 * @param {{ title: string, desc?: string, xLabel: string, yLabel: string, unit?: string,
 *   xLog?: boolean, digits?: number, width?: number, height?: number,
 *   series: { name: string, points: [number, number][] }[] }} options
 * @returns {string} SVG
 */
export function lineChart({
  title,
  desc,
  xLabel,
  yLabel,
  unit = '',
  xLog = false,
  digits,
  series,
  width = 720,
  height = 380,
}) {
  const all = series?.flatMap((s) => s.points) ?? [];
  if (!all.length) throw new Error('lineChart: no points');
  const suffix = unit ? ` ${unit}` : '';
  const left = 64;
  const right = 24;
  const top = 48 + 20 * Math.ceil(series.length / 3);
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xs = [...new Set(all.map(([x]) => x))].sort((a, b) => a - b);
  const tx = xLog ? (x) => Math.log10(Math.max(x, 1e-9)) : (x) => x;
  const [x0, x1] = [tx(xs[0]), tx(xs[xs.length - 1])];
  const sx = (x) => left + (x1 === x0 ? plotW / 2 : ((tx(x) - x0) / (x1 - x0)) * plotW);
  const step = niceStep(Math.max(...all.map(([, y]) => y), 0));
  const yMax = Math.max(step, Math.ceil(Math.max(...all.map(([, y]) => y)) / step) * step);
  const sy = (y) => top + plotH - (Math.max(0, y) / yMax) * plotH;
  const text =
    desc ??
    `${title}. ${series
      .map((s) => `${s.name}: ${s.points.map(([x, y]) => `${fmt(x, 0)} → ${fmt(y, digits)}${suffix}`).join(', ')}`)
      .join('. ')}.`;
  const out = open(width, height, title, text);

  // Legend: three entries a row, each with its line style and marker.
  series.forEach((s, i) => {
    const st = SERIES[i % SERIES.length];
    const lx = 16 + (i % 3) * 230;
    const ly = 48 + Math.floor(i / 3) * 20;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 28}" y2="${ly - 4}" stroke="${st.color}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`,
      marker(st.marker, lx + 14, ly - 4, st.color),
      `<text x="${lx + 36}" y="${ly}" font-size="13" fill="${INK}">${esc(s.name)}</text>`,
    );
  });

  // Grid and y ticks, with as many decimals as the step needs (0.25 → 2).
  const decimals = Math.min(6, (String(+step.toPrecision(6)).split('.')[1] ?? '').length);
  for (let y = 0; y <= yMax + step / 1e6; y += step) {
    const py = sy(y).toFixed(1);
    out.push(
      `<line x1="${left}" y1="${py}" x2="${width - right}" y2="${py}" stroke="${GRID}"${y ? ' stroke-dasharray="3 3"' : ''}/>`,
      `<text x="${left - 8}" y="${(+py + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="${MUTED}">${esc(fmt(y, decimals))}</text>`,
    );
  }
  // X ticks at the data's x values.
  for (const x of xs) {
    const px = sx(x).toFixed(1);
    out.push(
      `<line x1="${px}" y1="${top + plotH}" x2="${px}" y2="${top + plotH + 5}" stroke="${MUTED}"/>`,
      `<text x="${px}" y="${top + plotH + 20}" font-size="12" text-anchor="middle" fill="${MUTED}">${esc(fmt(x, 0))}</text>`,
    );
  }
  out.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="${MUTED}"/>`,
    `<text x="${left + plotW / 2}" y="${height - 14}" font-size="13" text-anchor="middle" fill="${INK}">${esc(xLabel + (xLog ? ' (log scale)' : ''))}</text>`,
    `<text transform="translate(18 ${top + plotH / 2}) rotate(-90)" font-size="13" text-anchor="middle" fill="${INK}">${esc(yLabel)}</text>`,
  );

  // Series: the lines and markers first, then value labels when there are few points, each put
  // where it overlaps no label already placed (above, below, then to the left), or left out.
  const label = all.length <= 24;
  const placed = [];
  const free = (b) => placed.every((p) => b.x + b.w < p.x || p.x + p.w < b.x || b.y + b.h < p.y || p.y + p.h < b.y);
  const labels = [];
  series.forEach((s, i) => {
    const st = SERIES[i % SERIES.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    out.push(
      `<polyline fill="none" stroke="${st.color}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''} points="${pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, y] of pts) {
      out.push(marker(st.marker, sx(x), sy(y), st.color));
      if (!label) continue;
      const text = fmt(y, digits);
      // Series that meet at a point (repeated trials) share one label.
      if (placed.some((p) => p.at === x && p.text === text)) continue;
      const w = textWidth(text, 11);
      const [px, py] = [sx(x), sy(y)];
      const right = px + 7 + w <= width - 4;
      const spots = [
        { x: right ? px + 7 : px - 7 - w, y: py - 19 },
        { x: right ? px + 7 : px - 7 - w, y: py + 6 },
        { x: px - 9 - w, y: py - 6 },
      ];
      const spot = spots.find((b) => free({ ...b, w, h: 12 }));
      if (!spot) continue;
      placed.push({ ...spot, w, h: 12, at: x, text });
      labels.push(
        `<text x="${spot.x.toFixed(1)}" y="${(spot.y + 10).toFixed(1)}" font-size="11" fill="${st.color}">${esc(text)}</text>`,
      );
    }
  });
  out.push(...labels);
  out.push('</svg>');
  return out.join('\n');
}
