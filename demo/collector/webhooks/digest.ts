import type { Category } from '../../../src/lib/category.js';
import { addDays, dayOf } from '../dates.js';
import type { NpsInterval } from '../insights/interval.js';
import { eachSurvey } from '../insights/overview.js';
import { summaryWithInsights } from '../insights/summaryInsights.js';
import { themeCorpus } from '../insights/themes/route.js';
import { themesOf } from '../insights/themes/themes.js';
import { forViewer, type ViewerSummary } from '../insights/viewer.js';
import { mondayOf, snapToWeeks } from '../insights/weeks.js';
import type { Storage } from '../storage/types.js';
import type { DigestKind } from './config.js';

/** Surveys a digest shows at most (those with the most answers); the others are counted in `more`. */
export const DIGEST_SURVEYS = 10;
/** Themes a digest names per category and survey at most. */
export const DIGEST_THEMES = 3;
const CATEGORIES: readonly Category[] = ['detractor', 'passive', 'promoter'];

/** The period a digest covers: whole ISO weeks, as a viewer reads them. */
export interface DigestPeriod {
  kind: DigestKind;
  /** The job's name: `digest:<kind>:<day>`, the day that makes it due (daily) or the week's Monday (weekly). */
  key: string;
  from: string;
  to: string;
  /** False for a daily digest before its week's end: the week so far. */
  complete: boolean;
}

/**
 * How long after midnight (UTC) a digest is due: answers given offline on the last evening arrive
 * once their device is back online, most within hours.
 */
export const DIGEST_DELAY_MS = 6 * 3_600_000;

/**
 * The digest due at `now`: for `daily`, the ISO week of yesterday (the week so far; on a Monday, the
 * whole week before) — the period a viewer asking for yesterday reads, no day on its own; for
 * `weekly`, the ISO week that ended last Sunday. A day starts, for this, at 06:00 UTC.
 */
export function periodDue(kind: DigestKind, now: number): DigestPeriod {
  const today = dayOf(now - DIGEST_DELAY_MS);
  const day = kind === 'daily' ? addDays(today, -1) : addDays(mondayOf(today), -1);
  return periodOf(`digest:${kind}:${kind === 'daily' ? day : mondayOf(day)}`)!;
}

/** The period a digest's key names; undefined for a key that is not a digest's. */
export function periodOf(key: string): DigestPeriod | undefined {
  const [, kind, day] = /^digest:(daily|weekly):(\d{4}-\d{2}-\d{2})$/.exec(key) ?? [];
  if (!kind || !day) return undefined;
  const { from, to } = snapToWeeks(day, day);
  return { kind: kind as DigestKind, key, from, to, complete: kind === 'weekly' || day === to };
}

/** A theme as a digest names it: its phrase, and how many answers of the period mention it. */
export interface DigestTheme {
  label: string;
  n: number;
}

/** One survey in a digest, under the viewer rules (no NPS below the minimum group). */
export interface DigestSurvey {
  survey: string;
  n: number;
  nps: number | null;
  interval: NpsInterval | null;
  /** Fewer than `minGroup` answers: the count only. */
  suppressed: boolean;
  previous: ViewerSummary['previous'];
  /** The top themes of each category (viewer rules: no examples, only phrases `minGroup` answers wrote alike). */
  themes: Record<Category, DigestTheme[]>;
}

/** A digest: JSON as it is POSTed with `CANDOR_WEBHOOK_FORMAT=json`, and what the Slack text says. */
export interface Digest {
  type: 'candor.digest';
  /** The same for every attempt and every instance: a receiver can drop a copy it has seen. */
  id: string;
  digest: DigestKind;
  from: string;
  to: string;
  complete: boolean;
  minGroup: number;
  /** Surveys with answers in the period, the most answered first (`DIGEST_SURVEYS` at most). */
  surveys: DigestSurvey[];
  /** Surveys with answers left out. */
  more: number;
}

/**
 * The digest of `period`, under the viewer rules, as the database holds it now: each survey's
 * summary with its interval and change (insights/viewer.ts), and its top themes per category.
 */
export async function digestOf(storage: Storage, period: DigestPeriod, minGroup: number): Promise<Digest> {
  const { from, to } = period;
  const summaries = await eachSurvey(storage, async (survey) =>
    forViewer(await summaryWithInsights(storage, survey, from, to, minGroup)),
  );
  const answered = summaries.filter((s) => s.responses > 0).sort((a, b) => b.responses - a.responses);
  const shown: DigestSurvey[] = [];
  for (const s of answered.slice(0, DIGEST_SURVEYS)) {
    const comments = s.suppressed ? [] : await themeCorpus(storage, s.survey, from, to, true);
    const themes = Object.fromEntries(
      CATEGORIES.map((category) => [
        category,
        themesOf(comments, category, minGroup, false)
          .slice(0, DIGEST_THEMES)
          .map(({ label, n }) => ({ label, n })),
      ]),
    ) as Record<Category, DigestTheme[]>;
    shown.push({
      survey: s.survey,
      n: s.responses,
      nps: s.nps,
      interval: s.interval,
      suppressed: s.suppressed,
      previous: s.previous,
      themes,
    });
  }
  return {
    type: 'candor.digest',
    id: period.key,
    digest: period.kind,
    from,
    to,
    complete: period.complete,
    minGroup,
    surveys: shown,
    more: answered.length - shown.length,
  };
}
