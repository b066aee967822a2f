import type { Category } from '../../../src/lib/category.js';
import type { AlertAnswer } from '../storage/hooks.js';
import type { Digest, DigestSurvey } from './digest.js';

/**
 * Slack's own escaping: `&`, `<` and `>` only (https://api.slack.com/reference/surfaces/formatting).
 * So a comment can neither notify a channel (`<!channel>`) nor make a link of its own.
 */
export const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "+23.4", "−5", "0". */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

const LABELS: Record<Category, string> = { detractor: 'Detractors', passive: 'Passives', promoter: 'Promoters' };

/** "Up 4.1 points from +19.3 the week before: within noise (p = 0.41)." */
function changeOf(s: DigestSurvey): string {
  const { previous } = s;
  if (previous.n === 0) return 'No answers the week before to compare with.';
  if (previous.change === null || previous.nps === null) return 'Too few answers the week before to compare with.';
  const moved =
    previous.change === 0
      ? 'No change'
      : `${previous.change > 0 ? 'Up' : 'Down'} ${Math.abs(previous.change)} point${Math.abs(previous.change) === 1 ? '' : 's'}`;
  const p = previous.p !== null && previous.p < 0.001 ? '< 0.001' : `= ${(previous.p ?? 1).toFixed(2)}`;
  return `${moved} from ${signed(previous.nps)} the week before: ${previous.significant ? 'beyond' : 'within'} noise (p ${p}).`;
}

/** One survey's lines: its NPS ± margin and count, the change, and its themes. */
function surveyLines(s: DigestSurvey, minGroup: number): string[] {
  const answers = `${s.n} answer${s.n === 1 ? '' : 's'}`;
  if (s.suppressed || s.nps === null || s.interval === null)
    return [`*${s.survey}*: ${answers}, fewer than ${minGroup}: no figures.`];
  const margin = Math.round((s.interval.high - s.interval.low) / 2);
  const lines = [`*${s.survey}*: NPS ${signed(s.nps)} ± ${margin} (${answers}). ${changeOf(s)}`];
  const themes = (Object.keys(LABELS) as Category[])
    .filter((c) => s.themes[c].length > 0)
    .map((c) => `${LABELS[c]}: ${s.themes[c].map((t) => `“${escapeSlack(t.label)}” (${t.n})`).join(', ')}`);
  if (themes.length) lines.push(`    ${themes.join('. ')}.`);
  return lines;
}

/** A digest as Slack text (mrkdwn). */
export function digestText(d: Digest): string {
  const when = d.complete ? `the week of ${d.from} to ${d.to}` : `the week of ${d.from} to ${d.to}, so far`;
  const lines = [`*Candor ${d.digest} digest*: ${when}`];
  if (d.surveys.length === 0) lines.push('No answers in this period.');
  for (const s of d.surveys) lines.push(...surveyLines(s, d.minGroup));
  if (d.more > 0) lines.push(`_And ${d.more} more survey${d.more === 1 ? '' : 's'} with answers._`);
  return lines.join('\n');
}

/** An alert as Slack text: the score, where, when, and the comment quoted. */
export function alertText(a: AlertAnswer): string {
  const head = `*Detractor* on *${a.survey}*: ${a.score}/10 · ${escapeSlack(a.locale)} · ${escapeSlack(a.page)} · ${a.at.slice(0, 13).replace('T', ' ')}:00 UTC`;
  if (a.comment === undefined) return `${head}\n_No comment._`;
  return `${head}\n${escapeSlack(a.comment)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}`;
}
