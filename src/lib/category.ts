/** The NPS category of a score: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export type Category = 'promoter' | 'passive' | 'detractor';

/** Maps a 0–10 score to its NPS category. */
export function categoryOf(score: number): Category {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}
