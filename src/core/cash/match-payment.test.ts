import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from './build-invoice-index.ts';
import { CashInputError } from './cash-input-error.ts';
import type { IncomingPayment, MatchBlockerCode } from './cash-types.ts';
import { decideAutoApply } from './decide-auto-apply.ts';
import { matchPayment } from './match-payment.ts';
import { matchPayments } from './match-payments.ts';
import { payment, portfolio } from './testing/cash-fixtures.ts';

// The fixture: Acme (i17 INV-0104217 500.00, i18 INV-0104218 1200.00, i22 INV-0104222 300.00),
// Globex (i19 INV-0104219 500.00, i30 INV-0104230 750.00 USD), Initech billed 99.00 three times
// (i40, i41, i42), Umbrella (i50 INV-0104250 2500.00). Expected values are worked out by hand
// from the points in docs/cash-application.md.

const index = buildInvoiceIndex(portfolio);

interface Case {
  name: string;
  payment: Partial<IncomingPayment>;
  allocations: [string, number][];
  confidence: number;
  autoApply: boolean;
  blockers?: MatchBlockerCode[];
  shortMinor?: number;
  unappliedMinor?: number;
}

function check(each: Case) {
  const proposal = matchPayment({ payment: payment(each.payment), index });
  expect(proposal.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor])).toEqual(each.allocations);
  expect(proposal.confidence).toBe(each.confidence);
  expect(proposal.blockers.map((blocker) => blocker.code)).toEqual(each.blockers ?? []);
  expect(proposal.shortPay?.shortMinor ?? 0).toBe(each.shortMinor ?? 0);
  expect(proposal.unappliedMinor).toBe(each.unappliedMinor ?? 0);
  expect(decideAutoApply({ proposal }).autoApply).toBe(each.autoApply);
  for (const reason of proposal.reasons) expect(reason.text).not.toBe('');
}

describe('matchPayment: memo shapes', () => {
  const explicit = ['INV-0104217', 'inv 104217', 'Invoice #104217', 'Invoice no. 0104217', 'INV104217', 'INV-00104217', 'Rechnung Nr. 104217', 'RE: INV 104217 / thanks', 'Payment for invoice 104217'];
  it.each(explicit)('"%s" names INV-0104217: 60 + 35 for the amount', (memo) => {
    check({ name: memo, payment: { memo }, allocations: [['i17', 50_000]], confidence: 0.95, autoApply: true });
  });

  it('a bare number is a weaker mention, still enough with the amount', () => {
    check({ name: 'bare', payment: { memo: '104217' }, allocations: [['i17', 50_000]], confidence: 0.9, autoApply: true });
  });

  it.each(['PO 104217', 'Customer 104217', 'paid 2024-10-21', 'EUR 1042.17'])('"%s" is not an invoice reference: only the amount is left', (memo) => {
    // 500.00 fits Acme's i17 and Globex's i19, and no customer is known.
    check({ name: memo, payment: { memo }, allocations: [['i17', 50_000]], confidence: 0.5, autoApply: false, blockers: ['amount_only_across_customers', 'ambiguous'] });
  });
});

describe('matchPayment: typos', () => {
  const cases: [string, string][] = [
    ['a swapped pair', 'INV-0104271'],
    ['a missing character', 'INV-010427'],
    ['an extra character', 'INV-01042177'],
    ['a wrong character', 'INV-0104317'],
    ['an O for a 0 (OCR)', 'INV-1O4217'],
  ];
  it.each(cases)('%s is read as INV-0104217 when the amount and the payer confirm it (45 + 35 + 15)', (_, memo) => {
    check({ name: memo, payment: { memo, payerName: 'ACME GMBH' }, allocations: [['i17', 50_000]], confidence: 0.95, autoApply: true });
  });

  it('without the payer, a typo and the amount stay below the threshold (45 + 35)', () => {
    check({ name: 'typo alone', payment: { memo: 'INV-0104271' }, allocations: [['i17', 50_000]], confidence: 0.8, autoApply: false });
  });

  it('a typo the amount does not confirm is never applied', () => {
    check({
      name: 'typo, other amount',
      payment: { memo: 'INV-0104271', amountMinor: 40_000, customerId: 'c_acme' },
      allocations: [['i17', 40_000]],
      confidence: 0.7,
      autoApply: false,
      blockers: ['typo_without_amount', 'short_pay_unconfirmed'],
      shortMinor: 10_000,
    });
  });
});

describe('matchPayment: several invoices', () => {
  it.each(['INV-0104217, 104218 & 104222', 'Invoices 104217/104218/104222', 'INV 104217 INV 104218 INV 104222', 'inv 104217 and 104218, 104222'])('"%s" with the sum applies each in full', (memo) => {
    check({ name: memo, payment: { memo, amountMinor: 200_000 }, allocations: [['i17', 50_000], ['i18', 120_000], ['i22', 30_000]], confidence: 0.95, autoApply: true });
  });

  it('a range fills in the numbers between', () => {
    check({ name: 'range', payment: { memo: 'INV-0104240 to 104242', amountMinor: 29_700 }, allocations: [['i40', 9_900], ['i41', 9_900], ['i42', 9_900]], confidence: 0.95, autoApply: true });
  });

  it('invoices of two customers are never applied together', () => {
    check({ name: 'two customers', payment: { memo: 'INV-0104217, INV-0104219', amountMinor: 100_000 }, allocations: [['i17', 50_000], ['i19', 50_000]], confidence: 0.7, autoApply: false, blockers: ['several_customers'] });
  });
});

