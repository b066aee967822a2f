import type { Category } from '../../../../src/lib/category.js';
import { categoryOf } from '../../../../src/lib/category.js';
import { npsOf } from '../../storage/summarize.js';
import type { ThemeComment } from '../../storage/types.js';
import { logOdds } from './logOdds.js';
import { termsOf, wordsOf } from './tokens.js';

export type { ThemeComment };

/** One theme of a category: what sets its answers apart from the others'. */
export interface Theme {
  /** The phrase as people wrote it, e.g. "easy to use". */
  label: string;
  /** The language of its words ("en", "ja"…). */
  locale: string;
  /** The terms it gathers, as written (a word and the phrases that share its answers). */
  terms: string[];
  /** The same terms as keys, a language and stems ("en:deliveri slow"): what the comments' `theme` filter takes. */
  keys: string[];
  /** Answers of the corpus (every category) that mention it. */
  n: number;
  /** `n` over every answer of the corpus. */
  share: number;
  /** Answers of the category that mention it, over the category's answers. */
  categoryShare: number;
  /** The NPS of the answers that mention it. */
  nps: number | null;
  /** The log-odds z-score of its answers together: how strongly it sets the category apart. */
  z: number;
  /** Up to three comments of the category that mention it, newest first (for the admin only). */
  examples: { id: string; at: string; score: number; comment: string }[];
}

/** Themes listed per category at most. */
export const MAX_THEMES = 10;
/** A term must set the category apart beyond noise: z above this (two-sided 5%). */
const Z_MIN = 1.96;
/** A term joins a stronger theme when this share of its answers are that theme's. */
const JOINS = 0.75;
/** A term is left out, mostly explained by a stronger theme, when this share of its answers are that theme's. */
const EXPLAINED = 0.5;

const overlap = (a: ReadonlySet<number>, b: ReadonlySet<number>) => {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both;
};

/**
 * The themes of `category` in `comments`: terms (words and phrases, per language: tokens.ts) ranked
 * by the log-odds ratio with an informative Dirichlet prior of the category's answers against all
 * the others (logOdds.ts), those beyond noise (z > 1.96) gathered into themes when most of a term's
 * answers are a stronger theme's, each theme then scored by its answers together and labelled with the phrase most
 * of them use (of equals, the longest) as people wrote it. A theme mentioned by fewer than `minGroup` answers is not shown; nor is any theme when the
 * category itself has fewer. Examples only when `examples` is set (the admin).
 */
