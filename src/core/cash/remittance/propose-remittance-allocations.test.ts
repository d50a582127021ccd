import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from '../build-invoice-index.ts';
import type { OpenInvoice } from '../cash-types.ts';
import { invoice, portfolio } from '../testing/cash-fixtures.ts';
import { proposeRemittanceAllocations, type RemittancePayment } from './propose-remittance-allocations.ts';
import type { AdviceLine, RemittanceAdvice } from './remittance-advice.ts';
import type { SettledInvoice } from './resolve-advice-line.ts';

// A remittance advice's lines against the open invoices (cash-fixtures: Acme's INV-0104217
// 500.00, INV-0104218 1,200.00, INV-0104222 300.00; Globex's INV-0104219 500.00 and
// INV-0104230 750.00 USD; Initech's three of 99.00): what each line applies, how sure, and why not.

const index = buildInvoiceIndex(portfolio);

function line(reference: string, paidMinor: number, extra: Partial<AdviceLine> = {}): Omit<AdviceLine, 'number' | 'at'> {
  return { reference, paidMinor, invoiceAmountMinor: null, discountMinor: 0, deductionMinor: 0, reason: null, currency: null, ...extra };
}

function advice(lines: Omit<AdviceLine, 'number' | 'at'>[], statedTotal: number | null = null): RemittanceAdvice {
  return {
    format: 'csv',
    lines: lines.map((each, position) => ({ ...each, number: position + 1, at: { line: position + 2, page: null } })),
    statedTotal: statedTotal === null ? null : { amountMinor: statedTotal, at: { line: lines.length + 2, page: null } },
    columns: {},
    decimalSeparator: '.',
    decimalSeparatorUncertain: false,
    issues: [],
  };
}

function propose(lines: Omit<AdviceLine, 'number' | 'at'>[], options: { payment?: Partial<RemittancePayment>; statedTotal?: number; settled?: SettledInvoice[]; invoices?: readonly OpenInvoice[] } = {}) {
  const payment: RemittancePayment = { id: 'p1', currency: 'EUR', unappliedMinor: lines.reduce((sum, each) => sum + each.paidMinor, 0), receivedAt: Date.UTC(2026, 2, 12), customerId: null, payerName: '', ...options.payment };
  return proposeRemittanceAllocations({ advice: advice(lines, options.statedTotal ?? null), payment, index: options.invoices ? buildInvoiceIndex(options.invoices) : index, settled: options.settled ?? [] });
}

const summary = (proposal: ReturnType<typeof propose>) =>
  proposal.lines.map((each) => ({ invoice: each.invoice?.id ?? null, match: each.match, proposed: each.proposedMinor, selected: each.selected, problems: each.problems.map((problem) => problem.code) }));

