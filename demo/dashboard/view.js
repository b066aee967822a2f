// Everything the dashboard writes into the page, as text: figures, captions,
// tables and comments. Nothing here parses HTML (comments are visitors' words;
// the page's Trusted Types policy refuses HTML sinks anyway).
import { formatCount, formatDay, formatNps } from './format.js';

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
export function show(state) {
  $('auth').hidden = state !== 'auth';
  $('error').hidden = state !== 'error';
  $('report').hidden = state !== 'report';
  $('replies').hidden = state !== 'report';
  $('comments').hidden = state !== 'report';
}

/** The line under the heading (a live region: screen readers hear what loaded). */
export function setStatus(text) {
  $('status').textContent = text;
}

/** The token form, with the collector's reason (401: token missing or wrong). */
export function showAuth(message) {
  $('auth-message').textContent = message;
  show('auth');
  setStatus('Reads need the admin token.');
}

/** Any other failure, in the collector's words (e.g. a bad date in the URL). */
export function showError(message) {
  $('error-message').textContent = message;
  show('error');
  setStatus('Nothing loaded.');
}

/** The NPS, the counts and shares, and the empty state when there are no answers. */
export function renderOverview(summary) {
  const { responses } = summary;
  $('nps').textContent = formatNps(summary.nps);
  $('nps-hint').textContent = summary.nps === null ? 'no answers to score yet' : 'from −100 to +100';
  $('responses').textContent = formatCount(responses);
  for (const key of ['promoters', 'passives', 'detractors']) {
    $(key).textContent = formatCount(summary[key]);
    $(`${key}-share`).textContent = percent(summary[key], responses);
  }
  const empty = responses === 0;
  $('empty').hidden = !empty;
  $('charts').hidden = empty;
  $('csv').parentElement.hidden = empty;
  if (empty)
    $('empty-message').textContent =
      `Survey “${summary.survey}” has no answers from ${formatDay(summary.from)} to ${formatDay(summary.to)}.`;
  setStatus(
    `${formatCount(responses)} ${responses === 1 ? 'response' : 'responses'}, ` +
      `${formatDay(summary.from)} to ${formatDay(summary.to)} (UTC)`,
  );
}

/** The line chart's caption and its data as a table (every day of the range). */
export function renderTrendText(summary) {
  const answered = summary.daily.filter((d) => d.nps !== null);
  let caption = `Daily NPS from ${formatDay(summary.from)} to ${formatDay(summary.to)}: answers on ${answered.length} of ${summary.daily.length} days.`;
  if (answered.length) {
    const low = answered.reduce((a, b) => (b.nps < a.nps ? b : a));
    const high = answered.reduce((a, b) => (b.nps > a.nps ? b : a));
    caption += ` Lowest ${formatNps(low.nps)} on ${formatDay(low.date)}, highest ${formatNps(high.nps)} on ${formatDay(high.date)}.`;
  }
  $('trend-caption').textContent = caption;
  $('trend-table')
    .querySelector('tbody')
    .replaceChildren(
      ...summary.daily.map((d) => {
        const row = el('tr');
        row.append(
          el('th', { scope: 'row' }, formatDay(d.date)),
          el('td', {}, formatCount(d.count)),
          el('td', {}, formatNps(d.nps)),
        );
        return row;
      }),
    );
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