export function themesOf(
  comments: readonly ThemeComment[],
  category: Category,
  minGroup: number,
  examples: boolean,
): Theme[] {
  const inCategory = comments.map((c) => categoryOf(c.score) === category);
  const categorySize = inCategory.filter(Boolean).length;
  if (categorySize < minGroup) return [];

  // First the words alone: a word in one answer can be no theme, nor can a phrase holding it, so
  // phrases are only formed of words in two answers or more. This bounds the work of a corpus of
  // words used once each (made up to slow the collector down) to one count per word.
  const wordCounts = new Map<string, number>();
  for (const c of comments)
    for (const word of wordsOf(c.comment, c.locale)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
  const repeated = (word: string) => (wordCounts.get(word) ?? 0) >= 2;

  const docs = new Map<string, Set<number>>();
  const surfaces = new Map<string, Map<string, number>>();
  comments.forEach((c, i) => {
    for (const { key, surface } of termsOf(c.comment, c.locale, repeated).values()) {
      let set = docs.get(key);
      if (!set) docs.set(key, (set = new Set()));
      set.add(i);
      let forms = surfaces.get(key);
      if (!forms) surfaces.set(key, (forms = new Map()));
      const form = surface.toLocaleLowerCase(c.locale);
      forms.set(form, (forms.get(form) ?? 0) + 1);
    }
  });
  const group = new Map<string, number>();
  const rest = new Map<string, number>();
  for (const [key, set] of docs) {
    let g = 0;
    for (const i of set) if (inCategory[i]) g++;
    if (g) group.set(key, g);
    if (set.size - g) rest.set(key, set.size - g);
  }
  // The prior: as many pseudo-mentions as there are answers, spread like the corpus's mentions.
  const model = logOdds(group, rest, comments.length);
  const ranked = [...docs.keys()]
    .map((key) => [key, model.z(group.get(key) ?? 0, rest.get(key) ?? 0)] as const)
    .filter(([key, score]) => score > Z_MIN && (group.get(key) ?? 0) >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

  // A term whose answers lie mostly within a stronger theme's (the same language) joins it: "slow",
  // "shipping" and "slow shipping" are one complaint. One that overlaps a theme by half is mostly
  // explained by it ("use", beside "easy to use") and is left out. A theme is then scored as one
  // term: its answers, together.
  const themes: { keys: string[]; answers: Set<number> }[] = [];
  for (const [key] of ranked) {
    const answers = docs.get(key)!;
    const lang = key.slice(0, key.indexOf(':'));
    let home: (typeof themes)[number] | undefined;
    let explained = false;
    for (const t of themes) {
      if (!t.keys[0]!.startsWith(`${lang}:`)) continue;
      const inside = overlap(answers, t.answers) / answers.size;
      if (inside >= JOINS) {
        home = t;
        break;
      }
      if (inside >= EXPLAINED) explained = true;
    }
    if (home) {
      home.keys.push(key);
      for (const i of answers) home.answers.add(i);
    } else if (!explained) themes.push({ keys: [key], answers: new Set(answers) });
  }
  const scored = themes.map((t) => {
    let g = 0;
    for (const i of t.answers) if (inCategory[i]) g++;
    return { ...t, z: model.z(g, t.answers.size - g) };
  });

  /** How many answers wrote a term the way most of its answers did. */
  const topForm = (key: string) => Math.max(...surfaces.get(key)!.values());
  const formOf = (key: string) => [...surfaces.get(key)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const words = (key: string) => key.split(' ').length;
  return (
    scored
      // Without examples (a viewer), a theme shows only words and phrases that `minGroup` answers use
      // each: a phrase of a few people, as they wrote it, could tell who they are.
      .map((t) => ({ ...t, keys: examples ? t.keys : t.keys.filter((key) => topForm(key) >= minGroup) }))
      .filter((t) => t.answers.size >= minGroup && t.keys.length > 0)
      .sort((a, b) => b.z - a.z)
      .slice(0, MAX_THEMES)
      .map((t) => {
        const mine = [...t.answers].sort((a, b) => a - b); // corpus order: newest first
        let promoters = 0;
        let detractors = 0;
        let ofCategory = 0;
        for (const i of mine) {
          const c = categoryOf(comments[i]!.score);
          if (c === 'promoter') promoters++;
          else if (c === 'detractor') detractors++;
          if (inCategory[i]) ofCategory++;
        }
        // The label: the term most of its answers use; of equals, the longest phrase ("easy to use").
        const size = (key: string) => docs.get(key)!.size;
        const label = t.keys.reduce((best, key) =>
          size(key) > size(best) || (size(key) === size(best) && words(key) > words(best)) ? key : best,
        );
        return {
          label: formOf(label),
          locale: label.slice(0, label.indexOf(':')),
          terms: t.keys.map(formOf),
          keys: t.keys,
          n: mine.length,
          share: round(mine.length / comments.length),
          categoryShare: round(ofCategory / categorySize),
          nps: npsOf(promoters, detractors, mine.length),
          z: Math.round(t.z * 100) / 100,
          examples: examples
            ? mine
                .filter((i) => inCategory[i])
                .slice(0, 3)
                .map((i) => {
                  const { id, at, score, comment } = comments[i]!;
                  return { id, at, score, comment };
                })
            : [],
        };
      })
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;