describe('matchPayment: short-pay and overpay', () => {
  it('a short-pay of an invoice named exactly, for the processor\'s customer, is applied and says by how much (60 + 15 + 15)', () => {
    check({ name: 'short', payment: { memo: 'INV-0104218', amountMinor: 100_000, customerId: 'c_acme' }, allocations: [['i18', 100_000]], confidence: 0.9, autoApply: true, shortMinor: 20_000 });
  });

  it('a short-pay without an identified customer waits', () => {
    check({ name: 'short, no customer', payment: { memo: 'INV-0104218', amountMinor: 100_000 }, allocations: [['i18', 100_000]], confidence: 0.75, autoApply: false, blockers: ['short_pay_unconfirmed'], shortMinor: 20_000 });
  });

  it('a short-pay for exactly another invoice of the customer: the payer may have named the wrong one', () => {
    check({
      name: 'short, other fits',
      payment: { memo: 'INV-0104218', amountMinor: 30_000, customerId: 'c_acme' },
      allocations: [['i18', 30_000]],
      confidence: 0.6,
      autoApply: false,
      // The amount-only reading of i22 scores 40 + 35 + 15 - 10 = 80, within 10 of 90.
      blockers: ['ambiguous', 'other_invoice_fits_amount'],
      shortMinor: 90_000,
    });
  });

  it('an overpay applies the invoice in full and leaves the rest unapplied', () => {
    check({ name: 'over', payment: { memo: 'INV-0104217', amountMinor: 52_000, customerId: 'c_acme' }, allocations: [['i17', 50_000]], confidence: 0.9, autoApply: true, unappliedMinor: 2_000 });
  });

  it('in a short-paid list the oldest are paid first and the newest is left partly open', () => {
    check({ name: 'short list', payment: { memo: 'INV-0104217, 104222', amountMinor: 60_000, customerId: 'c_acme' }, allocations: [['i17', 50_000], ['i22', 10_000]], confidence: 0.9, autoApply: true, shortMinor: 20_000 });
  });
});

describe('matchPayment: currencies, customers, ambiguity', () => {
  it('an invoice in another currency is never a candidate', () => {
    check({ name: 'usd invoice', payment: { memo: 'INV-0104230', amountMinor: 75_000, customerId: 'c_globex' }, allocations: [], confidence: 0, autoApply: false, blockers: ['no_allocation', 'currency_mismatch'], unappliedMinor: 75_000 });
  });

  it('a payment in another currency than every invoice finds nothing', () => {
    check({ name: 'usd payment', payment: { memo: 'INV-0104217', currency: 'USD' }, allocations: [], confidence: 0, autoApply: false, blockers: ['no_allocation', 'currency_mismatch'], unappliedMinor: 50_000 });
  });

  it('the amount alone, unique within the processor\'s customer (40 + 35 + 15)', () => {
    check({ name: 'amount only', payment: { amountMinor: 250_000, customerId: 'c_umbrella' }, allocations: [['i50', 250_000]], confidence: 0.9, autoApply: true });
  });

  it('the amount alone, when the customer has three invoices of it, is ambiguous', () => {
    check({ name: 'subscription', payment: { amountMinor: 9_900, customerId: 'c_initech' }, allocations: [['i40', 9_900]], confidence: 0.6, autoApply: false, blockers: ['ambiguous'] });
  });

  it('the amount alone across customers is never high', () => {
    check({ name: 'across', payment: { amountMinor: 250_000 }, allocations: [['i50', 250_000]], confidence: 0.5, autoApply: false, blockers: ['amount_only_across_customers'] });
  });

  it('a reference to another customer than the processor\'s is not applied', () => {
    // Globex's own i19 by amount alone: 40 + 35 + 15 - 10 = 80 (as a typo of the memo's number only
    // 45 - 20 + 35 + 15 = 75: the number as written is an open invoice for exactly the payment);
    // i17 by its number: 60 + 35 - 30 = 65.
    check({ name: 'contradicts', payment: { memo: 'INV-0104217', customerId: 'c_globex' }, allocations: [['i19', 50_000]], confidence: 0.8, autoApply: false });
  });

  it('an invoice number that is not open blocks an amount-only match', () => {
    check({ name: 'not open', payment: { memo: 'INV-0109999', amountMinor: 250_000, customerId: 'c_umbrella' }, allocations: [['i50', 250_000]], confidence: 0.7, autoApply: false, blockers: ['reference_not_open'] });
  });

  it('nothing to go on leaves the payment unapplied', () => {
    check({ name: 'junk', payment: { memo: 'thanks!!', amountMinor: 12_345 }, allocations: [], confidence: 0, autoApply: false, blockers: ['no_allocation'], unappliedMinor: 12_345 });
  });
});

