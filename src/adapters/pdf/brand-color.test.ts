import { describe, expect, it } from 'vitest';
import { deriveBrandColors } from './brand-color.ts';

describe('deriveBrandColors', () => {
  it.each([
    ['a dark blue keeps white button text and brand-coloured headings', '#0b5fff', { main: '#0b5fff', onMain: '#ffffff', text: '#0b5fff' }],
    ['short hex', '#08f', { main: '#0088ff' }],
    ['a pale yellow gets dark text on its buttons and dark headings', '#f5c400', { main: '#f5c400', onMain: '#1a1a1a', text: '#1a1a1a' }],
    ['not a colour falls back to Plixo blue', 'rebeccapurple', { main: '#1f4fd8' }],
  ])('%s', (_name, color, expected) => {
    expect(deriveBrandColors(color)).toMatchObject(expected);
  });

  it('tints towards white', () => {
    expect(deriveBrandColors('#000000').tint).toBe('#e0e0e0');
  });
});
