import { describe, expect, it } from 'vitest';
import { measureEditDistance, suggestClosest } from './suggest-closest.ts';

describe('suggestClosest', () => {
  it.each([
    ['overdu', ['overdue', 'upcoming'], 'overdue'],
    ['quiteHours', ['quietHours', 'sendAt'], 'quietHours'],
    ['America/New_Yrok', ['America/New_York', 'America/Chicago'], 'America/New_York'],
    ['grow', ['starter', 'growth'], 'growth'],
    ['usd', ['USD', 'EUR'], 'USD'],
    ['xy', ['ab', 'cd'], null],
    ['standard', ['enterprise'], null],
  ])('suggests for %s', (input, candidates, expected) => {
    expect(suggestClosest(input, candidates)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(measureEditDistance('quite', 'quiet')).toBe(1);
    expect(measureEditDistance('kitten', 'sitting')).toBe(3);
  });
});
