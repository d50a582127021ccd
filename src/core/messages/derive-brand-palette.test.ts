import { describe, expect, it } from 'vitest';
import { deriveBrandPalette } from './derive-brand-palette.ts';

describe('deriveBrandPalette', () => {
  it.each([
    ['#1f6feb', { brand: '#1f6feb', onBrand: '#ffffff', link: '#1f6feb' }],
    ['#0B7A3E', { brand: '#0b7a3e', onBrand: '#ffffff', link: '#0b7a3e' }],
    ['#ffd400', { brand: '#ffd400', onBrand: '#1f2328', link: '#1f2328' }],
    ['#ffffff', { brand: '#ffffff', onBrand: '#1f2328', link: '#1f2328' }],
    ['#000000', { brand: '#000000', onBrand: '#ffffff', link: '#000000' }],
  ])('%s: readable text on the brand colour, readable links on white', (color, palette) => {
    expect(deriveBrandPalette(color)).toEqual(palette);
  });

  it.each(['red', '#fff', '#12345g', '#1f6feb;background:url(x)', ''])('falls back to the default colour for %j', (color) => {
    expect(deriveBrandPalette(color).brand).toBe('#1f6feb');
  });
});
