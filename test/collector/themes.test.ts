// Themes from comments, computed here: words per language (Intl.Segmenter, stop words, Snowball
// stems, phrases of up to three words), ranked by the log-odds ratio with an informative Dirichlet
// prior, checked against a fixture of 480 comments in four languages with planted themes.
import { describe, expect, test } from 'vitest';
import type { Category } from '../../src/lib/category.js';
import { logOddsZ } from '../../demo/collector/insights/themes/logOdds.js';
import { themesOf } from '../../demo/collector/insights/themes/themes.js';
import { MAX_WORDS_PER_COMMENT, termsOf, wordsOf } from '../../demo/collector/insights/themes/tokens.js';
import { wholeWeeks } from '../../demo/collector/insights/themes/route.js';
import { PLANTED, themeFixture } from './themeFixture.js';

const surfaces = (text: string, locale: string) => [...termsOf(text, locale).values()].map((t) => t.surface);
const keys = (text: string, locale: string) => [...termsOf(text, locale).keys()];

describe('the words of a comment', () => {
  test('English: stop words out, stems join forms, phrases keep the words as written', () => {
    expect(surfaces('So easy to use!', 'en')).toEqual(['easy', 'easy to use', 'use']);
    // "deliveries" and "delivery" are one stem: one term.
    expect(keys('Deliveries late', 'en')).toContain('en:deliveri');
    expect(keys('The delivery was late', 'en')).toContain('en:deliveri');
    // Words of opinion the search-oriented lists drop are kept.
    expect(surfaces('A great help, no problem', 'en')).toEqual(expect.arrayContaining(['great', 'help', 'problem']));
  });

  test('a phrase never crosses punctuation, and numbers are no words', () => {
    expect(surfaces('Slow. Shipping 2024', 'en')).toEqual(['Slow', 'Shipping']);
  });

  test('Japanese, written without spaces, is split into words; particles are stop words', () => {
    const words = surfaces('サポートの対応が遅いです。', 'ja');
    expect(words).toContain('サポート');
    expect(words).toContain('対応');
    expect(words).not.toContain('の');
    expect(words).not.toContain('が');
  });

  test('German and French stem; an unknown language keeps its words as written', () => {
    expect(keys('Lieferungen', 'de')).toEqual(keys('Lieferung', 'de'));
    expect(keys('fonctionnalités', 'fr')).toEqual(keys('fonctionnalité', 'fr'));
    expect(surfaces('Bardzo dobra aplikacja', 'pl')).toContain('aplikacja');
  });
});

