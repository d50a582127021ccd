import { describe, expect, it } from 'vitest';
import { currencyDigits, formatAmount, formatMoney, isKnownCurrency, parseAmount, parsePositiveAmount } from './money.ts';

describe('money', () => {
  it.each([
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['USD', 2],
  ])('%s has %i decimals', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });

  it.each([
    ['1200.50', 'EUR', 120050],
    ['1200', 'EUR', 120000],
    ['1200.00', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['999999999999.99', 'USD', 99999999999999],
  ])('parses %s %s exactly', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['1200.5', 'JPY'],
    ['1.2345', 'KWD'],
    ['-5', 'EUR'],
    ['1,200.00', 'USD'],
    ['12e3', 'USD'],
    ['', 'USD'],
  ])('refuses %s %s', (text, currency) => {
    expect(parseAmount(text, currency).ok).toBe(false);
  });

  it('takes a positive amount only where money must be there', () => {
    expect(parsePositiveAmount('0.01', 'EUR')).toEqual({ ok: true, minor: 1 });
    expect(parsePositiveAmount('0.00', 'EUR')).toEqual({ ok: false, problem: 'must be more than zero' });
    expect(parsePositiveAmount('-5', 'EUR')).toEqual({ ok: false, problem: '"-5" must not be negative' });
    expect(parsePositiveAmount('1.5', 'JPY')).toMatchObject({ ok: false, problem: expect.stringContaining('more decimals than JPY allows') });
  });

  it('formats minor units back to decimals', () => {
    expect(formatAmount(120050, 'EUR')).toBe('1200.50');
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount(1200, 'JPY')).toBe('1200');
    expect(formatAmount(1234, 'KWD')).toBe('1.234');
  });

  it('formats for the customer locale', () => {
    expect(formatMoney(120050, 'EUR', 'de-DE')).toBe('1.200,50\u00a0€');
    expect(formatMoney(120000, 'JPY', 'ja-JP')).toBe('￥120,000');
  });

  it('knows ISO 4217 codes', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('EURO')).toBe(false);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});
