import { describe, expect, it } from 'vitest';
import { formatMoney } from '../money/money.ts';
import { getLocaleFormats } from './get-locale-formats.ts';
import { day } from './testing/build-message-context.ts';

// Literal expectations, written out: a test that computed them with the same Intl call could not
// fail. Spaces matter: de-DE puts a no-break space (U+00A0) before the symbol, fr-FR groups with
// a narrow no-break space (U+202F); ar-EG writes Arabic-Indic digits after a right-to-left mark.
const nbsp = '\u00a0';
const nnbsp = '\u202f';
const rlm = '\u200f';

describe('getLocaleFormats: money', () => {
  it.each([
    ['en-US', 120_050, 'EUR', '€1,200.50'],
    ['en-US', 120_050, 'JPY', '¥120,050'],
    ['en-US', 1_200_500, 'KWD', `KWD${nbsp}1,200.500`],
    ['en-US', 120_050, 'USD', '$1,200.50'],
    ['en-US', 12_345_678, 'INR', '₹123,456.78'],
    ['de-DE', 120_050, 'EUR', `1.200,50${nbsp}€`],
    ['de-DE', 120_050, 'JPY', `120.050${nbsp}¥`],
    ['de-DE', 1_200_500, 'KWD', `1.200,500${nbsp}KWD`],
    ['de-DE', 120_050, 'USD', `1.200,50${nbsp}$`],
    ['fr-FR', 120_050, 'EUR', `1${nnbsp}200,50${nbsp}€`],
    ['fr-FR', 120_050, 'JPY', `120${nnbsp}050${nbsp}JPY`],
    ['fr-FR', 1_200_500, 'KWD', `1${nnbsp}200,500${nbsp}KWD`],
    ['fr-FR', 120_050, 'USD', `1${nnbsp}200,50${nbsp}$US`],
    ['ja-JP', 120_050, 'EUR', '€1,200.50'],
    ['ja-JP', 120_050, 'JPY', '￥120,050'],
    ['ja-JP', 1_200_500, 'KWD', `KWD${nbsp}1,200.500`],
    ['ar-EG', 120_050, 'EUR', `${rlm}١٬٢٠٠٫٥٠${nbsp}€`],
    ['ar-EG', 120_050, 'JPY', `${rlm}١٢٠٬٠٥٠${nbsp}JP¥`],
    ['ar-EG', 1_200_500, 'KWD', `${rlm}١٬٢٠٠٫٥٠٠${nbsp}د.ك.${rlm}`],
  ])('%s: %i minor units of %s read %j', (locale, minor, currency, expected) => {
    expect(getLocaleFormats(locale).formatMoney(minor, currency)).toBe(expected);
  });

  // The full matrix: the same text as money.ts's formatMoney, and the currency's own decimals
  // (none for JPY, three for KWD) whatever the locale's separators and digits.
  const decimalSeparator: Record<string, string> = { 'en-US': '.', 'de-DE': ',', 'fr-FR': ',', 'ja-JP': '.', 'ar-EG': '٫' };
  const decimals: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3, INR: 2 };
  const locales = Object.keys(decimalSeparator);
  const cases = locales.flatMap((locale) => Object.keys(decimals).map((currency) => [locale, currency] as const));

  it.each(cases)('%s × %s: as formatMoney, with the currency’s decimals', (locale, currency) => {
    const minor = 123_456_789;
    const text = getLocaleFormats(locale).formatMoney(minor, currency);
    expect(text).toBe(formatMoney(minor, currency, locale));
    const fraction = new RegExp(`\\${decimalSeparator[locale]}([0-9٠-٩]+)`).exec(text)?.[1] ?? '';
    expect(fraction.length).toBe(decimals[currency]);
    // Every digit of the amount is there: nothing rounded away.
    const digits = text.replace(/[^0-9٠-٩]/g, '').replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x660));
    expect(digits).toBe('123456789');
  });
});

describe('getLocaleFormats: dates, numbers, lists', () => {
  it.each([
    ['en-US', 'Mar 31, 2024'],
    ['de-DE', '31.03.2024'],
    ['fr-FR', '31 mars 2024'],
    ['ja-JP', '2024/03/31'],
    ['ar-EG', `٣١${rlm}/٠٣${rlm}/٢٠٢٤`],
  ])('a calendar date in %s reads %j, in any process time zone', (locale, expected) => {
    expect(getLocaleFormats(locale).formatDate(day('2024-03-31'))).toBe(expected);
  });

  it('keeps the calendar date at the edges of the epoch-day range the engine uses', () => {
    expect(getLocaleFormats('en-US').formatDate(day('1970-01-01'))).toBe('Jan 1, 1970');
    expect(getLocaleFormats('de-DE').formatDate(day('2099-12-31'))).toBe('31.12.2099');
  });

  it.each([
    ['en-US', 1234, '1,234'],
    ['en-US', -3, '-3'],
    ['de-DE', 1234, '1.234'],
    ['fr-FR', 1234, `1${nnbsp}234`],
    ['ar-EG', 8, '٨'],
    ['ar-EG', -3, '\u061c-٣'],
  ])('a number in %s: %i reads %j', (locale, value, expected) => {
    expect(getLocaleFormats(locale).formatNumber(value)).toBe(expected);
  });

  it.each([
    ['en-US', 'X and Y'],
    ['de-DE', 'X und Y'],
    ['fr-FR', 'X et Y'],
    ['ja-JP', 'X、Y'],
    ['ar-EG', 'X وY'],
  ])('a list in %s reads %j', (locale, expected) => {
    expect(getLocaleFormats(locale).formatList(['X', 'Y'])).toBe(expected);
  });

  it('builds the formatters of a locale once', () => {
    expect(getLocaleFormats('de-DE')).toBe(getLocaleFormats('de-DE'));
  });
});