describe('proposeRemittanceAllocations: resolving lines', () => {
  it('applies lines naming open invoices, as written or by their key, for what each pays', () => {
    const proposal = propose([line('INV-0104217', 50_000), line('104218', 120_000), line('inv 0104222', 30_000)], { payment: { customerId: 'c_acme' }, statedTotal: 200_000 });
    expect(summary(proposal)).toEqual([
      { invoice: 'i17', match: 'exact', proposed: 50_000, selected: true, problems: [] },
      { invoice: 'i18', match: 'normalised', proposed: 120_000, selected: true, problems: [] },
      { invoice: 'i22', match: 'exact', proposed: 30_000, selected: true, problems: [] },
    ]);
    // The number as written (60), the open balance paid (35), the processor's customer (15), capped at 1.
    expect(proposal.lines.map((each) => each.confidence)).toEqual([1, 1, 1]);
    expect(proposal).toMatchObject({ linesTotalMinor: 200_000, statedTotalMinor: 200_000, proposedMinor: 200_000, unappliedMinor: 200_000, problems: [] });
    expect(proposal.lines[1]!.reasons).toEqual(['the advice\'s "104218" is INV-0104218', 'it pays the open balance, 1200.00 EUR', "the payment is Acme GmbH & Co. KG's"]);
  });

  it('reads a typo the amount confirms, leaves one nothing confirms for a person, and one of several for a choice', () => {
    const proposal = propose([line('INV-0104271', 50_000), line('INV-0104223', 20_000), line('INV-0104281', 77_700)]);
    expect(summary(proposal)).toEqual([
      { invoice: 'i17', match: 'typo', proposed: 50_000, selected: true, problems: [] },
      { invoice: 'i22', match: 'typo', proposed: 20_000, selected: false, problems: ['unconfirmed_typo'] },
      { invoice: null, match: null, proposed: 0, selected: false, problems: ['ambiguous'] },
    ]);
    expect(proposal.lines[0]!.reasons[0]).toBe('"INV-0104271" is read as INV-0104217 (two characters swapped)');
    // A typo (45) and the amount (35); unconfirmed, a typo and a short-pay (15), capped at 0.60 anyway.
    expect(proposal.lines.map((each) => each.confidence)).toEqual([0.8, 0.6, 0]);
    expect(proposal.lines[2]!.candidates.map((each) => each.number)).toContain('INV-0104218');
  });

  it('tells an invoice it cannot find from one with nothing open, and from one in another currency', () => {
    const settled: SettledInvoice[] = [{ id: 'i09', number: 'INV-0104209', customerId: 'c_acme', currency: 'EUR' }];
    const proposal = propose([line('INV-0199999', 10_000), line('0104209', 20_000), line('INV-0104230', 75_000), line('INV-0104217', 50_000, { currency: 'USD' })], { settled });
    expect(summary(proposal)).toEqual([
      { invoice: null, match: null, proposed: 0, selected: false, problems: ['unknown_invoice'] },
      { invoice: null, match: null, proposed: 0, selected: false, problems: ['already_paid'] },
      { invoice: 'i30', match: null, proposed: 0, selected: false, problems: ['currency_mismatch'] },
      { invoice: 'i17', match: 'exact', proposed: 0, selected: false, problems: ['currency_mismatch'] },
    ]);
    expect(proposal.lines[1]!.problems[0]!.text).toBe('INV-0104209 has nothing open: it is paid already or closed');
    expect(proposal.lines[2]!.problems[0]!.text).toBe('INV-0104230 is in USD; the payment is in EUR');
    expect(proposal.problems.map((problem) => problem.code)).toEqual(['nothing_to_apply']);
  });

  it('applies at most the open balance of a line that pays more, and leaves the rest unapplied', () => {
    const proposal = propose([line('INV-0104222', 35_000)]);
    expect(summary(proposal)).toEqual([{ invoice: 'i22', match: 'exact', proposed: 30_000, selected: true, problems: ['above_open_balance'] }]);
    expect(proposal.lines[0]!.problems[0]!.text).toBe('the line pays 350.00 EUR; INV-0104222 has 300.00 EUR open, so 50.00 EUR stays unapplied');
    expect(proposal).toMatchObject({ proposedMinor: 30_000, unappliedMinor: 35_000 });
  });

  it('scores a short-pay the advice explains above one it does not', () => {
    const proposal = propose([line('INV-0104218', 117_600, { discountMinor: 2_400, reason: 'Skonto 2 %' }), line('INV-0104217', 45_000), line('INV-0104222', 29_000, { invoiceAmountMinor: 30_000 })]);
    expect(summary(proposal).map((each) => [each.invoice, each.proposed, each.selected])).toEqual([
      ['i18', 117_600, true],
      ['i17', 45_000, true],
      ['i22', 29_000, true],
    ]);
    expect(proposal.lines[0]!.reasons[1]).toBe('it pays 1176.00 EUR of 1200.00 EUR, less the 24.00 EUR the advice deducts (Skonto 2 %)');
    expect(proposal.lines[1]!.reasons[1]).toBe('it pays 450.00 EUR of 500.00 EUR: a short-pay, 50.00 EUR stays open');
    // Listing the invoice's amount beside a lower payment does not explain the difference.
    expect(proposal.lines.map((each) => each.confidence)).toEqual([0.9, 0.75, 0.75]);
  });

  it('marks a line whose invoice is another customer’s than the rest of the advice, and one that repeats an invoice paid in full', () => {
    const proposal = propose([line('INV-0104217', 50_000), line('INV-0104218', 120_000), line('INV-0104219', 50_000), line('INV-0104217', 50_000)]);
    expect(summary(proposal)).toEqual([
      { invoice: 'i17', match: 'exact', proposed: 50_000, selected: true, problems: [] },
      { invoice: 'i18', match: 'exact', proposed: 120_000, selected: true, problems: [] },
      { invoice: 'i19', match: 'exact', proposed: 50_000, selected: false, problems: ['other_customer'] },
      { invoice: 'i17', match: 'exact', proposed: 0, selected: false, problems: ['repeated_invoice'] },
    ]);
    expect(proposal.lines[2]!.problems[0]!.text).toBe("INV-0104219 belongs to Globex Ltd; the advice's other lines are Acme GmbH & Co. KG's");
    expect(proposal.lines[3]!.problems[0]!.text).toBe('line 1 of the advice already pays INV-0104217 in full');
  });

  it('calls a number two customers’ invoices share ambiguous unless the payer or the amount tells them apart', () => {
    const invoices = [invoice('a', 'R-5001', 'c_acme', 'Acme GmbH', 10_000), invoice('b', 'R-5001', 'c_globex', 'Globex Ltd', 20_000)];
    const ambiguous = propose([line('R-5001', 15_000)], { invoices });
    expect(summary(ambiguous)).toEqual([{ invoice: null, match: null, proposed: 0, selected: false, problems: ['ambiguous'] }]);
    expect(ambiguous.lines[0]!.candidates).toEqual([
      { invoiceId: 'a', number: 'R-5001' },
      { invoiceId: 'b', number: 'R-5001' },
    ]);
    expect(summary(propose([line('R-5001', 20_000)], { invoices }))[0]!.invoice).toBe('b');
    expect(summary(propose([line('R-5001', 15_000)], { invoices, payment: { payerName: 'ACME GMBH' } }))[0]!.invoice).toBe('a');
  });

  it('applies nothing for a credit note or a line that pays nothing', () => {
    const proposal = propose([line('INV-0104218', 120_000), line('GS-88', -20_000), line('INV-0104217', 0)]);
    // The payer nets the credit note against the invoice: the payment covers 1,000.00 of its 1,200.00.
    expect(summary(proposal).map((each) => [each.proposed, each.problems])).toEqual([
      [100_000, ['exceeds_payment']],
      [0, ['credit_line']],
      [0, ['nothing_paid']],
    ]);
    expect(proposal.lines[0]!.problems[0]!.text).toBe('only 1000.00 EUR of the payment is left for this line');
    expect(proposal).toMatchObject({ linesTotalMinor: 100_000, proposedMinor: 100_000, problems: [] });
  });
});

