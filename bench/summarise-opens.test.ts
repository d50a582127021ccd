import { describe, expect, it } from 'vitest';
import { opensWithin, summariseOpens } from './summarise-opens.ts';

// docs/benchmarks.md's ui figures and the "opens in under 1 s" target come from here.

describe('summariseOpens', () => {
  it('takes the warm percentiles by nearest rank, whatever order the opens came in, and keeps the cold open apart', () => {
    const warm = [420, 380, 900, 410, 395, 400, 405, 390, 385, 415];
    expect(summariseOpens(1_200, warm)).toEqual({ coldMs: 1_200, warm: { opens: 10, p50: 400, p95: 900, max: 900 } });
  });

  it('gives one warm open as every percentile, and refuses none', () => {
    expect(summariseOpens(5, [3]).warm).toEqual({ opens: 1, p50: 3, p95: 3, max: 3 });
    expect(() => summariseOpens(5, [])).toThrow(/no warm opens/);
  });
});

describe('opensWithin', () => {
  const summary = (coldMs: number, p95: number) => ({ coldMs, warm: { opens: 10, p50: p95 / 2, p95, max: p95 } });

  it('holds only when the cold open and the warm p95 are both under the limit', () => {
    expect(opensWithin(summary(999, 999), 1_000)).toBe(true);
    expect(opensWithin(summary(1_000, 300), 1_000)).toBe(false);
    expect(opensWithin(summary(300, 1_000), 1_000)).toBe(false);
  });
});
