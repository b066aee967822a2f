// Everything the dashboard writes into the page, as text: figures, captions,
// tables and comments. Nothing here parses HTML (comments are visitors' words;
// the page's Trusted Types policy refuses HTML sinks anyway).
import { formatCount, formatDay, formatInterval, formatMargin, formatNps, formatPeriod } from './format.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const CATEGORY_NAMES = { promoter: 'Promoter', passive: 'Passive', detractor: 'Detractor' };

/** An element with text (never markup) and attributes. */
export function el(tag, attributes = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

const percent = (n, total) => (total ? `${Math.round((100 * n) / total)}%` : '');
const categoryOf = (score) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** Shows exactly one of the page's states; `report` also shows the replies and the comments. */
export function show(state, { answers = true } = {}) {
  $('auth').hidden = state !== 'auth';
  $('error').hidden = state !== 'error';
  $('report').hidden = state !== 'report';
  $('surveys').hidden = state !== 'surveys';
  // Answers one by one (the replies, the comments, the CSV): the admin's alone.
  $('replies').hidden = state !== 'report' || !answers;
  $('comments').hidden = state !== 'report' || !answers;
}

/** The line under the heading (a live region: screen readers hear what loaded). */
export function setStatus(text) {
  $('status').textContent = text;
}

/** The token form, with the collector's reason (401: token missing or wrong). */
export function showAuth(message) {
  $('auth-message').textContent = message;
  show('auth');
  setStatus('Reads need a token.');
}

/** Any other failure, in the collector's words (e.g. a bad date in the URL). */
export function showError(message) {
  $('error-message').textContent = message;
  show('error');
  setStatus('Nothing loaded.');
}

/** "Up 6.1 points from +12 in the previous 30 days (Oct 17 – Nov 15, 2026): within noise (p = 0.62)." */
function changeLine(summary) {
  const { previous } = summary;
  const days = Math.round((Date.parse(previous.to) - Date.parse(previous.from)) / 86_400_000) + 1;
  const when = `the previous ${days} days (${formatPeriod(previous.from, previous.to)})`;
  if (previous.n === 0) return `No answers in ${when} to compare with.`;
  if (previous.change === null) return `Too few answers in ${when} to compare with.`;
  const verdict = previous.significant ? 'beyond noise' : 'within noise';
  const moved =
    previous.change === 0
      ? 'No change'
      : `${previous.change > 0 ? 'Up' : 'Down'} ${Math.abs(previous.change)} ${Math.abs(previous.change) === 1 ? 'point' : 'points'}`;
  const p = previous.p < 0.001 ? '< 0.001' : `= ${previous.p.toFixed(2)}`;
  return `${moved} from ${formatNps(previous.nps)} in ${when}: ${verdict} (p ${p}).`;
}

/** The NPS ± its margin, the counts and shares, the change, and the empty or hidden state. */
export function renderOverview(summary) {
  const { responses } = summary;
  const hidden = summary.suppressed === true;
  $('nps').textContent = formatNps(summary.nps);
  $('nps-margin').textContent = formatMargin(summary.interval);
  $('nps-hint').textContent = hidden
    ? `hidden: fewer than ${summary.minGroup} answers`
    : summary.nps === null
      ? 'no answers to score yet'
      : `95% interval ${formatInterval(summary.interval)}`;
  $('change').textContent = responses && !hidden ? changeLine(summary) : '';
  $('change').dataset.significant = String(summary.previous?.significant === true);
  $('responses').textContent = formatCount(responses);
  for (const key of ['promoters', 'passives', 'detractors']) {
    $(key).textContent = summary[key] === null ? '—' : formatCount(summary[key]);
    $(`${key}-share`).textContent = summary[key] === null ? '' : percent(summary[key], responses);
  }
  const empty = responses === 0;
  $('empty').hidden = !empty;
  $('charts').hidden = empty || hidden;
  $('breakdown').hidden = empty || hidden;
  $('themes').hidden = empty || hidden;
  $('csv').parentElement.hidden = empty;
  if (empty)
    $('empty-message').textContent =
      `Survey “${summary.survey}” has no answers from ${formatDay(summary.from)} to ${formatDay(summary.to)}.`;
  setStatus(
    `${formatCount(responses)} ${responses === 1 ? 'response' : 'responses'}, ` +
      `${formatDay(summary.from)} to ${formatDay(summary.to)} (UTC${summary.role === 'viewer' ? ', whole weeks' : ''})`,
  );
}

/** The trend chart's caption and its points as a table: a gap says it has too few answers. */
export function renderTrendText(summary) {
  const { unit, buckets } = summary.trend;
  const shown = buckets.filter((b) => b.nps !== null);
  const gaps = buckets.filter((b) => b.n === null).length;
  const units = unit === 'day' ? 'days' : 'weeks';
  let caption = `${unit === 'day' ? 'Daily' : 'Weekly'} NPS with its 95% interval, ${formatDay(summary.from)} to ${formatDay(summary.to)}: ${shown.length} of ${buckets.length} ${units} shown.`;
  if (gaps)
    caption += ` ${gaps} ${gaps === 1 ? unit : units} with fewer than ${summary.minGroup} answers ${gaps === 1 ? 'is a gap' : 'are gaps'} (with the next smallest, so the total cannot give them back).`;
  if (shown.length) {
    const low = shown.reduce((a, b) => (b.nps < a.nps ? b : a));
    const high = shown.reduce((a, b) => (b.nps > a.nps ? b : a));
    caption += ` Lowest ${formatNps(low.nps)} (${formatPeriod(low.from, low.to)}), highest ${formatNps(high.nps)} (${formatPeriod(high.from, high.to)}).`;
  }
  $('trend-caption').textContent = caption;
  $('trend-table-caption').textContent = `NPS per ${unit} (UTC)`;
  $('trend-table')
    .querySelector('tbody')
    .replaceChildren(
      ...buckets.map((b) => {
        const row = el('tr');
        row.append(
          el('th', { scope: 'row' }, formatPeriod(b.from, b.to)),
          el('td', {}, b.n === null ? `fewer than ${summary.minGroup} (hidden)` : formatCount(b.n)),
          el('td', {}, formatNps(b.nps)),
          el('td', {}, formatInterval(b.interval)),
        );
        return row;
      }),
    );
}

/** The group-by choices: the columns, then each segment key the survey's answers carry. */
export function renderGroupChoices(segments) {
  const select = $('by');
  for (const option of [...select.querySelectorAll('option[data-segment]')]) option.remove();
  for (const key of segments)
    select.append(el('option', { value: `segment.${key}`, 'data-segment': '' }, `Segment: ${key}`));
}

/** A breakdown as a table, and how many groups are hidden and why. */
export function renderBreakdown(breakdown) {
  const label = $('by').selectedOptions[0]?.textContent ?? breakdown.by;
  $('breakdown-caption').textContent =
    `NPS per group: ${label}, ${formatDay(breakdown.from)} to ${formatDay(breakdown.to)}`;
  $('breakdown-table')
    .querySelector('tbody')
    .replaceChildren(
      ...breakdown.groups.map((g) => {
        const row = el('tr');
        row.append(
          el('th', { scope: 'row' }, g.value ?? '(none)'),
          el('td', {}, formatCount(g.n)),
          el('td', {}, `${formatNps(g.nps)} ${formatMargin(g.interval)}`.trim()),
          el('td', {}, formatInterval(g.interval)),
        );
        return row;
      }),
    );
  const notes = [];
  if (breakdown.suppressed)
    notes.push(
      `${breakdown.suppressed} ${breakdown.suppressed === 1 ? 'group is' : 'groups are'} hidden: fewer than ${breakdown.minGroup} answers, or hidden with one so it cannot be worked out from the total.`,
    );
  if (breakdown.more) notes.push(`${breakdown.more} smaller groups are not listed.`);
  if (!breakdown.groups.length && !breakdown.suppressed) notes.push('No answers in this range.');
  $('breakdown-note').textContent = notes.join(' ');
}

/** The bar chart's caption and the 0–10 distribution as a table. */
export function renderScoresText(summary) {
  const { distribution, responses } = summary;
  const top = distribution.indexOf(Math.max(...distribution));
  $('scores-caption').textContent = responses
    ? `How many answers gave each score. Most often ${top} (${formatCount(distribution[top])} of ${formatCount(responses)}). ` +
      'Detractors answer 0–6, passives 7–8, promoters 9–10.'
    : 'No answers in this range.';
  $('scores-table')
    .querySelector('tbody')
    .replaceChildren(
      ...distribution.map((n, score) => {
        const row = el('tr');
        row.append(
          el('th', { scope: 'row' }, String(score)),
          el('td', {}, formatCount(n)),
          el('td', {}, CATEGORY_NAMES[categoryOf(score)]),
        );
        return row;
      }),
    );
}

/** An answer's score badge, category, day and page, as one line. */
export function answerMeta(answer) {
  const meta = el('p', { class: 'comment-meta' });
  const badge = el('span', { class: 'badge', 'data-category': answer.category });
  badge.append(el('span', { class: 'visually-hidden' }, 'Score '), document.createTextNode(String(answer.score)));
  meta.append(
    badge,
    el('span', {}, CATEGORY_NAMES[answer.category] ?? answer.category),
    el('time', { datetime: answer.at.slice(0, 10) }, formatDay(answer.at.slice(0, 10))),
    el('span', { class: 'page' }, answer.page),
  );
  return meta;
}

/**
 * The latest comments, newest first: the comment as text, its score and day.
 * One whose author left an address says "Wants a reply", a link to that
 * answer under "Wants a reply" (where the address can be shown).
 */
export function renderComments(comments) {
  $('no-comments').hidden = comments.length > 0;
  $('comment-list').replaceChildren(
    ...comments.map((c) => {
      const item = el('li', { class: 'comment' });
      const meta = answerMeta(c);
      if (c.contact)
        meta.append(
          el('a', { class: 'wants-reply', href: `#reply-${c.contact}`, 'data-contact': c.contact }, 'Wants a reply'),
        );
      item.append(el('p', { class: 'comment-text' }, c.comment), meta);
      return item;
    }),
  );
}
