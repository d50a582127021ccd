import { describe, expect, it } from 'vitest';
import { isWinAnsi, toWinAnsi } from './to-win-ansi.ts';

describe('toWinAnsi', () => {
  it.each([
    ['Latin-1 stays', 'Müller & Søn, Café Zürich', 'Müller & Søn, Café Zürich'],
    ['WinAnsi extras stay', '€ – — “quoted” … ™ Œuvre Šaš', '€ – — “quoted” … ™ Œuvre Šaš'],
    ['decomposed accents are composed', 'Cafe\u0301', 'Café'],
    ['narrow no-break space becomes a no-break space', '1\u202f200,50\u00a0€', '1\u00a0200,50\u00a0€'],
    ['fullwidth yen becomes yen', '\uffe5150,000', '¥150,000'],
    ['minus sign becomes hyphen-minus', '\u2212120,00 kr', '-120,00 kr'],
    ['bidi marks vanish', '\u200f1,200.50\u00a0US$\u200e', '1,200.50\u00a0US$'],
    ['Japanese becomes ?', '株式会社 KK', '???? KK'],
    ['Arabic becomes ?', 'شركة', '????'],
    ['a character outside the BMP is one ?', 'Team 🚀', 'Team ?'],
    ['the rupee sign becomes ?', '₹10', '?10'],
  ])('%s', (_name, input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });

  it('isWinAnsi says whether a text shows without substitutes', () => {
    expect(isWinAnsi('1\u202f200,50 €')).toBe(true);
    expect(isWinAnsi('₹1,200.50')).toBe(false);
    expect(isWinAnsi('١٬٢٠٠')).toBe(false);
  });
});
