// A fixture of feedback comments in English, German, French and Japanese with planted themes: each
// planted theme is what sets one category's answers apart in one language, written several ways and
// mixed with sentences every category uses, with generic words of praise or complaint competing
// (said in other categories too, as people do), and a few mentions leaking into the other categories. Seeded: the same 480 comments on every run.
import { randomUUID } from 'node:crypto';
import type { Category } from '../../src/lib/category.js';
import type { ThemeComment } from '../../demo/collector/storage/types.js';
import { seeded } from '../../demo/collector/seeded.js';

/** A planted theme: the category it sets apart, its language, and how a theme's words show it was found. */
export interface Planted {
  category: Category;
  locale: string;
  name: string;
  matches: RegExp;
  sentences: readonly string[];
}

export const PLANTED: readonly Planted[] = [
  {
    category: 'detractor',
    locale: 'en',
    name: 'slow shipping',
    matches: /shipping/i,
    sentences: [
      'Shipping was really slow.',
      'The shipping is so slow, it took two weeks.',
      'Slow shipping again.',
      'Why is shipping this slow?',
      'Shipping took forever.',
    ],
  },
  {
    category: 'detractor',
    locale: 'de',
    name: 'Lieferung',
    matches: /lieferung/i,
    sentences: [
      'Die Lieferung hat viel zu lange gedauert.',
      'Lieferung kam beschädigt an.',
      'Schon wieder eine verspätete Lieferung.',
      'Auf die Lieferung warte ich seit Wochen.',
    ],
  },
  {
    category: 'detractor',
    locale: 'ja',
    name: 'サポート',
    matches: /サポート/,
    sentences: [
      'サポートの対応が遅いです。',
      'サポートに連絡しても返事がない。',
      'サポートが不親切でした。',
      'サポートの電話がつながらない。',
    ],
  },
  {
    category: 'promoter',
    locale: 'en',
    name: 'easy to use',
    matches: /easy/i,
    sentences: [
      'So easy to use!',
      'Easy to use and quick to set up.',
      'Really easy to use for the whole team.',
      'Easy to use, even for my parents.',
    ],
  },
  {
    category: 'promoter',
    locale: 'fr',
    name: 'service client',
    matches: /service/i,
    sentences: [
      'Le service client est très réactif.',
      'Service client au top !',
      "Merci au service client pour l'aide rapide.",
      'Un service client qui répond vraiment.',
    ],
  },
  {
    category: 'promoter',
    locale: 'ja',
    name: '使いやすい',
    matches: /使い/,
    sentences: [
      'とても使いやすいです。',
      '使いやすくて便利。',
      'シンプルで使いやすい。',
      '誰でも使いやすいと思います。',
    ],
  },
  {
    category: 'passive',
    locale: 'de',
    name: 'teuer',
    matches: /teuer/i,
    sentences: [
      'Etwas zu teuer für das, was es kann.',
      'Gut, aber teuer.',
      'Der Preis ist mir zu teuer.',
      'Im Vergleich recht teuer.',
    ],
  },
  {
    category: 'passive',
    locale: 'fr',
    name: 'fonctionnalités',
    matches: /fonctionnalit/i,
    sentences: [
      'Il manque quelques fonctionnalités.',
      'Des fonctionnalités en plus seraient bien.',
      'Bien, mais peu de fonctionnalités avancées.',
      'Les fonctionnalités de base suffisent, sans plus.',
    ],
  },
  {
    category: 'passive',
    locale: 'en',
    name: 'dark mode',
    matches: /dark/i,
    sentences: [
      'Would love a dark mode.',
      'Please add dark mode.',
      'Needs a dark mode option.',
      'Fine, but no dark mode yet.',
    ],
  },
];

/** Sentences every category uses, per language. */
const FILLER: Record<string, readonly string[]> = {
  en: [
    'I use it every day.',
    'We switched last year.',
    'My team uses it for work.',
    'I tried it on my phone and laptop.',
    'The app is okay.',
    'Nothing else to add.',
  ],
  de: [
    'Ich nutze es jeden Tag.',
    'Wir arbeiten seit einem Jahr damit.',
    'Mein Team nutzt es im Büro.',
    'Auf dem Handy und am Laptop.',
    'Die App ist in Ordnung.',
  ],
  fr: [
    "Je l'utilise tous les jours.",
    "Nous l'avons adopté l'an dernier.",
    "Mon équipe s'en sert au bureau.",
    'Sur mobile et sur ordinateur.',
    "L'application est correcte.",
  ],
  ja: [
    '毎日使っています。',
    '去年から使っています。',
    'チームで仕事に使っています。',
    'スマホとパソコンで使います。',
    'アプリは普通です。',
  ],
};

/** Generic praise or complaint: real signal for the category, competing with the planted themes. */
const GENERIC: Partial<Record<Category, Record<string, readonly string[]>>> = {
  detractor: {
    en: ['Very disappointed.', 'Not good.'],
    de: ['Sehr enttäuscht.'],
    fr: ['Très déçu.'],
    ja: ['がっかりしました。'],
  },
  promoter: { en: ['Love it.', 'Great product.'], de: ['Super Produkt.'], fr: ['Génial.'], ja: ['最高です。'] },
};

const SCORES: Record<Category, readonly number[]> = {
  detractor: [0, 1, 2, 3, 4, 5, 6],
  passive: [7, 8],
  promoter: [9, 10],
};
const CATEGORIES: readonly Category[] = ['detractor', 'passive', 'promoter'];
/** Comments per language and category. */
const SIZES: Record<Category, number> = { detractor: 40, passive: 35, promoter: 45 };

/** The fixture: 480 comments, newest first (one an hour back from 22 November 2026). */
export function themeFixture(seed = 2008): ThemeComment[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const comments: Omit<ThemeComment, 'at'>[] = [];
  for (const locale of ['en', 'de', 'fr', 'ja'])
    for (const category of CATEGORIES)
      for (let i = 0; i < SIZES[category]; i++) {
        const sentences: string[] = [];
        const planted = PLANTED.filter((p) => p.locale === locale);
        for (const p of planted) {
          // Its own category mentions it in about 60% of answers; the others in about 4%.
          if (random() < (p.category === category ? 0.6 : 0.04)) sentences.push(pick(p.sentences));
        }
        // Generic praise or complaint: about 30% of its own category, and some passives and others too.
        for (const [own, byLocale] of Object.entries(GENERIC) as [Category, Record<string, readonly string[]>][])
          if (byLocale[locale] && random() < (own === category ? 0.3 : 0.08)) sentences.push(pick(byLocale[locale]!));
        sentences.push(pick(FILLER[locale]!));
        if (random() < 0.5) sentences.push(pick(FILLER[locale]!));
        // Shuffled, so a theme is not always first.
        sentences.sort(() => random() - 0.5);
        comments.push({
          id: randomUUID(),
          score: pick(SCORES[category]),
          comment: sentences.join(locale === 'ja' ? '' : ' '),
          locale,
        });
      }
  // Interleaved by a shuffle, then dated newest first.
  comments.sort(() => random() - 0.5);
  const start = Date.UTC(2026, 10, 22, 10);
  return comments.map((c, i) => ({ ...c, at: new Date(start - i * 3_600_000).toISOString().slice(0, 13) + ':00:00Z' }));
}
