// The workspace's brand colour, and the colours derived from it so text stays readable whatever
// colour a customer picks (a pale yellow brand still gets dark text on its buttons).

export interface BrandColors {
  /** The brand colour itself: the top bar, buttons, the company name when dark enough. */
  main: string;
  /** A pale tint of it for table headers and the amount-due box. */
  tint: string;
  /** Text on `main`. */
  onMain: string;
  /** Brand-coloured text on white, darkened when the brand is too pale to read. */
  text: string;
}

const fallback = '#1f4fd8';
const dark = '#1a1a1a';

function parseHex(color: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((digit) => digit + digit).join('') : match[1]!;
  return [0, 2, 4].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Colours from '#rrggbb' or '#rgb'; anything else falls back to Plixo blue rather than failing a send. */
export function deriveBrandColors(color: string): BrandColors {
  const rgb = parseHex(color) ?? parseHex(fallback)!;
  const light = luminance(rgb);
  return {
    main: toHex(rgb),
    tint: toHex(rgb.map((value) => value + (255 - value) * 0.88)),
    onMain: light > 0.45 ? dark : '#ffffff',
    text: light > 0.35 ? dark : toHex(rgb),
  };
}
