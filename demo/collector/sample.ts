import { randomUUID } from 'node:crypto';
import { categoryOf } from '../../src/lib/category.js';
import type { NpsResponse } from '../../src/response.js';
import { addDays, dayOf } from './dates.js';
import type { Storage } from './storage/types.js';
import { seeded } from './seeded.js';

/** The survey sample answers go to unless another is named: never one of yours. */
export const SAMPLE_SURVEY = 'sample';
/** Days of sample answers, ending yesterday (UTC). */
export const SAMPLE_DAYS = 90;

/** Phrases per language and category: what a survey's comments might say, themes included. */
const PHRASES: Record<string, Record<'detractor' | 'passive' | 'promoter' | 'any', readonly string[]>> = {
  en: {
    detractor: [
      'Shipping was really slow.',
      'The checkout failed twice.',
      'Support never answered my email.',
      'Too expensive for what it does.',
    ],
    passive: [
      'Would love a dark mode.',
      'Good, but the search could be better.',
      'Fine overall, a bit slow on mobile.',
    ],
    promoter: ['So easy to use!', 'Great support team, quick answers.', 'Easy to use and saves me hours every week.'],
    any: ['I use it every day.', 'My team uses it for work.', 'We switched last year.', 'Mostly on my phone.'],
  },
  de: {
    detractor: ['Die Lieferung hat viel zu lange gedauert.', 'Der Checkout ist zweimal abgebrochen.', 'Viel zu teuer.'],
    passive: ['Gut, aber etwas teuer.', 'Ein dunkles Design wäre schön.'],
    promoter: ['Sehr einfach zu bedienen.', 'Super Support, schnelle Antworten.'],
    any: ['Ich nutze es jeden Tag.', 'Mein Team nutzt es im Büro.'],
  },
  fr: {
    detractor: ['La livraison a pris trois semaines.', 'Le paiement a échoué deux fois.'],
    passive: ['Il manque quelques fonctionnalités.', 'Bien, mais un peu cher.'],
    promoter: ['Le service client est très réactif.', 'Très facile à utiliser.'],
    any: ["Je l'utilise tous les jours.", 'Surtout sur mobile.'],
  },
  ja: {
    detractor: ['配送がとても遅かったです。', 'サポートから返事がない。'],
    passive: ['ダークモードがほしいです。', '少し高いと思います。'],
    promoter: ['とても使いやすいです。', 'サポートの対応が早くて助かりました。'],
    any: ['毎日使っています。', 'チームで仕事に使っています。'],
  },
};

/**
 * About 1,300 made-up answers to `survey` over the `SAMPLE_DAYS` days before `now`: more on weekdays,
 * an NPS that starts near −10 and climbs to about +30 (a fix shipped half-way), mobile, desktop and
 * tablet, four languages, four pages, segments `plan` and `region`, and comments in every category
 * (with themes to find) on about half of them. The same scores and comments for the same `seed`.
 */
export function sampleAnswers(survey: string, now: number, seed = 42): NpsResponse[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]) => {
    let r = random();
    for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
    return pairs.at(-1)![0];
  };
  const answers: NpsResponse[] = [];
  const last = addDays(dayOf(now), -1);
  for (let d = SAMPLE_DAYS - 1; d >= 0; d--) {
    const day = addDays(last, -d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const count = Math.round((weekday === 0 || weekday === 6 ? 6 : 17) * (0.6 + random() * 0.8));
    const progress = 1 - d / SAMPLE_DAYS;
    for (let i = 0; i < count; i++) {
      const device = weighted([
        ['mobile', 0.55],
        ['desktop', 0.35],
        ['tablet', 0.1],
      ] as const);
      // Better over time, and a little worse on mobile.
      const lift = progress * 3 + (device === 'mobile' ? -0.6 : 0.3);
      const score = Math.max(0, Math.min(10, Math.round(6 + lift + (random() - 0.5) * 8)));
      const category = categoryOf(score);
      const locale = weighted([
        ['en', 0.6],
        ['de', 0.2],
        ['fr', 0.12],
        ['ja', 0.08],
      ] as const);
      const phrases = PHRASES[locale]!;
      const comment =
        random() < 0.5
          ? [random() < 0.75 ? pick(phrases[category]) : '', random() < 0.6 ? pick(phrases.any) : '']
              .filter(Boolean)
              .join(locale === 'ja' ? '' : ' ')
          : '';
      answers.push({
        id: randomUUID(),
        survey,
        score,
        category,
        ...(comment && { comment }),
        locale,
        page: pick(['/pricing', '/checkout', '/docs', '/account']),
        device,
        at: `${day}T${String(Math.floor(random() * 24)).padStart(2, '0')}:00:00Z`,
        consentVersion: '1',
        ...(random() < 0.8 && {
          segment: {
            plan: weighted([
              ['free', 0.5],
              ['pro', 0.35],
              ['team', 0.15],
            ] as const),
            ...(random() < 0.6 && { region: random() < 0.55 ? 'eu' : 'us' }),
          },
        }),
        sdk: '0.1.0',
      });
    }
  }
  return answers;
}

/**
 * Stores the sample in `survey` (default "sample"), unless that survey has answers already: a
 * sample never mixes with real ones. Resolves how many answers were stored.
 */
export async function seedSample(storage: Storage, now: number, survey = SAMPLE_SURVEY): Promise<number> {
  if ((await storage.surveys()).includes(survey))
    throw new Error(`seed: survey "${survey}" has answers already; the sample goes only into an empty survey`);
  const answers = sampleAnswers(survey, now);
  // One transaction: all of the sample or none of it (a failure leaves the survey empty for a retry).
  // Made-up answers: no alert for them, even with CANDOR_ALERTS on.
  await storage.insert(answers, new Date(now), [], { alerts: false });
  return answers.length;
}