describe('proposeRemittanceAllocations: the advice against the payment', () => {
  it('never proposes more than the payment has unapplied: later lines get what is left', () => {
    const proposal = propose([line('INV-0104217', 50_000), line('INV-0104218', 120_000), line('INV-0104222', 30_000)], { payment: { unappliedMinor: 150_000 } });
    expect(summary(proposal)).toEqual([
      { invoice: 'i17', match: 'exact', proposed: 50_000, selected: true, problems: [] },
      { invoice: 'i18', match: 'exact', proposed: 100_000, selected: true, problems: ['exceeds_payment'] },
      { invoice: 'i22', match: 'exact', proposed: 0, selected: false, problems: ['exceeds_payment'] },
    ]);
    expect(proposal.proposedMinor).toBe(150_000);
    expect(proposal.problems).toEqual([{ code: 'payment_mismatch', text: 'the lines add up to 2000.00 EUR; the payment has 1500.00 EUR unapplied' }]);
  });

  it('compares the stated total with the lines', () => {
    const proposal = propose([line('INV-0104217', 50_000)], { statedTotal: 60_000 });
    expect(proposal.problems).toEqual([{ code: 'total_mismatch', text: 'the advice states a total of 600.00 EUR (line 3); its lines add up to 500.00 EUR' }]);
  });
});
