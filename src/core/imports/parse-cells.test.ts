import { describe, expect, it } from 'vitest';
import { guessDecimalSeparator, parseAmountCell } from './parse-amount-cell.ts';
import { guessDateFormats, parseDateCell, type DateFormat } from './parse-date-cell.ts';

describe('parseDateCell', () => {
  const cases: [string, DateFormat, string | null][] = [
    ['2026-03-01', 'YYYY-MM-DD', '2026-03-01'],
    ['2026-3-1', 'YYYY-MM-DD', '2026-03-01'],
    ['2026-03-01T00:00:00Z', 'YYYY-MM-DD', '2026-03-01'],
    ['2026-03-01 12:30:00', 'YYYY-MM-DD', '2026-03-01'],
    ['03/04/2026', 'DD/MM/YYYY', '2026-04-03'],
    ['03/04/2026', 'MM/DD/YYYY', '2026-03-04'],
    ['31.12.2026', 'DD.MM.YYYY', '2026-12-31'],
    ['31-12-2026', 'DD-MM-YYYY', '2026-12-31'],
    ['12-31-2026', 'MM-DD-YYYY', '2026-12-31'],
    ['2026/12/31', 'YYYY/MM/DD', '2026-12-31'],
    ['5 Mar 2026', 'D MMM YYYY', '2026-03-05'],
    ['05-Mar-2026', 'D MMM YYYY', '2026-03-05'],
    ['5 March 2026', 'D MMM YYYY', '2026-03-05'],
    ['29.02.2024', 'DD.MM.YYYY', '2024-02-29'],
    ['29.02.2026', 'DD.MM.YYYY', null],
    ['13/01/2026', 'MM/DD/YYYY', null],
    ['01/02/26', 'DD/MM/YYYY', null],
    ['2026-03-01', 'DD/MM/YYYY', null],
    ['5 Foo 2026', 'D MMM YYYY', null],
  ];
  it.each(cases)('reads %s as %s', (text, format, expected) => {
    const result = parseDateCell(text, format);
    if (expected === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, on: expected });
  });

  it('states the format in its reason', () => {
    expect(parseDateCell('2026-03-01', 'DD.MM.YYYY')).toEqual({ ok: false, reason: 'is not a date in the format DD.MM.YYYY' });
  });
});

describe('guessDateFormats', () => {
  it('finds the one format a sample fits', () => {
    expect(guessDateFormats(['13/01/2026', '02/03/2026'], { dayFirst: false })).toEqual(['DD/MM/YYYY']);
    expect(guessDateFormats(['01/13/2026', '02/03/2026'], { dayFirst: true })).toEqual(['MM/DD/YYYY']);
  });
  it('lists both readings of an ambiguous sample, the locale’s first', () => {
    expect(guessDateFormats(['01/02/2026'], { dayFirst: true })).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(guessDateFormats(['01/02/2026'], { dayFirst: false })).toEqual(['MM/DD/YYYY', 'DD/MM/YYYY']);
  });
  it('keeps the format of a sample with a mistyped date', () => {
    expect(guessDateFormats(['31.01.2026', '31.02.2026', '15.03.2026'], { dayFirst: true })).toEqual(['DD.MM.YYYY']);
  });
  it('finds nothing in blanks or words', () => {
    expect(guessDateFormats(['', ' '], { dayFirst: true })).toEqual([]);
    expect(guessDateFormats(['soon'], { dayFirst: true })).toEqual([]);
  });
});

describe('parseAmountCell', () => {
  const cases: [string, '.' | ',', string, number | null][] = [
    ['1200.50', '.', 'EUR', 120050],
    ['1,200.50', '.', 'USD', 120050],
    ['1,234,567.89', '.', 'USD', 123456789],
    ['1.200,50', ',', 'EUR', 120050],
    ['1 200,50', ',', 'EUR', 120050],
    ['1\u00a0200,50', ',', 'EUR', 120050],
    ["1'200.50", '.', 'CHF', 120050],
    ['$1,200.50', '.', 'USD', 120050],
    ['EUR 1.200,50', ',', 'EUR', 120050],
    ['1.200,50 €', ',', 'EUR', 120050],
    ['12,5', ',', 'EUR', 1250],
    ['1200', '.', 'JPY', 1200],
    ['1200.00', '.', 'JPY', 1200],
    ['1200.5', '.', 'JPY', null],
    ['1.2345', '.', 'EUR', null],
    ['1,200.50', ',', 'EUR', null],
    ['1.200,50', '.', 'EUR', null],
    ['12,34,56', '.', 'EUR', null],
    ['abc', '.', 'EUR', null],
    ['-10.00', '.', 'EUR', null],
    ['(10.00)', '.', 'EUR', null],
  ];
  it.each(cases)('reads %s with "%s" in %s', (text, decimalSeparator, currency, expected) => {
    const result = parseAmountCell(text, { currency, decimalSeparator });
    if (expected === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, minor: expected });
  });

  it('reads negatives in their three spellings when allowed', () => {
    for (const text of ['-10.00', '(10.00)', '10.00-', '-$10.00']) {
      expect(parseAmountCell(text, { currency: 'USD', decimalSeparator: '.', allowNegative: true })).toEqual({ ok: true, minor: -1000 });
    }
  });
});

describe('guessDecimalSeparator', () => {
  it.each([
    [['1.200,50'], ','],
    [['12,5', '100'], ','],
    [['1,200.50'], '.'],
    [['1,234,567'], '.'],
    [['1.234.567'], ','],
    [['12.5'], '.'],
    [['1,234'], null],
    [['1.234'], null],
    [['1.200,50', '1,200.50'], null],
    [[], null],
  ] as [string[], string | null][])('%j → %s', (samples, expected) => {
    expect(guessDecimalSeparator(samples)).toBe(expected);
  });
});
