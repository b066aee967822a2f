// The themes panel: what one category's comments talk about more than the others', as text.
import { formatCount, formatNps } from './format.js';
import { el } from './view.js';

const LANGUAGES = new Intl.DisplayNames('en', { type: 'language' });
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** One theme: its label, how many answers mention it and their NPS, its other words, its examples. */
function themeItem(theme, read) {
  const item = el('li', { class: 'theme', lang: theme.locale });
  const title = el('h3', {}, theme.label);
  // The language its words were counted in: the same words in comments of two languages are two themes.
  title.append(' ', el('span', { class: 'hint', lang: 'en' }, `(${LANGUAGES.of(theme.locale) ?? theme.locale})`));
  item.append(title);
  const percent = Math.round(theme.categoryShare * 100);
  item.append(
    el(
      'p',
      { class: 'theme-figures', lang: 'en' },
      `${formatCount(theme.n)} answers mention it (${percent}% of this group's comments); their NPS ${formatNps(theme.nps)}.`,
    ),
  );
  // Its strongest other words (the collector lists them strongest first); the API has them all.
  const others = theme.terms.filter((t) => t !== theme.label).slice(0, 5);
  if (others.length) item.append(el('p', { class: 'theme-terms' }, `Also: ${others.join(', ')}`));
  for (const example of theme.examples) item.append(el('blockquote', {}, example.comment));
  if (read) {
    const button = el('button', { type: 'button', class: 'link-button', lang: 'en' }, 'Read these comments');
    button.setAttribute('aria-label', `Read the comments about “${theme.label}”`);
    button.addEventListener('click', () => read(theme));
    item.append(button);
  }
  return item;
}

/** The themes of the chosen category, or why there are none; `onRead(theme)`, when given, shows a theme's comments. */
export function renderThemes(body, onRead) {
  $('theme-list').replaceChildren(...body.themes.map((theme) => themeItem(theme, onRead)));
  const read = `From the latest ${formatCount(body.corpus.comments)} comments of the range.`;
  $('themes-note').textContent = body.themes.length
    ? read
    : `No theme with at least ${body.minGroup} answers stands out. ${read}`;
}
