// The ui section's figures for one screen: the cold open as it was, and the warm opens' p50, p95
// and max by nearest rank (with 10 opens the p95 is the slowest of them; a reader should see that).

export interface OpenSummary {
  coldMs: number;
  warm: { opens: number; p50: number; p95: number; max: number };
}

export function summariseOpens(coldMs: number, warmMs: readonly number[]): OpenSummary {
  if (warmMs.length === 0) throw new Error('ui bench: no warm opens to summarise');
  const sorted = [...warmMs].sort((a, b) => a - b);
  const at = (percent: number) => sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)]!;
  return { coldMs, warm: { opens: sorted.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1]! } };
}

/** "Opens in under `limitMs`": the cold open and the warm p95 both, so one slow first visit is not hidden by a fast median. */
export function opensWithin(summary: OpenSummary, limitMs: number): boolean {
  return summary.coldMs < limitMs && summary.warm.p95 < limitMs;
}
