import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from './build-invoice-index.ts';
import { matchPayment } from './match-payment.ts';
import { invoice, payment, portfolio } from './testing/cash-fixtures.ts';

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

describe('buildInvoiceIndex with the organisation\'s common name words', () => {
  // 60 customers named "… Logistics": more than 50, so LOGISTICS alone finds none of them.
  const logistics = Array.from({ length: 60 }, (_, position) => invoice(`l${position}`, `INV-${9000 + position}`, `c_l${position}`, `Firm${String.fromCharCode(65 + (position % 26))}${position} Logistics`, 100));
  const korvex = invoice('k1', 'INV-9999', 'c_korvex', 'Korvex Logistics GmbH', 100);

  it('skips a word more customers share than the rule allows, counting its own customers', () => {
    const index = buildInvoiceIndex([...logistics, korvex]);
    expect(index.customersNamed('LOGISTICS', 0.3)).toEqual([]);
    expect(index.customersNamed('KORVEX LOGISTICS', 0.6).map((each) => each.customerId)).toEqual(['c_korvex']);
  });

  it('takes the organisation\'s word, when given, over its own count', () => {
    // The organisation has thousands of customers: 61 holders of LOGISTICS are not common there.
    const open = buildInvoiceIndex([...logistics, korvex], { commonNameWords: new Set() });
    expect(open.customersNamed('LOGISTICS', 0.3).length).toBeGreaterThan(0);
    // An index of a few candidates holds one Korvex, yet KORV is common in the organisation.
    const few = buildInvoiceIndex([korvex], { commonNameWords: new Set(['KORV', 'LOGI']) });
    expect(few.customersNamed('KORVEX LOGISTICS', 0.6)).toEqual([]);
  });
});

describe('buildInvoiceIndex holding only the first invoices owing an amount', () => {
  it('counts as many as the options say, and the readings by amount alone say so', () => {
    const first = [invoice('a1', 'INV-1001', 'c1', 'One', 12_345), invoice('a2', 'INV-1002', 'c2', 'Two', 12_345)];
    const partial = buildInvoiceIndex(first, { balanceCounts: [{ currency: 'EUR', balanceMinor: 12_345, invoices: 9 }] });
    expect(partial.countWithBalance('EUR', 12_345)).toBe(9);
    expect(partial.countWithBalance('EUR', 500)).toBe(0);
    expect(buildInvoiceIndex(first).countWithBalance('EUR', 12_345)).toBe(2);
    const proposal = matchPayment({ payment: payment({ amountMinor: 12_345 }), index: partial });
    expect(proposal.reasons[0]).toMatchObject({ code: 'amount_across_customers' });
    expect(proposal.reasons[0]!.text).toContain('(9 open invoices have that balance)');
    expect([proposal.allocations[0]!.invoiceId, ...proposal.alternatives.map((alternative) => alternative.invoiceIds[0])]).toEqual(['a1', 'a2']);
  });
});
