import { describe, expect, it } from 'vitest';
import { customer, data, invoice, policyYaml, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Reversals (the proposed paragraph of spec 3.4, docs/engine-behaviour.md "Payments"): a refund or
// chargeback raises the balance again; an invoice that was ineligible by balance becomes eligible
// at the reversal's instant and resumes with catch-up (3.3). Workspace in New York with the
// default guardrails (09:00, quiet 20:00-08:00, mon-fri, catchUp latest, promiseGraceDays 1).
// Invoice of 1000.00 due Mon 2024-04-01: s0 04-01, s7 Mon 04-08, s14 Mon 04-15, s28 Mon 04-29,
// all 09:00 EDT = 13:00Z. April 2024 in New York is EDT (UTC-4).

const cadences: CadenceSpec[] = [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }, { id: 's28', day: 28 }] }];
const before = ['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c1 INV-1:s7'];
const paidInFull = { at: '2024-04-10T15:00:00Z', type: 'payment', invoice: 'INV-1', amount: '1000.00' };
const reversal = (at: string, amount: string, reason = 'refund') => ({ at, type: 'payment_reversed', invoice: 'INV-1', amount, reason });

function linesFor(events: Record<string, unknown>[], guardrails?: Record<string, unknown>) {
  return runLines({
    policy: policyYaml({ cadences, ...(guardrails ? { guardrails } : {}) }),
    data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }),
    from: '2024-03-25T00:00:00Z',
    to: '2024-05-01T00:00:00Z',
  });
}

describe('spec 3.4, reversals: money that goes back re-opens the balance and the cadence', () => {
  it.each([
    {
      // Refunded Tue 04-16 11:00 EDT: s14 (planned Mon 04-15) is late and goes at once, s28 on its day.
      name: 'a full refund after a full payment: the late step goes at the refund, then the cadence runs on',
      events: [paidInFull, reversal('2024-04-16T15:00:00Z', '1000.00')],
      expected: [...before, '2024-04-16T15:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'],
    },
    {
      name: 'a partial refund re-opens what was refunded: 250.00 owed is enough to resume',
      events: [paidInFull, reversal('2024-04-16T15:00:00Z', '250.00')],
      expected: [...before, '2024-04-16T15:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'],
    },
    {
      // Charged back Sat 04-13: nothing is late then; s14 goes on its own day.
      name: 'a chargeback before the next step: the next step goes as planned',
      events: [paidInFull, reversal('2024-04-13T16:00:00Z', '1000.00', 'chargeback')],
      expected: [...before, '2024-04-15T13:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'],
    },
    {
      // Tue 04-16 20:30 EDT is in quiet hours: the late step waits for 08:00 EDT on Wed 04-17.
      name: 'a reversal in quiet hours: the catch-up step waits for the guardrails',
      events: [paidInFull, reversal('2024-04-17T00:30:00Z', '1000.00')],
      expected: [...before, '2024-04-17T12:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'],
    },
    {
      name: 'paid again after the refund: the cadence stops again',
      events: [paidInFull, reversal('2024-04-16T15:00:00Z', '1000.00'), { ...paidInFull, at: '2024-04-20T15:00:00Z' }],
      expected: [...before, '2024-04-16T15:00:00.000Z send c1 INV-1:s14'],
    },
    {
      name: 'a reversal on an invoice still owed only raises the balance: the cadence keeps its course',
      events: [{ ...paidInFull, amount: '400.00' }, reversal('2024-04-16T15:00:00Z', '400.00')],
      expected: [...before, '2024-04-15T13:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'],
    },
  ])('$name', ({ events, expected }) => {
    expect(linesFor(events)).toEqual(expected);
  });

  it('a reversal that leaves less than minBalance owed does not resume the cadence', () => {
    expect(linesFor([paidInFull, reversal('2024-04-16T15:00:00Z', '30.00')], { minBalance: 50 })).toEqual(before);
    expect(linesFor([paidInFull, reversal('2024-04-16T15:00:00Z', '50.00')], { minBalance: 50 })).toEqual([...before, '2024-04-16T15:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28']);
  });

  it('a promise counts payments less reversals since it was made: a refunded payment does not keep it', () => {
    // Promise on Wed 04-10 for Fri 04-19, covering until Sun 04-21 00:00 EDT = 04:00Z; paid in full
    // on 04-12, refunded on 04-16: broken at the deadline, then s14 (late) on Mon 04-22.
    const promise = { at: '2024-04-10T14:00:00Z', type: 'promise', invoice: 'INV-1', amount: '1000.00', on: '2024-04-19' };
    const events = [promise, { ...paidInFull, at: '2024-04-12T15:00:00Z' }, reversal('2024-04-16T15:00:00Z', '1000.00')];
    expect(linesFor(events)).toEqual([
      ...before,
      '2024-04-21T04:00:00.000Z task c1 INV-1 promise_broken->operator',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
    // The same promise, paid and not refunded: kept, nothing follows.
    expect(linesFor(events.slice(0, 2))).toEqual(before);
  });
});