describe('bounds against a corpus made to be slow', () => {
  test('a phrase is formed only of words `keep` accepts; a comment is read up to 150 words', () => {
    expect(surfaces('alpha beta gamma', 'en')).toEqual([
      'alpha',
      'alpha beta',
      'alpha beta gamma',
      'beta',
      'beta gamma',
      'gamma',
    ]);
    expect([...termsOf('alpha beta gamma', 'en', (w) => w !== 'en:beta').values()].map((t) => t.surface)).toEqual([
      'alpha',
      'gamma',
    ]);
    const long = Array.from(
      { length: 300 },
      (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    ).join(' ');
    expect(wordsOf(long, 'en').size).toBe(MAX_WORDS_PER_COMMENT);
  });

  test('words used once each make no theme and no phrase', () => {
    let n = 0;
    const unique = () => `zz${(n++).toString(36)}`;
    const comments = Array.from({ length: 300 }, (_, i) => ({
      id: String(i),
      at: '2026-11-20T10:00:00Z',
      score: i % 11,
      comment: Array.from({ length: 40 }, unique).join(' '),
      locale: 'en',
    }));
    expect(themesOf(comments, 'detractor', 10, true)).toEqual([]);
  });

  test("a viewer's corpus cut at 5,000 comments starts at a week: the oldest, partial week is left out", () => {
    const at = (day: string) => ({ id: day, at: `${day}T10:00:00Z`, score: 3, comment: 'x', locale: 'en' });
    // Newest first; 18 November is a Wednesday: its week (16–22) may be cut, so it goes.
    const corpus = [at('2026-11-25'), at('2026-11-23'), at('2026-11-22'), at('2026-11-18')];
    expect(wholeWeeks(corpus).map((c) => c.id)).toEqual(['2026-11-25', '2026-11-23']);
  });
});

describe('the log-odds ratio with an informative Dirichlet prior', () => {
  test('a term the group uses more has a positive z; one the rest uses more a negative one; both grow with evidence', () => {
    const z = logOddsZ(
      new Map([
        ['slow', 30],
        ['app', 10],
      ]),
      new Map([
        ['slow', 3],
        ['app', 40],
      ]),
      100,
    );
    expect(z.get('slow')!).toBeGreaterThan(1.96);
    expect(z.get('app')!).toBeLessThan(0);
    const more = logOddsZ(
      new Map([
        ['slow', 300],
        ['app', 100],
      ]),
      new Map([
        ['slow', 30],
        ['app', 400],
      ]),
      100,
    );
    expect(more.get('slow')!).toBeGreaterThan(z.get('slow')!);
  });

  test('the prior shrinks a rare term: three mentions rank below thirty at the same rate', () => {
    const group = new Map([
      ['rare', 3],
      ['common', 30],
      ['other', 67],
    ]);
    const rest = new Map([
      ['rare', 0],
      ['common', 3],
      ['other', 297],
    ]);
    const z = logOddsZ(group, rest, 400);
    expect(z.get('common')!).toBeGreaterThan(z.get('rare')!);
  });
});

describe('themes of the fixture (480 comments: English, German, French, Japanese)', () => {
  const comments = themeFixture();

  test('the fixture is what it says', () => {
    expect(comments).toHaveLength(480);
    expect(new Set(comments.map((c) => c.locale))).toEqual(new Set(['en', 'de', 'fr', 'ja']));
  });

  for (const category of ['detractor', 'passive', 'promoter'] as Category[])
    test(`every planted ${category} theme ranks in the top three of its category`, () => {
      const themes = themesOf(comments, category, 10, true);
      const top = themes.slice(0, 3);
      for (const planted of PLANTED.filter((p) => p.category === category)) {
        const found = top.find(
          (t) => t.locale === planted.locale && t.terms.some((term) => planted.matches.test(term)),
        );
        expect(found, `${planted.name} in ${JSON.stringify(top.map((t) => t.label))}`).toBeDefined();
      }
    });

  test('not one lucky fixture: over 30 seeds, at least 95% of the planted themes rank in the top three', () => {
    let found = 0;
    let planted = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const fixture = themeFixture(seed);
      for (const category of ['detractor', 'passive', 'promoter'] as Category[]) {
        const top = themesOf(fixture, category, 10, false).slice(0, 3);
        for (const p of PLANTED.filter((x) => x.category === category)) {
          planted++;
          if (top.some((t) => t.locale === p.locale && t.terms.some((term) => p.matches.test(term)))) found++;
        }
      }
    }
    expect(planted).toBe(270);
    expect(found / planted).toBeGreaterThanOrEqual(0.95); // 268 of 270 when written
  });

  test('each theme: its words, answers, share, NPS and up to three examples of the category', () => {
    const [theme] = themesOf(comments, 'detractor', 10, true);
    const mentioning = comments.filter((c) =>
      theme!.terms.some((t) => c.comment.toLowerCase().includes(t.toLowerCase())),
    );
    expect(theme!.n).toBeGreaterThanOrEqual(10);
    expect(theme!.n).toBeLessThanOrEqual(mentioning.length);
    expect(theme!.share).toBeCloseTo(theme!.n / comments.length, 3);
    expect(theme!.nps).toBeLessThan(0);
    expect(theme!.examples.length).toBeGreaterThan(0);
    expect(theme!.examples.length).toBeLessThanOrEqual(3);
    for (const example of theme!.examples) expect(example.score).toBeLessThanOrEqual(6);
    // Newest first.
    expect([...theme!.examples].sort((a, b) => (a.at < b.at ? 1 : -1))).toEqual(theme!.examples);
  });

  test('without examples (a viewer) a theme shows only words and phrases that the minimum group uses each', () => {
    const comments = themeFixture();
    const admin = themesOf(comments, 'detractor', 10, true);
    const viewer = themesOf(comments, 'detractor', 10, false);
    const uses = (term: string) => comments.filter((c) => c.comment.toLowerCase().includes(term.toLowerCase())).length;
    // The admin sees rarer phrases ("shipping was really slow"); the viewer none used by fewer than 10.
    expect(admin.flatMap((t) => t.terms).some((term) => uses(term) < 10)).toBe(true);
    for (const theme of viewer) for (const term of theme.terms) expect(uses(term), term).toBeGreaterThanOrEqual(10);
  });

  test('a theme mentioned by fewer answers than the minimum group is not shown; no examples without asking', () => {
    const themes = themesOf(comments, 'passive', 25, false);
    for (const theme of themes) expect(theme.n).toBeGreaterThanOrEqual(25);
    expect(themes.every((t) => t.examples.length === 0)).toBe(true);
    // A category smaller than the minimum has no themes at all.
    expect(themesOf(comments.slice(0, 30), 'passive', 25, true)).toEqual([]);
  });
});
