import type { Storage } from '../storage/types.js';
import { npsInterval, type NpsInterval } from './interval.js';
import { trendOf, type Bucket } from './trend.js';

/** Surveys the overview lists at most, the first in survey-id order. */
export const MAX_SURVEYS = 200;

/**
 * `read` for every survey with a stored answer (the first `MAX_SURVEYS`: anyone may post to a new
 * survey id unless CANDOR_SURVEYS lists them), ten at a time, so PostgreSQL's pool stays free for
 * ingestion and SQLite's thread for other requests; in survey order.
 */
export async function eachSurvey<T>(storage: Storage, read: (survey: string) => Promise<T>): Promise<T[]> {
  const surveys = (await storage.surveys()).slice(0, MAX_SURVEYS);
  const out: T[] = [];
  for (let i = 0; i < surveys.length; i += 10) out.push(...(await Promise.all(surveys.slice(i, i + 10).map(read))));
  return out;
}

/** One survey on the overview: its period's NPS with its interval, and its trend. */
export interface SurveyOverview {
  survey: string;
  from: string;
  to: string;
  n: number;
  nps: number | null;
  interval: NpsInterval | null;
  /** True when a viewer asks and the period has fewer than `minGroup` answers: no NPS or interval then. */
  suppressed: boolean;
  /** Weekly points (daily when short and full enough), gaps below `minGroup`, as in the summary. */
  trend: { unit: 'day' | 'week'; buckets: Bucket[] };
}

/**
 * Every survey with a stored answer (the first `MAX_SURVEYS`), each over `from`…`to`: the dashboard's landing page. A viewer
 * does not see the NPS of a survey whose period has fewer than `minGroup` answers (the admin does,
 * as in its summary).
 */
export async function overviewOf(
  storage: Storage,
  from: string,
  to: string,
  minGroup: number,
  viewer: boolean,
): Promise<SurveyOverview[]> {
  const summaries = await eachSurvey(storage, (survey) => storage.summary(survey, from, to));
  return summaries.map((s) => {
    const suppressed = viewer && s.responses > 0 && s.responses < minGroup;
    return {
      survey: s.survey,
      from,
      to,
      n: s.responses,
      nps: suppressed ? null : s.nps,
      interval: suppressed ? null : npsInterval({ promoters: s.promoters, detractors: s.detractors, n: s.responses }),
      suppressed,
      trend: trendOf(s.daily, minGroup),
    };
  });
}
