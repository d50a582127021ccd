import { describe, expect, it } from 'vitest';
import { toSafeLink } from './draw-text.ts';

describe('toSafeLink', () => {
  it.each([
    ['https://pay.example/c/1?x=1', 'https://pay.example/c/1?x=1'],
    ['http://pay.example', 'http://pay.example/'],
    ['mailto:ar@example.com', 'mailto:ar@example.com'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
    [null, null],
  ])('%s → %s', (link, expected) => {
    expect(toSafeLink(link)).toBe(expected);
  });
});
