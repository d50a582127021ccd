import { describe, expect, it } from 'vitest';
import { parseInstant } from './parse-instant.ts';

describe('parseInstant', () => {
  it.each([
    ['2024-04-08T07:00:00Z', Date.UTC(2024, 3, 8, 7)],
    ['2024-04-08T07:00Z', Date.UTC(2024, 3, 8, 7)],
    ['2024-04-08T09:00:00.250+02:00', Date.UTC(2024, 3, 8, 7, 0, 0, 250)],
    ['2024-04-08T02:15:00-04:45', Date.UTC(2024, 3, 8, 7)],
    ['2024-04-08T07:00:00.123456789Z', Date.UTC(2024, 3, 8, 7, 0, 0, 123)],
  ])('reads %s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each(['2024-04-08', '2024-04-08T07:00:00', '2024-02-30T07:00:00Z', '2024-04-08T24:00:00Z', '2024-04-08 07:00:00Z', 'yesterday'])(
    'rejects %s',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});
