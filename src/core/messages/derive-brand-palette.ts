import { defaultBrandColor } from '../policy/policy-model.ts';

// The colours of one brand: the brand colour itself (header, button), the text that stays
// readable on it, and a link colour readable on white. A pale brand colour (a yellow) would give
// white-on-yellow buttons and invisible links, so contrast decides, with WCAG's formula.

export interface BrandPalette {
  brand: string;
  onBrand: string;
  link: string;
}

const white = '#ffffff';
const ink = '#1f2328';

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => channel(Number.parseInt(color.slice(start, start + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

export function deriveBrandPalette(color: string): BrandPalette {
  const brand = /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : defaultBrandColor;
  return {
    brand,
    onBrand: contrast(brand, white) >= contrast(brand, ink) ? white : ink,
    // 4.5: WCAG AA for body-size text.
    link: contrast(brand, white) >= 4.5 ? brand : ink,
  };
}
