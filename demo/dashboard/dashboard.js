// The NPS dashboard: reads `?survey=&from=&to=` (default: every survey, the
// last 30 UTC days), loads the summary, the answers waiting for a reply and
// the latest comments from the collector's read API, and shows them. The filter form is a plain GET form
// back to this page, so the URL always says what is shown.
import {
  loadBreakdown,
  loadReport,
  loadSurveys,
  loadThemes,
  read,
  readUrl,
  storedToken,
  storeToken,
  takeTokenFromFragment,
} from './api.js';
import { chartsAvailable, drawScores, drawTrend } from './charts.js';
import { chooseTheme, renderSegmentChoices, showComments, wireCommentFilters } from './comments.js';
import { renderReplies } from './replies.js';
import { renderSurveys } from './surveys.js';
import { renderThemes } from './themes.js';
import {
  renderBreakdown,
  renderGroupChoices,
  renderOverview,
  renderScoresText,
  renderTrendText,
  setStatus,
  show,
  showAuth,
  showError,
} from './view.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

/** What to show, from the page's query (invalid values are left to the collector to name). */
function queryOf(search) {
  const params = new URLSearchParams(search);
  const to = params.get('to') || dayOf(Date.now());
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const from = params.get('from') || (Number.isNaN(toMs) ? to : dayOf(toMs - (DEFAULT_DAYS - 1) * DAY_MS));
  // No survey: the landing page, every survey.
  return { survey: params.get('survey') || '', from, to };
}

takeTokenFromFragment();
const query = queryOf(location.search);
/** Removes the charts drawn last (before a redraw). */
let undraw = () => {};
/** The summary shown, kept to redraw the charts when the colour scheme changes. */
let shown;

function fillForm() {
  $('survey').value = query.survey;
  $('from').value = query.from;
  $('to').value = query.to;
  $('all-surveys').href = `./?${new URLSearchParams({ from: query.from, to: query.to })}`;
  if (query.survey) {
    $('title-survey').textContent = query.survey;
    document.title = `NPS of ${query.survey} · Candor`;
  } else {
    $('title').textContent = 'All surveys';
    document.title = 'All surveys · Candor';
  }
}

/** The landing page: every survey with answers. */
async function loadSurveyList() {
  renderSurveys(await loadSurveys(query, storedToken()), query);
  show('surveys');
  setStatus(`Every survey, ${query.from} to ${query.to} (UTC)`);
}

function drawCharts() {
  undraw();
  undraw = () => {};
  if (!shown || shown.responses === 0 || shown.suppressed) return;
  if (!chartsAvailable()) {
    // The tables below each chart still hold every figure.
    for (const id of ['trend-chart', 'scores-chart']) $(id).textContent = 'The chart library did not load.';
    return;
  }
  const removers = [drawTrend($('trend-chart'), shown.trend), drawScores($('scores-chart'), shown.distribution)];
  undraw = () => removers.forEach((remove) => remove());
}

/** Loads and shows the breakdown chosen in the "Group by" list. */
async function showBreakdown() {
  $('breakdown-note').textContent = 'Loading…';
  try {
    renderBreakdown(await loadBreakdown(query, $('by').value, storedToken()));
  } catch (error) {
    $('breakdown-note').textContent = `The breakdown could not be loaded: ${error?.message ?? error}`;
  }
}

/** Loads and shows the themes of the category chosen. */
async function showThemes() {
  $('themes-note').textContent = 'Loading…';
  try {
    renderThemes(await loadThemes(query, $('category').value, storedToken()), answersShown ? readTheme : undefined);
  } catch (error) {
    $('theme-list').replaceChildren();
    $('themes-note').textContent = `The themes could not be loaded: ${error?.message ?? error}`;
  }
}

/** Whether this token reads answers one by one (the admin's): the comments, and a theme's. */
let answersShown = false;

/** Shows the comments of `theme` (its terms' keys), and moves there. */
function readTheme(theme) {
  chooseTheme({ label: theme.label, locale: theme.locale, keys: theme.keys });
  void showComments(query).then(() => $('comments-title').focus());
}

async function load() {
  setStatus('Loading…');
  $('forget').hidden = !storedToken();
  try {
    if (!query.survey) return await loadSurveyList();
    const { summary, replies } = await loadReport(query, storedToken());
    shown = summary;
    // A viewer token: aggregates only (the collector refuses answers one by one).
    const answers = replies !== null;
    answersShown = answers;
    renderOverview(summary);
    if (!answers) $('csv').parentElement.hidden = true;
    if (!summary.suppressed) {
      renderTrendText(summary);
      renderScoresText(summary);
    }
    if (answers) {
      renderReplies(replies);
      renderSegmentChoices(summary.segments ?? []);
      await showComments(query);
    }
    renderGroupChoices(summary.segments ?? []);
    // Everything in place before the report shows (no panel filling in later); charts need it shown to size.
    if (summary.responses && !summary.suppressed) await Promise.all([showBreakdown(), showThemes()]);
    show('report', { answers });
    drawCharts();
  } catch (error) {
    if (error?.needsToken) {
      showAuth(error.message);
      $('token').focus();
    } else showError(error?.message ?? String(error));
  }
}

$('by').addEventListener('change', () => void showBreakdown());
$('category').addEventListener('change', () => void showThemes());

$('auth-form').addEventListener('submit', (event) => {
  event.preventDefault();
  storeToken($('token').value.trim());
  $('token').value = '';
  void load();
});

$('forget').addEventListener('click', () => {
  storeToken(undefined);
  location.reload();
});

// A link cannot send the Authorization header, so the CSV is fetched with it
// and handed to the browser as a download.
$('csv').addEventListener('click', async (event) => {
  event.preventDefault();
  const message = $('csv-message');
  message.textContent = 'Preparing the file…';
  try {
    const res = await read(event.currentTarget.href, storedToken());
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${query.survey}_${query.from}_${query.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    message.textContent = '';
  } catch (error) {
    message.textContent = `The download failed: ${error.message}`;
  }
});

matchMedia('(prefers-color-scheme: dark)').addEventListener('change', drawCharts);

fillForm();
wireCommentFilters(query);
$('csv').href = readUrl(query.survey, 'responses.csv', { from: query.from, to: query.to });
void load();
