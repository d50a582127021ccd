import { describe, expect, it } from 'vitest';
import { agingBucketOf, agingBuckets } from './aging-bucket.ts';

describe('agingBucketOf', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91+'],
    [3650, '91+'],
  ] as const)('%i days past due → %s', (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it('agrees with the documented ranges for every day up to a year', () => {
    for (let days = 0; days <= 366; days += 1) {
      const bucket = agingBuckets.find((candidate) => days >= candidate.fromDays && (candidate.toDays === null || days <= candidate.toDays));
      expect(bucket?.id).toBe(agingBucketOf(days));
    }
  });
});
