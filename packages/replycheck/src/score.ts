import type { CategoryId, Finding, Severity } from './types.ts';

export type ScoreWeights = Record<Severity, number>;

export const DEFAULT_WEIGHTS: Readonly<ScoreWeights> = { block: 25, warn: 10, info: 2 };

export interface QualityScore {
  /** 100 minus the weight of every finding, floored at 0. */
  score: number;
  /** Points lost per category. */
  byCategory: Partial<Record<CategoryId, { count: number; points: number }>>;
}

/** The auto-QA score of a conversation from the findings in the agent's sent messages. */
export function qualityScore(findings: readonly Finding[], weights: Partial<ScoreWeights> = {}): QualityScore {
  const weight = { ...DEFAULT_WEIGHTS, ...weights };
  const byCategory: QualityScore['byCategory'] = {};
  let lost = 0;
  for (const finding of findings) {
    const points = weight[finding.severity];
    lost += points;
    const entry = byCategory[finding.category] ?? { count: 0, points: 0 };
    entry.count += 1;
    entry.points += points;
    byCategory[finding.category] = entry;
  }
  return { score: Math.max(0, 100 - lost), byCategory };
}
