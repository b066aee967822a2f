import { languageOf, type Language } from './languages.js';

/** One term of a comment: its key (stems joined by spaces) and the words it came from, as written. */
export interface Term {
  key: string;
  surface: string;
}

/** Phrases of one to this many words. */
export const MAX_WORDS = 3;
/**
 * Words of a comment read at most (a comment holds at most 1,000 characters): bounds the terms one
 * comment can add, whatever it holds.
 */
export const MAX_WORDS_PER_COMMENT = 150;
/** Stop words a phrase may skip between two of its words ("easy to use" is the phrase "easy use"). */
const MAX_SKIPPED = 2;

const segmenters = new Map<string, Intl.Segmenter>();
const segmenterFor = (lang: string) => {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: 'word' })));
  return s;
};

const NUMBER = /^[\p{N}.,]+$/u;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A word as the ranking sees it: kept (with its stem), a stop word (`stem` undefined), or `weak`: a
 * word that may continue a phrase but not start one or stand alone (Japanese hiragana: "やすい" in
 * "使いやすい"); `start`/`end` in the comment.
 */
interface Word {
  stem: string | undefined;
  weak: boolean;
  start: number;
  end: number;
}

/**
 * The words of `text` in `locale`'s language, split by `Intl.Segmenter` (so Japanese and Chinese,
 * written without spaces, split too), lower-cased, stop words marked, the rest stemmed where the
 * language has a Snowball stemmer; runs broken at punctuation (a phrase never crosses a sentence or
 * a clause). Numbers are dropped, and so are single letters of alphabetic scripts.
 */
function runsOf(text: string, language: Language): Word[][] {
  const runs: Word[][] = [[]];
  let words = 0;
  for (const segment of segmenterFor(language.code).segment(text)) {
    if (words >= MAX_WORDS_PER_COMMENT) break;
    if (!segment.isWordLike) {
      if (/[^\s'’-]/u.test(segment.segment)) runs.push([]);
      continue;
    }
    const word = segment.segment.toLocaleLowerCase(language.code);
    if (NUMBER.test(word) || (word.length < 2 && !IDEOGRAPHIC.test(word))) continue;
    words++;
    const start = segment.index;
    const kind = language.kindOf(word);
    runs.at(-1)!.push({
      stem: kind === 'stop' ? undefined : language.stem(word),
      weak: kind === 'weak',
      start,
      end: start + segment.segment.length,
    });
  }
  return runs.filter((run) => run.some((w) => w.stem !== undefined && !w.weak));
}

/** The words of a comment that may be terms of their own, once each, as keys ("en:deliveri"). */
export function wordsOf(text: string, locale: string): Set<string> {
  const language = languageOf(locale);
  const words = new Set<string>();
  for (const run of runsOf(text, language))
    for (const word of run) if (word.stem !== undefined && !word.weak) words.add(`${language.code}:${word.stem}`);
  return words;
}

/**
 * Every term of a comment, once each (only of words `keep` accepts, when given): its words and phrases of up to three words (skipping up to two
 * stop words between words), keyed by stem so "delivery" and "deliveries" are one term. `surface`
 * is the phrase as written, stop words included ("easy to use").
 */
export function termsOf(text: string, locale: string, keep: (word: string) => boolean = () => true): Map<string, Term> {
  const language = languageOf(locale);
  const terms = new Map<string, Term>();
  const kept = (word: Word) => word.weak || keep(`${language.code}:${word.stem}`);
  for (const run of runsOf(text, language)) {
    for (let i = 0; i < run.length; i++) {
      if (run[i]!.stem === undefined || run[i]!.weak || !kept(run[i]!)) continue;
      const stems: string[] = [];
      let skipped = 0;
      for (let j = i; j < run.length && stems.length < MAX_WORDS; j++) {
        const word = run[j]!;
        if (word.stem === undefined) {
          if (++skipped > MAX_SKIPPED) break;
          continue;
        }
        if (!kept(word)) break;
        skipped = 0;
        stems.push(word.stem);
        const key = `${language.code}:${stems.join(' ')}`;
        if (!terms.has(key)) terms.set(key, { key, surface: text.slice(run[i]!.start, word.end) });
      }
    }
  }
  return terms;
}
