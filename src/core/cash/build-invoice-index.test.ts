import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from './build-invoice-index.ts';
import { invoice, portfolio } from './testing/cash-fixtures.ts';

describe('buildInvoiceIndex', () => {
  const index = buildInvoiceIndex(portfolio);

  it('finds invoices by key, customer (oldest due first) and balance', () => {
    expect(index.withKey('104217').map((each) => each.id)).toEqual(['i17']);
    expect(index.ofCustomer('c_acme').map((each) => each.id)).toEqual(['i17', 'i18', 'i22']);
    expect(index.withBalance('EUR', 50_000).map((each) => each.id)).toEqual(['i17', 'i19']);
    expect(index.withBalance('USD', 50_000)).toEqual([]);
  });

  it.each([
    ['104271', 'transposed'],
    ['10427', 'missing'],
    ['1042177', 'extra'],
    ['104317', 'substituted'],
  ])('finds INV-0104217 one edit from %s (%s)', (key, edit) => {
    expect(index.nearKey(key).filter((hit) => hit.invoice.id === 'i17').map((hit) => hit.edit)).toEqual([edit]);
  });

  it('does not search short keys for typos, nor count the key itself', () => {
    expect(index.nearKey('217')).toEqual([]);
    expect(index.nearKey('104217').map((hit) => hit.invoice.id)).not.toContain('i17');
  });

  it('finds keys with letters one edit away too', () => {
    const lettered = buildInvoiceIndex([invoice('a1', 'SO-2024A17', 'c1', 'One', 100)]);
    expect(lettered.nearKey('2024B17').map((hit) => hit.invoice.id)).toEqual(['a1']);
  });

  it('finds customers by their names\' words', () => {
    expect(index.customersNamed('ACME GMBH', 0.6).map((each) => [each.customerId, each.similarity])).toEqual([['c_acme', 1]]);
    expect(index.customersNamed('NOBODY AT ALL', 0.6)).toEqual([]);
  });
});
