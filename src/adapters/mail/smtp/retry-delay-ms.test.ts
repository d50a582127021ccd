import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../core/random/create-seeded-random.ts';
import { retryDelayMs } from './retry-delay-ms.ts';

describe('retryDelayMs', () => {
  it.each([
    { attempt: 1, random: 0, expected: 30_000 },
    { attempt: 1, random: 0.999_999, expected: 60_000 },
    { attempt: 2, random: 0, expected: 60_000 },
    { attempt: 3, random: 0.5, expected: 180_000 },
    { attempt: 0, random: 0, expected: 30_000 },
  ])('attempt $attempt, random $random → $expected ms', ({ attempt, random, expected }) => {
    expect(retryDelayMs(attempt, { random: () => random, baseMs: 60_000 })).toBe(expected);
  });

  it('never waits longer than the cap, even after very many attempts', () => {
    for (const attempt of [30, 100, 10_000]) {
      const delay = retryDelayMs(attempt, { random: () => 0.999_999, baseMs: 1_000, maxMs: 3_600_000 });
      expect(delay).toBeLessThanOrEqual(3_600_000);
      expect(delay).toBeGreaterThanOrEqual(1_800_000);
    }
  });

  it('grows with the attempt and repeats for the same seed', () => {
    const delays = (seed: number) => {
      const random = createSeededRandom(seed);
      return [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, { random, baseMs: 1_000 }));
    };
    expect(delays(7)).toEqual(delays(7));
    expect(delays(7)).not.toEqual(delays(8));
    const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000];
    delays(7).forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(ceilings[index]! / 2);
      expect(delay).toBeLessThanOrEqual(ceilings[index]!);
    });
  });

  it('seeded random stays in [0, 1)', () => {
    const random = createSeededRandom(42);
    for (let i = 0; i < 10_000; i += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
