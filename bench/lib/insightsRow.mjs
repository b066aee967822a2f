// The insights benches' answer: pages, devices, languages, a segment and comments in four
// languages, seeded (bench/insights.mjs, bench/dashboard.mjs).
import { randomUUID } from 'node:crypto';
import { categoryOf, hourIn } from './summary.mjs';

const COMMENTS = {
  en: ['Shipping was really slow.', 'So easy to use!', 'Would love a dark mode.', 'I use it every day for work.'],
  de: ['Die Lieferung hat zu lange gedauert.', 'Sehr einfach zu bedienen.', 'Etwas zu teuer.'],
  fr: ['Le service client est très réactif.', 'Il manque quelques fonctionnalités.'],
  ja: ['とても使いやすいです。', 'サポートから返事がない。'],
};

/** An answer with pages, devices, languages, a segment and comments in four languages. */
export function insightsRow(random, start) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const score = Math.floor(random() * 11);
  const locale = pick(['en', 'en', 'en', 'de', 'fr', 'ja']);
  return {
    id: randomUUID(),
    survey: 'bench',
    score,
    category: categoryOf(score),
    ...(random() < 0.3 && { comment: pick(COMMENTS[locale]) }),
    locale,
    page: pick(['/pricing', '/checkout', '/docs', '/account', '/blog/a', '/blog/b']),
    device: pick(['mobile', 'desktop', 'tablet']),
    at: hourIn(random, start),
    consentVersion: '1',
    ...(random() < 0.8 && { segment: { plan: pick(['free', 'pro', 'team']) } }),
    sdk: '0.1.0',
  };
}
