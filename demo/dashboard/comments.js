// The comment list's filters: words, category, a segment value and a theme (chosen in the themes
// panel). The list, and the CSV link, follow them; both read the dates shown.
import { read, readUrl, storedToken } from './api.js';
import { formatCount } from './format.js';
import { el, renderComments } from './view.js';

/** Comments shown at most. */
const SHOWN = 50;
const $ = (id) => /** @type {any} */ (document.getElementById(id));

/** The theme the list is narrowed to: `{ label, locale, keys }`, or none. */
let theme;
/** The latest load: an answer to an earlier one (filters changed meanwhile) is dropped. */
let latest = 0;

/** The filters as query pairs, as the collector's comments and CSV routes take them. */
function filterPairs() {
  const pairs = [];
  const q = $('comment-q').value.trim();
  if (q) pairs.push(['q', q]);
  if ($('comment-category').value) pairs.push(['category', $('comment-category').value]);
  const key = $('comment-segment-key').value;
  const value = $('comment-segment-value').value.trim();
  if (key && value) pairs.push([`segment.${key}`, value]);
  for (const k of theme?.keys ?? []) pairs.push(['theme', k]);
  return pairs;
}

/** What the note says: how many comments, whether the search read them all. */
function noteOf(body, filtered) {
  const n = body.comments.length;
  const what = `${formatCount(n)} ${n === 1 ? 'comment' : 'comments'}${filtered ? (n === 1 ? ' matches' : ' match') : ''}`;
  if (n === SHOWN)
    return `Showing the newest ${SHOWN}${filtered ? ' that match' : ''}; narrow the filters or the dates for others.`;
  if (!body.complete)
    return `${what} among the newest ${formatCount(body.scanned)} comments of these dates (the most one search reads); narrow the dates to search further back.`;
  return `${what}.`;
}

/** The segment keys the survey's answers carry, as choices. */
export function renderSegmentChoices(segments) {
  const select = $('comment-segment-key');
  select.replaceChildren(
    el('option', { value: '' }, 'Any'),
    ...segments.map((key) => el('option', { value: key }, key)),
  );
  $('comment-segment').hidden = segments.length === 0;
}

/** Loads the comments of `query`'s survey and dates under the filters, and points the CSV link at the same answers. */
export async function showComments(query) {
  if ($('comment-segment-key').value && !$('comment-segment-value').value.trim()) {
    $('comments-note').textContent = 'Give the segment a value, or choose Any.';
    $('comment-segment-value').focus();
    return;
  }
  const pairs = filterPairs();
  const mine = ++latest;
  const range = [
    ['from', query.from],
    ['to', query.to],
  ];
  $('csv').href = readUrl(query.survey, 'responses.csv', [...range, ...pairs]);
  $('csv').textContent = pairs.length
    ? 'Download the responses these comment filters keep (CSV)'
    : 'Download these responses (CSV)';
  $('comments-note').textContent = 'Loading…';
  try {
    const url = readUrl(query.survey, 'comments', [...range, ['limit', String(SHOWN)], ...pairs]);
    const body = await (await read(url, storedToken())).json();
    if (mine !== latest) return;
    renderComments(body.comments);
    // "No comments yet" when there is none at all; with filters, the note says none match.
    const none = body.comments.length === 0 && pairs.length === 0 && body.complete;
    $('no-comments').hidden = !none;
    $('comments-note').textContent = none ? '' : noteOf(body, pairs.length > 0);
  } catch (error) {
    if (mine !== latest) return;
    $('comment-list').replaceChildren();
    $('comments-note').textContent = `The comments could not be loaded: ${error?.message ?? error}`;
  }
}

/** Narrows the list to the comments using one of `chosen`'s terms (a theme of the themes panel), or clears it. */
export function chooseTheme(chosen) {
  theme = chosen;
  $('comment-theme').hidden = !chosen;
  $('comment-theme-label').textContent = chosen?.label ?? '';
  // Read in the theme's language (a screen reader voices "サポート" as Japanese).
  if (chosen?.locale) $('comment-theme-label').setAttribute('lang', chosen.locale);
  else $('comment-theme-label').removeAttribute('lang');
}

/** Wires the filter form to reload the list. */
export function wireCommentFilters(query) {
  $('comment-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    void showComments(query);
  });
  $('comment-filters').addEventListener('reset', () => {
    chooseTheme(undefined);
    // After the form has emptied its fields.
    setTimeout(() => void showComments(query));
  });
  $('comment-theme-clear').addEventListener('click', () => {
    chooseTheme(undefined);
    // The button hides with its line: focus goes to the first filter, not to the page.
    $('comment-q').focus();
    void showComments(query);
  });
}
