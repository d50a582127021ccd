export interface RetryDelayOptions {
  /** A number in [0, 1); injected so tests (and simulations) are repeatable. */
  random: () => number;
  /** The delay around the first retry. */
  baseMs?: number;
  /** No retry waits longer than this, however many attempts failed. */
  maxMs?: number;
}

const defaultBaseMs = 60_000;
const defaultMaxMs = 4 * 60 * 60_000;

/**
 * How long to wait before try number `attempt + 1` after `attempt` temporary failures:
 * exponential, capped, with "equal jitter" (half fixed, half random) so that a burst of 4xx
 * replies from one server does not come back as a burst, yet never retries almost at once.
 */
export function retryDelayMs(attempt: number, options: RetryDelayOptions): number {
  const baseMs = options.baseMs ?? defaultBaseMs;
  const maxMs = options.maxMs ?? defaultMaxMs;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** exponent overflows to Infinity long after the cap; Math.min keeps it finite.
  const ceilingMs = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 52));
  const half = ceilingMs / 2;
  return Math.round(half + options.random() * half);
}

