import { describe, expect, it } from 'vitest';
import { measureDisplayWidth } from './measure-display-width.ts';

describe('measureDisplayWidth', () => {
  it.each([
    ['INV-1', 5],
    ['1.200,50\u00a0€', 10],
    ['支払期日', 8],
    ['￥120,050', 9],
    ['\u200f١٬٢٠٠٫٥٠\u00a0€', 10],
    ['e\u0301', 1],
    ['', 0],
  ])('%j takes %i columns', (text, width) => {
    expect(measureDisplayWidth(text)).toBe(width);
  });
});
