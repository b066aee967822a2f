import type { Storage } from '../storage/types.js';
import { npsInterval, type NpsInterval } from './interval.js';
import { trendOf, type Bucket } from './trend.js';

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
 * Every survey with a stored answer, each over `from`…`to`: the dashboard's landing page. A viewer
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
  const surveys = await storage.surveys();
  const summaries = await Promise.all(surveys.map((survey) => storage.summary(survey, from, to)));
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
