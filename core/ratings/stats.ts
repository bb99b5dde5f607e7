import { isPoorRating, RATING_LEVELS, type RatingLevel } from './model';

/** One group's satisfaction (a village, an item, a cadre, or all): counts per level and the rates read off them. */
export interface SatisfactionSummary {
  total: number;
  counts: Record<RatingLevel, number>;
  /** 好评率: 非常满意 + 满意 + 基本满意 over all ratings; null without any. */
  goodRate: number | null;
  /** 差评 (不满意 + 非常不满意). */
  poor: number;
  /** Mean score, 5 = 非常满意; null without any. */
  average: number | null;
}

/** Sums counts per level (from a GROUP BY) into a summary; levels outside 1–5 are not counted. */
export function summariseLevels(rows: readonly { level: number; count: number }[]): SatisfactionSummary {
  const counts = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const r of rows) if (Object.hasOwn(counts, r.level)) counts[r.level as RatingLevel] += r.count;
  const total = RATING_LEVELS.reduce((n, l) => n + counts[l], 0);
  const poor = RATING_LEVELS.filter(isPoorRating).reduce((n, l) => n + counts[l], 0);
  const score = RATING_LEVELS.reduce((n, l) => n + l * counts[l], 0);
  return { total, counts, goodRate: total === 0 ? null : (total - poor) / total, poor, average: total === 0 ? null : score / total };
}

/** "96.3%" (one decimal), or "—" without ratings. */
export function showRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
