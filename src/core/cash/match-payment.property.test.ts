import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInvoiceIndex } from './build-invoice-index.ts';
import type { IncomingPayment, OpenInvoice } from './cash-types.ts';
import { matchPayment } from './match-payment.ts';
import { blockerCaps } from './match-payment.ts';

// Whatever the memo, the remittance or the amount: allocations never exceed the payment, nor
// any invoice's open balance, stay in the payment's currency, and the confidence is the
// reasons' points capped by the blockers.

const customers = ['c1', 'c2', 'c3'];
const invoicesArbitrary = fc.uniqueArray(
  fc.record({
    sequence: fc.integer({ min: 1000, max: 1060 }),
    customer: fc.constantFrom(...customers),
    balanceMinor: fc.oneof(fc.constantFrom(5_000, 10_000, 12_345), fc.integer({ min: 1, max: 200_000 })),
    currency: fc.constantFrom('EUR', 'EUR', 'USD'),
    dueOn: fc.integer({ min: 19_900, max: 20_100 }),
  }),
  { selector: (each) => each.sequence, minLength: 1, maxLength: 25 },
);

function toInvoices(rows: { sequence: number; customer: string; balanceMinor: number; currency: string; dueOn: number }[]): OpenInvoice[] {
  return rows.map((row) => ({ id: `i${row.sequence}`, number: `INV-00${row.sequence}`, customerId: row.customer, customerName: `${row.customer.toUpperCase()} Trading GmbH`, balanceMinor: row.balanceMinor, currency: row.currency, issuedOn: null, dueOn: row.dueOn }));
}

const memoArbitrary = fc.oneof(
  fc.string(),
  fc.array(fc.integer({ min: 990, max: 1070 }), { maxLength: 4 }).map((numbers) => `INV ${numbers.join(', ')}`),
  fc.array(fc.integer({ min: 9_900, max: 10_700 }), { maxLength: 3 }).map((numbers) => numbers.join(' ')),
);

const paymentArbitrary = fc.record({
  amountMinor: fc.oneof(fc.constantFrom(5_000, 10_000, 12_345, 17_345), fc.integer({ min: 1, max: 400_000 })),
  currency: fc.constantFrom('EUR', 'USD'),
  customerId: fc.option(fc.constantFrom(...customers, 'c9'), { nil: null }),
  payerName: fc.constantFrom('', 'C1 TRADING GMBH', 'C2 TRADING', 'SOMEONE ELSE'),
  memo: memoArbitrary,
  remittance: fc.array(fc.record({ reference: fc.integer({ min: 1000, max: 1060 }).map(String), amountMinor: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 3 }),
});

describe('matchPayment properties', () => {
  it('never allocates more than the payment or an invoice\'s balance', () => {
    fc.assert(
      fc.property(invoicesArbitrary, paymentArbitrary, fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 5 }), (rows, drawn, spent) => {
        const invoices = toInvoices(rows);
        const index = buildInvoiceIndex(invoices);
        // Some invoices partly paid by earlier payments of the batch.
        const consumed = new Map(spent.map((position) => invoices[position % invoices.length]!).map((invoice) => [invoice.id, Math.ceil(invoice.balanceMinor / 2)]));
        const payment: IncomingPayment = { id: 'p', receivedAt: 0, ...drawn };
        const proposal = matchPayment({ payment, index, consumed });
        const total = proposal.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0);
        expect(total + proposal.unappliedMinor).toBe(payment.amountMinor);
        expect(proposal.unappliedMinor).toBeGreaterThanOrEqual(0);
        expect(new Set(proposal.allocations.map((allocation) => allocation.invoiceId)).size).toBe(proposal.allocations.length);
        for (const allocation of proposal.allocations) {
          const invoice = invoices.find((each) => each.id === allocation.invoiceId)!;
          expect(allocation.amountMinor).toBeGreaterThan(0);
          expect(allocation.amountMinor).toBeLessThanOrEqual(invoice.balanceMinor - (consumed.get(invoice.id) ?? 0));
          expect(invoice.currency).toBe(payment.currency);
        }
        const points = proposal.reasons.reduce((sum, reason) => sum + reason.points, 0);
        const cap = Math.min(100, ...proposal.blockers.map((blocker) => blockerCaps[blocker.code]));
        expect(proposal.confidence).toBe(Math.max(0, Math.min(points, cap)) / 100);
      }),
      { numRuns: 300 },
    );
  });
});
