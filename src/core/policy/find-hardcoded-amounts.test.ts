import { describe, expect, it } from 'vitest';
import { findHardcodedAmounts } from './find-hardcoded-amounts.ts';

describe('findHardcodedAmounts', () => {
  it.each([
    ['Pay $1,200.00 now.', '$1,200.00'],
    ['That is 1200 EUR', '1200 EUR'],
    ['only € 50.', '€ 50'],
    ['Betrag: 1.200,50 €', '1.200,50 €'],
    ['USD 99 left', 'USD 99'],
    ['£5', '£5'],
    ['1200EUR', '1200EUR'],
  ])('finds the amount in %j', (text, raw) => {
    expect(findHardcodedAmounts(text).map((found) => found.raw)).toEqual([raw]);
  });

  it.each(['within 30 DAYS', 'net 30', 'a 5% late fee', 'INV-1200 EUR', 'ABC 100', 'v2.5 USD', '{invoice_balance}', 'since 2024'])(
    'finds no amount in %j',
    (text) => {
      expect(findHardcodedAmounts(text)).toEqual([]);
    },
  );
});
