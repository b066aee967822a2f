// The landing page: every survey with its NPS ± margin, answers and a small weekly trend, each a
// link to its own page. The trend is drawn as an SVG line (hidden from screen readers) and said in
// words next to it.
import { formatCount, formatInterval, formatMargin, formatNps } from './format.js';
import { el } from './view.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const SVG = 'http://www.w3.org/2000/svg';

/** A line of the trend's NPS (−100 at the bottom, +100 at the top); gaps break it into pieces. */
function spark(buckets) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 120 28');
  svg.setAttribute('aria-hidden', 'true');
  const zero = document.createElementNS(SVG, 'line');
  for (const [name, value] of Object.entries({ x1: 0, x2: 120, y1: 14, y2: 14 }))
    zero.setAttribute(name, String(value));
  svg.append(zero);
  const step = buckets.length > 1 ? 116 / (buckets.length - 1) : 0;
  let points = [];
  const flush = () => {
    if (points.length > 1) {
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('points', points.join(' '));
      svg.append(line);
    }
    points = [];
  };
  buckets.forEach((b, i) => {
    if (b.nps === null) return flush();
    points.push(`${(2 + i * step).toFixed(1)},${(14 - (b.nps / 100) * 12).toFixed(1)}`);
  });
  flush();
  return svg;
}

/** The trend in words: "+10, +15, too few, +20". */
const trendWords = (buckets) =>
  buckets.map((b) => (b.n === null ? 'too few' : b.nps === null ? 'none' : formatNps(b.nps))).join(', ');

/** The surveys' table, each survey a link to its page for the same dates. */
export function renderSurveys(surveys, { from, to }) {
  $('no-surveys').hidden = surveys.length > 0;
  $('surveys-table').hidden = surveys.length === 0;
  $('surveys-caption').textContent = `Every survey with answers, ${from} to ${to} (UTC)`;
  $('surveys-table')
    .querySelector('tbody')
    .replaceChildren(
      ...surveys.map((s) => {
        const row = el('tr');
        const name = el('th', { scope: 'row' });
        name.append(el('a', { href: `./?${new URLSearchParams({ survey: s.survey, from, to })}` }, s.survey));
        const trend = el('td');
        trend.append(spark(s.trend.buckets), el('span', { class: 'visually-hidden' }, trendWords(s.trend.buckets)));
        row.append(
          name,
          el('td', {}, formatCount(s.n)),
          el(
            'td',
            {},
            s.suppressed ? 'hidden: too few answers' : `${formatNps(s.nps)} ${formatMargin(s.interval)}`.trim(),
          ),
          el('td', {}, formatInterval(s.interval)),
          trend,
        );
        return row;
      }),
    );
}
