import { createRequire } from 'node:module';
import { stemmer as arabic } from '@orama/stemmers/arabic';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as spanish } from '@orama/stemmers/spanish';

/** What the themes need of a language: its code, stop words and stemmer (identity where none). */
export interface Language {
  code: string;
  /**
   * What a lower-cased word is: a stop word (skipped, never a term), `weak` (a phrase may go on with
   * it, but it neither starts one nor stands alone) or a word of its own.
   */
  kindOf: (word: string) => 'stop' | 'weak' | 'word';
  stem: (word: string) => string;
}

/**
 * Japanese words written in hiragana alone are mostly inflections and auxiliaries the stop-word list
 * does not hold ("した", "ます"), or the second half of a compound the segmenter split ("やすい" of
 * "使いやすい", easy to use): weak words, kept only inside a phrase that a word in kanji or katakana
 * starts ("配送", "サポート", "使い").
 */
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

// stopwords-iso (MIT): maintained stop-word lists for 57 languages, one JSON file.
const STOP_WORDS = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

/**
 * Snowball stemmers (@orama/stemmers, Apache-2.0, one small module per language) for the widget's
 * languages that have one. Hebrew, Hindi, Polish, Japanese and Chinese have none here: their words are kept as
 * written (Japanese and Chinese are still split into words by `Intl.Segmenter`).
 */
const STEMMERS: Record<string, (word: string) => string> = {
  ar: arabic,
  de: german,
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  nl: dutch,
  pt: portuguese,
};

/**
 * Words the stop-word lists drop that say what people think: kept as terms. stopwords-iso's lists
 * are built for search, where "great", "problem" or "help" carry little; in feedback they are the
 * point.
 */
const KEEP: Record<string, readonly string[]> = {
  en: [
    'bad',
    'best',
    'better',
    'easy',
    'fast',
    'fine',
    'free',
    'good',
    'great',
    'help',
    'helpful',
    'hard',
    'important',
    'interesting',
    'like',
    'love',
    'new',
    'nice',
    'old',
    'problem',
    'problems',
    'quick',
    'quickly',
    'slow',
    'small',
    'thanks',
    'use',
    'useful',
    'work',
    'worked',
    'working',
    'works',
    'wrong',
  ],
  de: [
    'gut',
    'gute',
    'guten',
    'schnell',
    'schlecht',
    'leider',
    'neu',
    'neue',
    'problem',
    'probleme',
    'hilfe',
    'einfach',
    'teuer',
  ],
  fr: [
    'bien',
    'bon',
    'bonne',
    'mal',
    'facile',
    'rapide',
    'lent',
    'problème',
    'problèmes',
    'aide',
    'cher',
    'nouveau',
    'nouvelle',
  ],
  es: ['bien', 'bueno', 'buena', 'mal', 'malo', 'fácil', 'rápido', 'lento', 'problema', 'problemas', 'ayuda', 'caro'],
};

const cache = new Map<string, Language>();

/** The language of a stored locale ("en", "pt", "zh"…): its stop words, minus the kept ones, and stemmer. */
export function languageOf(locale: string): Language {
  const code = locale.split('-')[0]!.toLowerCase();
  let language = cache.get(code);
  if (!language) {
    const keep = new Set(KEEP[code] ?? []);
    const stem = STEMMERS[code] ?? ((word: string) => word);
    const stopWords = new Set(
      (STOP_WORDS[code] ?? []).map((w) => w.toLocaleLowerCase(code)).filter((w) => !keep.has(w)),
    );
    language = {
      code,
      kindOf: (word) => (stopWords.has(word) ? 'stop' : code === 'ja' && HIRAGANA_ONLY.test(word) ? 'weak' : 'word'),
      stem: (word) => stem(word),
    };
    cache.set(code, language);
  }
  return language;
}
