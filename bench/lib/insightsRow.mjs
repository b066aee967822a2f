// The insights benches' answer: pages, devices, languages, a segment and comments in four
// languages, seeded (bench/insights.mjs, bench/dashboard.mjs).
import { randomUUID } from 'node:crypto';
import { categoryOf, hourIn } from './summary.mjs';

/** What people write, by language: complaints (detractors) and praise (promoters); passives either. */
const COMMENTS = {
  en: {
    bad: ['Shipping was really slow.', 'Too expensive for what it does.', 'Support never answered my ticket.'],
    good: ['So easy to use!', 'I use it every day for work.', 'Great value, would love a dark mode.'],
  },
  de: { bad: ['Die Lieferung hat zu lange gedauert.', 'Etwas zu teuer.'], good: ['Sehr einfach zu bedienen.'] },
  fr: { bad: ['Il manque quelques fonctionnalités.'], good: ['Le service client est très réactif.'] },
  ja: { bad: ['サポートから返事がない。'], good: ['とても使いやすいです。'] },
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
    ...(random() < 0.3 && {
      comment: pick(COMMENTS[locale][score <= 6 ? 'bad' : score >= 9 ? 'good' : random() < 0.5 ? 'bad' : 'good']),
    }),
    locale,
    page: pick(['/pricing', '/checkout', '/docs', '/account', '/blog/a', '/blog/b']),
    device: pick(['mobile', 'desktop', 'tablet']),
    at: hourIn(random, start),
    consentVersion: '1',
    ...(random() < 0.8 && { segment: { plan: pick(['free', 'pro', 'team']) } }),
    sdk: '0.1.0',
  };
}
