import { describe, expect, it } from 'vitest';
import { parsePortfolio } from './parse-portfolio.ts';

const customer = { id: 'c1', name: 'Acme GmbH', timezone: 'Europe/Berlin', contacts: [{ name: 'Ana', email: 'ap@acme.example' }] };
const invoice = { id: 'INV-1', customer: 'c1', dueOn: '2024-03-31', amount: '1200.00', currency: 'EUR' };

function issuesOf(raw: unknown) {
  const result = parsePortfolio(raw);
  if (result.ok) throw new Error('expected problems');
  return result.issues.map(({ record, field }) => ({ record, field }));
}

describe('parsePortfolio', () => {
  it('reads the spec example into minor units, epoch days and sorted events', () => {
    const result = parsePortfolio({
      customers: [customer],
      invoices: [{ ...invoice, balance: '1000.50' }],
      events: [
        { at: '2024-04-11T09:00:00Z', type: 'reply', customer: 'c1' },
        { at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'INV-1', amount: '200.00' },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.portfolio.invoices[0]).toMatchObject({ amountMinor: 120000, balanceMinor: 100050, knownAt: null });
    expect(result.portfolio.events.map((event) => event.type)).toEqual(['payment', 'reply']);
  });

  it.each([
    ['an unknown time zone', { customers: [{ ...customer, timezone: 'Mars/Base' }], invoices: [] }, 'customers[0] (c1)', 'timezone'],
    ['a date that does not exist', { customers: [customer], invoices: [{ ...invoice, dueOn: '2024-02-30' }] }, 'invoices[0] (INV-1)', 'dueOn'],
    ['an unknown currency', { customers: [customer], invoices: [{ ...invoice, currency: 'EURO' }] }, 'invoices[0] (INV-1)', 'currency'],
    ['a float amount', { customers: [customer], invoices: [{ ...invoice, amount: 1200.5 }] }, 'invoices[0] (INV-1)', 'amount'],
    ['too many decimals for JPY', { customers: [customer], invoices: [{ ...invoice, currency: 'JPY', amount: '12.5' }] }, 'invoices[0] (INV-1)', 'amount'],
    ['an invoice of an unknown customer', { customers: [customer], invoices: [{ ...invoice, customer: 'c9' }] }, 'invoices[0] (INV-1)', 'customer'],
    [
      'an event for an unknown invoice',
      { customers: [customer], invoices: [invoice], events: [{ at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'INV-9', amount: '1.00' }] },
      'events[0] (payment)',
      'invoice',
    ],
    [
      'an instant without a zone',
      { customers: [customer], invoices: [invoice], events: [{ at: '2024-04-10 12:00', type: 'reply', customer: 'c1' }] },
      'events[0] (reply)',
      'at',
    ],
    ['an unknown event type', { customers: [customer], invoices: [invoice], events: [{ at: '2024-04-10T12:00:00Z', type: 'refund' }] }, 'events[0]', 'type'],
    ['a duplicate invoice id', { customers: [customer], invoices: [invoice, invoice] }, 'invoices[1] (INV-1)', 'id'],
  ])('names the record and field for %s', (_name, raw, record, field) => {
    expect(issuesOf(raw)).toContainEqual({ record, field });
  });

  it('reports every problem, not only the first', () => {
    const issues = issuesOf({ customers: [{ ...customer, timezone: 'Nowhere/Land' }], invoices: [{ ...invoice, dueOn: '2024-13-01', currency: 'ABC' }] });
    expect(issues.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses what is not an object', () => {
    expect(parsePortfolio([]).ok).toBe(false);
    expect(parsePortfolio('text').ok).toBe(false);
  });
});

describe('parsePortfolio: payment_reversed', () => {
  const paid = { at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'INV-1', amount: '1200.00' };
  it('reads a refund or a chargeback in minor units with its reason', () => {
    const result = parsePortfolio({ customers: [customer], invoices: [invoice], events: [paid, { at: '2024-04-12T12:00:00Z', type: 'payment_reversed', invoice: 'INV-1', amount: '200.50', reason: 'chargeback' }] });
    expect(result.ok && result.portfolio.events[1]).toEqual({ type: 'payment_reversed', at: Date.UTC(2024, 3, 12, 12), invoiceId: 'INV-1', amountMinor: 20050, reason: 'chargeback' });
  });

  it.each([
    ['no reason', { amount: '1.00' }, 'reason'],
    ['an unknown reason', { amount: '1.00', reason: 'fraud' }, 'reason'],
    ['a zero amount', { amount: '0.00', reason: 'refund' }, 'amount'],
    ['a negative amount', { amount: '-1.00', reason: 'refund' }, 'amount'],
    ['an unknown key', { amount: '1.00', reason: 'refund', note: 'x' }, 'note'],
  ])('names the field for %s', (_name, fields, field) => {
    expect(issuesOf({ customers: [customer], invoices: [invoice], events: [{ at: '2024-04-12T12:00:00Z', type: 'payment_reversed', invoice: 'INV-1', ...fields }] })).toContainEqual({ record: 'events[0] (payment_reversed)', field });
  });
});

describe('parsePortfolio: plan and plan_cancelled', () => {
  const plan = (installments: unknown, at = '2024-04-12T12:00:00Z') => ({ at, type: 'plan', invoice: 'INV-1', installments });
  const twoParts = [{ on: '2024-05-01', amount: '600.00' }, { on: '2024-06-01', amount: '600.00' }];

  it('reads the instalments in minor units and epoch days, and a cancellation', () => {
    const result = parsePortfolio({ customers: [customer], invoices: [invoice], events: [plan(twoParts), { at: '2024-04-20T08:00:00Z', type: 'plan_cancelled', invoice: 'INV-1' }] });
    expect(result.ok && result.portfolio.events).toEqual([
      // 2024-05-01 is day 19844 since 1970-01-01; 2024-06-01 is 31 days later.
      { type: 'plan', at: Date.UTC(2024, 3, 12, 12), invoiceId: 'INV-1', installments: [{ onDay: 19844, amountMinor: 60000 }, { onDay: 19875, amountMinor: 60000 }] },
      { type: 'plan_cancelled', at: Date.UTC(2024, 3, 20, 8), invoiceId: 'INV-1' },
    ]);
  });

  it.each([
    ['no instalments', undefined, 'installments'],
    ['an empty list', [], 'installments'],
    ['more than 60 instalments', Array.from({ length: 61 }, (_, index) => ({ on: `2030-01-${String((index % 28) + 1).padStart(2, '0')}`, amount: '1.00' })), 'installments'],
    ['an instalment that is not an object', ['2024-05-01'], 'installments[0]'],
    ['a date that does not exist', [{ on: '2024-02-30', amount: '1.00' }], 'installments[0].on'],
    ['a float amount', [{ on: '2024-05-01', amount: 1 }], 'installments[0].amount'],
    ['a zero amount', [{ on: '2024-05-01', amount: '0.00' }], 'installments[0].amount'],
    ['a negative amount', [{ on: '2024-05-01', amount: '-5.00' }], 'installments[0].amount'],
    ['too many decimals for the currency', [{ on: '2024-05-01', amount: '1.001' }], 'installments[0].amount'],
    ['two instalments on one date', [{ on: '2024-05-01', amount: '1.00' }, { on: '2024-05-01', amount: '1.00' }], 'installments[1].on'],
    ['instalments out of date order', [{ on: '2024-06-01', amount: '1.00' }, { on: '2024-05-01', amount: '1.00' }], 'installments[1].on'],
    ['an unknown key in an instalment', [{ on: '2024-05-01', amount: '1.00', due: 'x' }], 'installments[0].due'],
  ])('names the field for %s', (_name, installments, field) => {
    expect(issuesOf({ customers: [customer], invoices: [invoice], events: [plan(installments)] })).toContainEqual({ record: 'events[0] (plan)', field });
  });

  it('refuses a plan for more than the invoice owes when it is agreed, counting the payments, credits and reversals before it', () => {
    const payment = { at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'INV-1', amount: '300.00' };
    // 1200.00 less 300.00 paid: 900.00 open; a plan of 1200.00 is refused, one of 900.00 is not.
    expect(issuesOf({ customers: [customer], invoices: [invoice], events: [plan(twoParts), payment] })).toEqual([{ record: 'events[0] (plan)', field: 'installments' }]);
    expect(parsePortfolio({ customers: [customer], invoices: [invoice], events: [plan([{ on: '2024-05-01', amount: '900.00' }]), payment] }).ok).toBe(true);
    // A refund of 300.00 before the plan makes the 1200.00 owed again.
    const refund = { at: '2024-04-11T12:00:00Z', type: 'payment_reversed', invoice: 'INV-1', amount: '300.00', reason: 'refund' };
    expect(parsePortfolio({ customers: [customer], invoices: [invoice], events: [plan(twoParts), payment, refund] }).ok).toBe(true);
    // Stored history is read as it happened.
    expect(parsePortfolio({ customers: [customer], invoices: [invoice], events: [plan(twoParts), payment] }, { checkPlanBalances: false }).ok).toBe(true);
  });

  it('refuses a cancellation with fields it does not take', () => {
    expect(issuesOf({ customers: [customer], invoices: [invoice], events: [{ at: '2024-04-20T08:00:00Z', type: 'plan_cancelled', invoice: 'INV-1', amount: '1.00' }] })).toContainEqual({
      record: 'events[0] (plan_cancelled)',
      field: 'amount',
    });
  });
});
