import { languageOf, type Language } from './languages.js';

/** One term of a comment: its key (stems joined by spaces) and the words it came from, as written. */
export interface Term {
  key: string;
  surface: string;
}

/** Phrases of one to this many words. */
export const MAX_WORDS = 3;
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
  for (const segment of segmenterFor(language.code).segment(text)) {
    if (!segment.isWordLike) {
      if (/[^\s'’-]/u.test(segment.segment)) runs.push([]);
      continue;
    }
    const word = segment.segment.toLocaleLowerCase(language.code);
    if (NUMBER.test(word) || (word.length < 2 && !IDEOGRAPHIC.test(word))) continue;
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

/**
 * Every term of a comment, once each: its words and phrases of up to three words (skipping up to two
 * stop words between words), keyed by stem so "delivery" and "deliveries" are one term. `surface`
 * is the phrase as written, stop words included ("easy to use").
 */
export function termsOf(text: string, locale: string): Map<string, Term> {
  const language = languageOf(locale);
  const terms = new Map<string, Term>();
  for (const run of runsOf(text, language)) {
    for (let i = 0; i < run.length; i++) {
      if (run[i]!.stem === undefined || run[i]!.weak) continue;
      const stems: string[] = [];
      let skipped = 0;
      for (let j = i; j < run.length && stems.length < MAX_WORDS; j++) {
        const word = run[j]!;
        if (word.stem === undefined) {
          if (++skipped > MAX_SKIPPED) break;
          continue;
        }
        skipped = 0;
        stems.push(word.stem);
        const key = `${language.code}:${stems.join(' ')}`;
        if (!terms.has(key)) terms.set(key, { key, surface: text.slice(run[i]!.start, word.end) });
      }
    }
  }
  return terms;
}