describe('matchPayment: payer names', () => {
  const cases: [string, number][] = [
    ['ACME GMBH', 0.9],
    ['Acme GmbH & Co. KG', 0.9],
    ['ACME GMBH & CO KG', 0.9],
    ['ACME GM', 0.9],
    ['ACME LTD', 0.9],
    ['ACME GMBH SUBSIDIARY', 0.5],
    ['J SMITH', 0.5],
  ];
  it.each(cases)('payer "%s", no reference, 300.00 (Acme\'s i22 only)', (payerName, confidence) => {
    const proposal = matchPayment({ payment: payment({ payerName, amountMinor: 30_000 }), index });
    expect(proposal.allocations.map((allocation) => allocation.invoiceId)).toEqual(['i22']);
    expect(proposal.confidence).toBe(confidence);
    expect(decideAutoApply({ proposal }).autoApply).toBe(confidence >= 0.9);
  });
});

describe('matchPayment: remittance lines', () => {
  it('lines that add up to the payment, each paying its invoice in full (60 + 35)', () => {
    check({
      name: 'remittance',
      payment: { amountMinor: 170_000, remittance: [{ reference: 'INV-0104217', amountMinor: 50_000 }, { reference: '104218', amountMinor: 120_000 }] },
      allocations: [['i17', 50_000], ['i18', 120_000]],
      confidence: 0.95,
      autoApply: true,
    });
  });

  it('a deduction on a line is the payer\'s own split (60 + 30)', () => {
    check({
      name: 'deduction',
      payment: { amountMinor: 150_000, remittance: [{ reference: 'INV-0104217', amountMinor: 50_000 }, { reference: 'INV-0104218', amountMinor: 100_000 }] },
      allocations: [['i17', 50_000], ['i18', 100_000]],
      confidence: 0.9,
      autoApply: true,
      shortMinor: 20_000,
    });
  });

  it('lines that do not add up to the payment wait', () => {
    const proposal = matchPayment({ payment: payment({ amountMinor: 150_000, remittance: [{ reference: 'INV-0104217', amountMinor: 50_000 }, { reference: 'INV-0104218', amountMinor: 120_000 }] }), index });
    expect(proposal.blockers.map((blocker) => blocker.code)).toContain('remittance_mismatch');
    expect(decideAutoApply({ proposal }).autoApply).toBe(false);
  });
});

describe('matchPayment: alternatives for a person', () => {
  it('describes each alternative reading when asked: its split and its reasons with their points', () => {
    const input = { payment: payment({ amountMinor: 9_900, customerId: 'c_initech' }), index };
    const described = matchPayment({ ...input, describeAlternatives: true });
    // Initech has three invoices of 99.00: the amount, exactly, and the processor's customer (40 + 35 + 15) for each.
    expect(described.alternatives.map((alternative) => [alternative.invoiceIds, alternative.confidence])).toEqual([[['i41'], 0.9], [['i42'], 0.9]]);
    const [first] = described.alternatives;
    expect(first!.detail!.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor])).toEqual([['i41', 9_900]]);
    expect(first!.detail!.reasons.map((reason) => [reason.code, reason.points])).toEqual([['amount_unique_for_customer', 40], ['amount_exact', 35], ['customer_known', 15]]);
    expect(first!.detail!.reasons.every((reason) => reason.text !== '')).toBe(true);
    expect(first!.detail!.unappliedMinor).toBe(0);
    expect(matchPayment(input).alternatives.every((alternative) => alternative.detail === undefined)).toBe(true);
  });
});

describe('matchPayments', () => {
  it('applies an invoice once: a second payment of it waits', () => {
    const results = matchPayments({ payments: [payment({ id: 'p1', memo: 'INV-0104217' }), payment({ id: 'p2', memo: 'INV-0104217' })], index });
    expect(results.map((result) => result.decision.autoApply)).toEqual([true, false]);
    expect(results[1]!.proposal.blockers.map((blocker) => blocker.code)).toContain('reference_not_open');
  });
});

describe('bad input', () => {
  it('names the payment and the field', () => {
    expect(() => matchPayment({ payment: payment({ amountMinor: 0 }), index })).toThrow(CashInputError);
    expect(() => matchPayment({ payment: payment({ currency: 'euro' }), index })).toThrow(/payment p1: currency/);
  });

  it('names the invoice and the field', () => {
    expect(() => buildInvoiceIndex([{ ...portfolio[0]!, balanceMinor: -5 }])).toThrow(/invoice i17: balanceMinor/);
    expect(() => buildInvoiceIndex([portfolio[0]!, portfolio[0]!])).toThrow(/invoice i17: id appears twice/);
  });

  it('refuses a threshold outside 0.75 to 1', () => {
    const proposal = matchPayment({ payment: payment({ memo: 'INV-0104217' }), index });
    expect(() => decideAutoApply({ proposal, threshold: 0.5 })).toThrow(RangeError);
    expect(decideAutoApply({ proposal, threshold: 0.95 }).autoApply).toBe(true);
    expect(decideAutoApply({ proposal, threshold: 0.96 }).autoApply).toBe(false);
  });
});
