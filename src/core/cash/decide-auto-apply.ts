import type { MatchProposal } from './cash-types.ts';

// Whether a proposal is applied without a person: only with allocations, no hard rule against
// it (ambiguity, another currency, an amount-only match across customers, …), and a confidence
// at or above the workspace's threshold.

export const defaultAutoApplyThreshold = 0.9;
/**
 * A workspace may lower the threshold this far and no further: below it, readings the matcher
 * does not score at all (a typo'd number nothing else points at, 60 points at most) would matter.
 */
export const minAutoApplyThreshold = 0.75;

export type AutoApplyDecision = { autoApply: true } | { autoApply: false; because: string };

export function decideAutoApply({ proposal, threshold = defaultAutoApplyThreshold }: { proposal: MatchProposal; threshold?: number }): AutoApplyDecision {
  if (!(Number.isFinite(threshold) && threshold >= minAutoApplyThreshold && threshold <= 1)) {
    throw new RangeError(`the auto-apply threshold must be a number from ${minAutoApplyThreshold} to 1, got ${String(threshold)}`);
  }
  if (proposal.allocations.length === 0) return { autoApply: false, because: 'nothing to apply' };
  const blocker = proposal.blockers[0];
  if (blocker) return { autoApply: false, because: blocker.text };
  // A hair of tolerance, so that a confidence of 0.9 (90 points / 100) meets a threshold typed as 0.9.
  if (proposal.confidence < threshold - 1e-9) {
    return { autoApply: false, because: `confidence ${proposal.confidence.toFixed(2)} is below the threshold ${threshold.toFixed(2)}` };
  }
  return { autoApply: true };
}
