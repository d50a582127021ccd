import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from './build-invoice-index.ts';
import { keysOneEditAway } from './keys-one-edit-away.ts';
import { invoiceNumberKeys } from './normalise-invoice-number.ts';
import { invoice } from './testing/cash-fixtures.ts';

// The variants a store is asked for must hold every key the index's nearKey can find: otherwise
// an index of the candidates would miss a typo the index of every open invoice finds.

describe('keysOneEditAway', () => {
  it('writes out each kind of edit of a number', () => {
    const variants = new Set(keysOneEditAway('104217'));
    for (const key of ['104271', '10427', '1042177', '104317', '1104217', '4217'.padStart(5, '1')]) expect(variants).toContain(key);
    expect(variants).not.toContain('104217');
    // A leading zero is not part of a key: deleting the 1 of 104217 leaves 04217, which is 4217 itself.
    expect([...variants].filter((key) => key.startsWith('0'))).toEqual([]);
    expect([...variants].every((key) => /^\d+$/.test(key))).toBe(true);
  });

  it('tries letters and digits in a key with letters, and nothing for short keys', () => {
    const variants = new Set(keysOneEditAway('2024A17'));
    expect(variants).toContain('2024B17');
    expect(variants).toContain('202417');
    expect(keysOneEditAway('217')).toEqual([]);
  });

  it('holds every key nearKey finds, whatever the invoices', () => {
    const numberArbitrary = fc.oneof(
      fc.integer({ min: 1000, max: 99_999 }).map((value) => `INV-0${value}`),
      fc.stringMatching(/^[0-9A-C]{3,7}$/).map((text) => `SO-${text}`),
      fc.tuple(fc.integer({ min: 2020, max: 2026 }), fc.integer({ min: 1, max: 999 })).map(([year, value]) => `${year}-${String(value).padStart(5, '0')}`),
    );
    fc.assert(
      fc.property(fc.uniqueArray(numberArbitrary, { minLength: 1, maxLength: 60 }), fc.nat(), (numbers, pick) => {
        const index = buildInvoiceIndex(numbers.map((number, position) => invoice(`i${position}`, number, 'c1', 'One', 100)));
        // The mention is a key of one of the invoices, or a near miss of one.
        const keys = numbers.flatMap((number) => invoiceNumberKeys(number));
        const key = keys[pick % keys.length]!;
        for (const probe of [key, ...keysOneEditAway(key).slice(0, 5)]) {
          const variants = new Set(keysOneEditAway(probe));
          for (const hit of index.nearKey(probe)) expect(variants).toContain(hit.key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
