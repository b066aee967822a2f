/**
 * The log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn, "Fightin'
 * Words", Political Analysis 16(4), 2008, §3.5): how much more a group of answers uses a term than
 * the other answers, shrunk towards the whole corpus so that rare terms do not top the list by
 * chance, and divided by its standard deviation (a z-score).
 *
 * Counts are of answers (an answer mentioning a term twice counts once). The prior for a term is its
 * share of all mentions times `priorSize`. `z(inGroup, inRest)` scores any set of answers the same
 * way (a theme that gathers several terms).
 */
export function logOdds(group: ReadonlyMap<string, number>, rest: ReadonlyMap<string, number>, priorSize: number) {
  const nGroup = sum(group);
  const nRest = sum(rest);
  const total = nGroup + nRest;
  const z = (yi: number, yj: number): number => {
    const alpha = total === 0 ? 0 : (priorSize * (yi + yj)) / total;
    if (alpha === 0) return 0;
    const delta =
      Math.log((yi + alpha) / (nGroup + priorSize - yi - alpha)) -
      Math.log((yj + alpha) / (nRest + priorSize - yj - alpha));
    return delta / Math.sqrt(1 / (yi + alpha) + 1 / (yj + alpha));
  };
  return { z };
}

/** Every term's z-score (logOdds). */
export function logOddsZ(
  group: ReadonlyMap<string, number>,
  rest: ReadonlyMap<string, number>,
  priorSize: number,
): Map<string, number> {
  const { z } = logOdds(group, rest, priorSize);
  const scores = new Map<string, number>();
  for (const term of new Set([...group.keys(), ...rest.keys()]))
    scores.set(term, z(group.get(term) ?? 0, rest.get(term) ?? 0));
  return scores;
}

const sum = (counts: ReadonlyMap<string, number>) => {
  let s = 0;
  for (const n of counts.values()) s += n;
  return s;
};
