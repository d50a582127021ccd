import { describe, expect, it } from 'vitest';
import { summarise } from './measure-api-latency.ts';

// The p95 of docs/benchmarks.md comes from here (autocannon gives none): nearest rank over every response.

describe('summarise', () => {
  it('takes each percentile by nearest rank, whatever the order the responses came in', () => {
    const latencies = Array.from({ length: 200 }, (_, index) => 200 - index);
    expect(summarise(latencies)).toEqual({ mean: 100.5, p50: 100, p90: 180, p95: 190, p97_5: 195, p99: 198, max: 200 });
  });

  it('gives one response as every percentile, and refuses none', () => {
    expect(summarise([4.25])).toMatchObject({ p50: 4.25, p95: 4.25, p99: 4.25, max: 4.25 });
    expect(() => summarise([])).toThrow(/no responses/);
  });
});
