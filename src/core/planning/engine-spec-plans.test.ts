import { describe, expect, it } from 'vitest';
import { customer, data, invoice, policyYaml, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Payment plans (the proposed extension in docs/engine-behaviour.md, "Payment plans"): while a
// plan is kept the cadence waits; each instalment is checked at the end of its date plus
// promiseGraceDays in the customer's zone, against the payments since the plan less the
// reversals since it; a short check breaks the plan (a `plan_broken` task) and the cadence
// resumes with catch-up (spec 3.3), as after a broken promise (3.5).
//
// Workspace in New York with the default guardrails (09:00, quiet 20:00-08:00, mon-fri, catchUp
// latest, promiseGraceDays 1). Invoice of 1000.00 due Mon 2024-04-01: s0 04-01, s7 Mon 04-08,
// s14 Mon 04-15, s28 Mon 04-29, all 09:00 EDT = 13:00Z. April 2024 in New York is EDT (UTC-4),
// so the start of a local date is 04:00Z.

const cadences: CadenceSpec[] = [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }, { id: 's28', day: 28 }] }];
const s0 = '2024-04-01T13:00:00.000Z send c1 INV-1:s0';

function plan(at: string, installments: [string, string][], invoiceId = 'INV-1') {
  return { at, type: 'plan', invoice: invoiceId, installments: installments.map(([on, amount]) => ({ on, amount })) };
}
function payment(at: string, amount: string) {
  return { at, type: 'payment', invoice: 'INV-1', amount };
}
function refund(at: string, amount: string) {
  return { at, type: 'payment_reversed', invoice: 'INV-1', amount, reason: 'refund' };
}

/** Agreed Wed 04-03 10:00 EDT: 500.00 on Tue 04-16 (checked at the start of Thu 04-18, 04:00Z), 500.00 on Tue 04-30 (checked Thu 05-02 04:00Z). */
const halves = plan('2024-04-03T14:00:00Z', [
  ['2024-04-16', '500.00'],
  ['2024-04-30', '500.00'],
]);

function linesFor(events: Record<string, unknown>[], options: { guardrails?: Record<string, unknown>; to?: string } = {}) {
  return runLines({
    policy: policyYaml({ cadences, ...(options.guardrails ? { guardrails: options.guardrails } : {}) }),
    data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }),
    from: '2024-03-25T00:00:00Z',
    to: options.to ?? '2024-05-20T00:00:00Z',
  });
}

describe('payment plans: a kept plan holds the cadence', () => {
  it('every instalment paid on its date: nothing goes out after the plan', () => {
    const quarters = plan('2024-04-03T14:00:00Z', [
      ['2024-04-12', '250.00'],
      ['2024-04-26', '250.00'],
      ['2024-05-10', '250.00'],
      ['2024-05-24', '250.00'],
    ]);
    const paid = ['2024-04-12', '2024-04-26', '2024-05-10', '2024-05-24'].map((day) => payment(`${day}T15:00:00Z`, '250.00'));
    expect(linesFor([quarters, ...paid], { to: '2024-06-30T00:00:00Z' })).toEqual([s0]);
  });

  it('partial payments add up: 200.00 and 300.00 before the first check cover the first 500.00', () => {
    const events = [halves, payment('2024-04-10T15:00:00Z', '200.00'), payment('2024-04-16T15:00:00Z', '300.00'), payment('2024-04-25T15:00:00Z', '300.00'), payment('2024-04-30T15:00:00Z', '200.00')];
    expect(linesFor(events)).toEqual([s0]);
  });

  it('paid ahead: the whole first instalment and more, early, covers the checks it reaches', () => {
    // 700.00 on 04-05 covers the first check (500.00); 300.00 on 04-29 pays the invoice in full.
    expect(linesFor([halves, payment('2024-04-05T15:00:00Z', '700.00'), payment('2024-04-29T15:00:00Z', '300.00')])).toEqual([s0]);
  });

  it('a kept plan for part of the balance ends at its last check and the cadence resumes on the rest, with catch-up and no task', () => {
    // 300.00 + 300.00 of the 1000.00, both paid: kept at Thu 05-02 04:00Z; s7, s14 and s28 are
    // late, s28 goes at 08:00 EDT (quiet hours end), the others are superseded.
    const part = plan('2024-04-03T14:00:00Z', [
      ['2024-04-16', '300.00'],
      ['2024-04-30', '300.00'],
    ]);
    expect(linesFor([part, payment('2024-04-16T15:00:00Z', '300.00'), payment('2024-04-30T15:00:00Z', '300.00')])).toEqual([
      s0,
      '2024-05-02T04:00:00.000Z skip c1 INV-1:s14 superseded',
      '2024-05-02T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-05-02T12:00:00.000Z send c1 INV-1:s28',
    ]);
  });
});

describe('payment plans: a missed instalment breaks the plan', () => {
  const brokenAtFirstCheck = [
    s0,
    '2024-04-18T04:00:00.000Z skip c1 INV-1:s7 superseded',
    '2024-04-18T04:00:00.000Z task c1 INV-1 plan_broken->operator',
    '2024-04-18T12:00:00.000Z send c1 INV-1:s14',
    '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
  ];

  it('the first instalment unpaid: broken at the end of its grace, a task, then the cadence resumes with catch-up', () => {
    // Checked at the start of Thu 04-18 (Tue 04-16 + 1 day of grace): s7 and s14 are late; s14
    // goes when quiet hours end at 08:00 EDT, s7 is superseded; s28 goes on its day.
    expect(linesFor([halves])).toEqual(brokenAtFirstCheck);
  });

  it('one cent short of the first instalment is a missed instalment', () => {
    expect(linesFor([halves, payment('2024-04-16T15:00:00Z', '499.99')])).toEqual(brokenAtFirstCheck);
  });

  it('a payment during the grace day still counts; one after it does not', () => {
    // Wed 04-17 23:30 EDT is within the grace; Thu 04-18 00:30 EDT is past the check.
    expect(linesFor([halves, payment('2024-04-18T03:30:00Z', '500.00'), payment('2024-04-30T15:00:00Z', '500.00')])).toEqual([s0]);
    expect(linesFor([halves, payment('2024-04-18T04:30:00Z', '500.00')])).toEqual(brokenAtFirstCheck);
  });

  it('the second instalment short: broken at its check, with the steps of the whole plan caught up', () => {
    // 500.00 by the first check, only 300.00 more by the second (Thu 05-02 04:00Z): s7, s14 and
    // s28 are late; s28 goes at 08:00 EDT.
    const events = [halves, payment('2024-04-16T15:00:00Z', '500.00'), payment('2024-04-30T15:00:00Z', '300.00')];
    expect(linesFor(events)).toEqual([
      s0,
      '2024-05-02T04:00:00.000Z skip c1 INV-1:s14 superseded',
      '2024-05-02T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-05-02T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-05-02T12:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('catchUp sequential after a broken plan sends the late steps one a day', () => {
    expect(linesFor([halves], { guardrails: { catchUp: 'sequential' } })).toEqual([
      s0,
      '2024-04-18T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-04-18T12:00:00.000Z send c1 INV-1:s7',
      '2024-04-19T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('the grace is promiseGraceDays: with 3, the first instalment of Tue 04-16 is checked at the start of Sat 04-20', () => {
    // Broken Sat 04:00Z; the catch-up step waits for Monday 04-22 09:00 EDT.
    expect(linesFor([halves], { guardrails: { promiseGraceDays: 3 } })).toEqual([
      s0,
      '2024-04-20T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-20T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('an instalment dated before the plan was agreed is due on the plan’s own date, with the same grace', () => {
    // Agreed Wed 04-17 10:00 EDT (s7 and s14 went before) with a first instalment of 04-16:
    // checked at the start of Fri 04-19, not at once; nothing is late then, s28 goes on its day.
    const late = plan('2024-04-17T14:00:00Z', [
      ['2024-04-16', '500.00'],
      ['2024-04-30', '500.00'],
    ]);
    expect(linesFor([late])).toEqual([
      s0,
      '2024-04-08T13:00:00.000Z send c1 INV-1:s7',
      '2024-04-15T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-19T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });
  it('in history (before --from), a check that fell before a payment is settled before it: a late payment does not keep the plan', () => {
    // Checked Thu 04-18 04:00Z, paid Fri 04-19: the plan was broken before the run starts on
    // Sat 04-20 (its task is history); the cadence is caught up from the start.
    const lines = runLines({
      policy: policyYaml({ cadences }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events: [halves, payment('2024-04-19T15:00:00Z', '500.00')] }),
      from: '2024-04-20T00:00:00Z',
      to: '2024-05-20T00:00:00Z',
    });
    expect(lines).toEqual([
      '2024-04-20T00:00:00.000Z skip c1 INV-1:s0 superseded',
      '2024-04-20T00:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });
});

describe('payment plans: reversals, replacement, cancellation, paid in full', () => {
  it('a refund of an instalment already checked breaks the plan at once', () => {
    // 500.00 paid Mon 04-15 (kept at the first check); refunded Mon 04-22 11:00 EDT: broken then,
    // s14 (late) goes at once, s7 is superseded.
    expect(linesFor([halves, payment('2024-04-15T15:00:00Z', '500.00'), refund('2024-04-22T15:00:00Z', '500.00')])).toEqual([
      s0,
      '2024-04-22T15:00:00.000Z send c1 INV-1:s14',
      '2024-04-22T15:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-22T15:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('a refund that leaves the checked instalments covered keeps the plan', () => {
    // 600.00 paid, 100.00 refunded: 500.00 still covers the first instalment; 500.00 on 04-30 pays the rest.
    expect(linesFor([halves, payment('2024-04-12T15:00:00Z', '600.00'), refund('2024-04-22T15:00:00Z', '100.00'), payment('2024-04-30T15:00:00Z', '500.00')])).toEqual([s0]);
  });

  it('a refund before the first check waits for the check', () => {
    expect(linesFor([halves, payment('2024-04-12T15:00:00Z', '500.00'), refund('2024-04-15T15:00:00Z', '500.00')])).toEqual([
      s0,
      '2024-04-18T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-18T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-04-18T12:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('a new plan replaces the one before, which is neither kept nor broken', () => {
    // The first plan's check of Thu 04-18 never happens; the new plan (1000.00 on Tue 05-07) is
    // checked at the start of Thu 05-09 and missed.
    const replacement = plan('2024-04-15T15:00:00Z', [['2024-05-07', '1000.00']]);
    expect(linesFor([halves, replacement])).toEqual([
      s0,
      '2024-05-09T04:00:00.000Z skip c1 INV-1:s14 superseded',
      '2024-05-09T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-05-09T04:00:00.000Z task c1 INV-1 plan_broken->operator',
      '2024-05-09T12:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('payments count from the plan that is in force: those made under the replaced plan do not carry over', () => {
    // 500.00 paid under the first plan; the second plan asks 500.00 by Tue 05-07 and gets nothing after it.
    const replacement = plan('2024-04-20T15:00:00Z', [['2024-05-07', '500.00']]);
    expect(linesFor([halves, payment('2024-04-16T15:00:00Z', '500.00'), replacement])).toContain('2024-05-09T04:00:00.000Z task c1 INV-1 plan_broken->operator');
  });

  it('a cancelled plan ends without a task: the cadence resumes at once with catch-up', () => {
    // Cancelled Mon 04-15 11:00 EDT, before the first check: s7 and s14 (planned 09:00) are
    // late, s14 goes at once.
    expect(linesFor([halves, { at: '2024-04-15T15:00:00Z', type: 'plan_cancelled', invoice: 'INV-1' }])).toEqual([
      s0,
      '2024-04-15T15:00:00.000Z send c1 INV-1:s14',
      '2024-04-15T15:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
    // A cancellation with no plan in force changes nothing.
    expect(linesFor([{ at: '2024-04-15T15:00:00Z', type: 'plan_cancelled', invoice: 'INV-1' }])).toEqual(linesFor([]));
  });

  it('paid in full ends the plan: a later refund re-opens the cadence like any reversal, without a plan_broken task', () => {
    expect(linesFor([halves, payment('2024-04-10T15:00:00Z', '1000.00')])).toEqual([s0]);
    expect(linesFor([halves, payment('2024-04-10T15:00:00Z', '1000.00'), refund('2024-04-22T15:00:00Z', '1000.00')])).toEqual([
      s0,
      '2024-04-22T15:00:00.000Z send c1 INV-1:s14',
      '2024-04-22T15:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('a credit for the whole balance ends the plan; a credit for less does not pay an instalment', () => {
    const credit = (amount: string) => ({ at: '2024-04-10T15:00:00Z', type: 'credit', invoice: 'INV-1', amount });
    expect(linesFor([halves, credit('1000.00')])).toEqual([s0]);
    expect(linesFor([halves, credit('400.00')])).toContain('2024-04-18T04:00:00.000Z task c1 INV-1 plan_broken->operator');
  });

  it('a plan is the customer’s response: an escalation `unless: response` does not fire after it', () => {
    const withEscalation: CadenceSpec[] = [{ ...cadences[0]!, escalations: [{ id: 'no-response', day: 21, unless: 'response', assignTo: 'ar_manager' }] }];
    const run = (events: Record<string, unknown>[]) =>
      runLines({
        policy: policyYaml({ cadences: withEscalation }),
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-20T00:00:00Z',
      });
    // Without the plan the escalation fires on Mon 04-22 09:00 EDT; held by a pause (not a
    // response) until Thu 04-25, it fires when the pause ends; held by a plan cancelled on
    // 04-25, it does not fire: the plan answered.
    expect(run([])).toContain('2024-04-22T13:00:00.000Z escalate c1 INV-1 no-response->ar_manager');
    expect(run([{ at: '2024-04-03T14:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-25' }])).toContain('2024-04-25T04:00:00.000Z escalate c1 INV-1 no-response->ar_manager');
    const cancelled = { at: '2024-04-25T04:00:00Z', type: 'plan_cancelled', invoice: 'INV-1' };
    expect(run([halves, cancelled]).filter((line) => line.includes('escalate'))).toEqual([]);
  });
});

describe('payment plans: instalment dates are calendar dates in the customer’s time zone', () => {
  // One step, sent before the plan: the lines after it are the plan's own.
  const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];
  function runIn(timezone: string, dueOn: string, events: Record<string, unknown>[], range: { from: string; to: string }, guardrails?: Record<string, unknown>) {
    return runLines({
      policy: policyYaml({ cadences: oneStep, ...(guardrails ? { guardrails } : {}) }),
      data: data({ customers: [customer('c1', timezone)], invoices: [invoice('INV-1', 'c1', dueOn)], events }),
      ...range,
    }).filter((line) => !line.includes('send'));
  }
  const task = (at: string) => `${at} task c1 INV-1 plan_broken->operator`;

  it.each([
    // Berlin in March 2024 is CET (UTC+1): the end of Sat 03-30 is 23:00Z.
    { name: 'a minute before local midnight counts', paidAt: '2024-03-30T22:59:00Z', expected: [] },
    { name: 'a minute after local midnight is late', paidAt: '2024-03-30T23:01:00Z', expected: [task('2024-03-30T23:00:00.000Z')] },
  ])('Berlin, an instalment on Fri 03-29 with one day of grace: $name', ({ paidAt, expected }) => {
    const events = [plan('2024-03-20T10:00:00Z', [['2024-03-29', '1000.00']]), payment(paidAt, '1000.00')];
    expect(runIn('Europe/Berlin', '2024-03-15', events, { from: '2024-03-10T00:00:00Z', to: '2024-04-10T00:00:00Z' })).toEqual(expected);
  });

  it('Berlin, autumn: the check after the clocks go back is at 23:00Z, not 22:00Z', () => {
    // Instalment Sat 10-26, one day of grace: checked at the start of Mon 10-28, which is CET
    // (UTC+1) since Sun 10-27 03:00 CEST. A payment at 22:30Z on 10-27 (23:30 CET) is in time.
    const agreed = plan('2024-10-15T10:00:00Z', [['2024-10-26', '1000.00']]);
    const range = { from: '2024-10-01T00:00:00Z', to: '2024-11-10T00:00:00Z' };
    expect(runIn('Europe/Berlin', '2024-10-10', [agreed, payment('2024-10-27T22:30:00Z', '1000.00')], range)).toEqual([]);
    expect(runIn('Europe/Berlin', '2024-10-10', [agreed], range)).toEqual([task('2024-10-27T23:00:00.000Z')]);
  });

  it('New York, spring: the check after the clocks go forward is at 04:00Z (EDT), not 05:00Z', () => {
    // Instalment Sat 03-09, one day of grace: checked at the start of Mon 03-11 EDT (UTC-4).
    // A payment at 04:30Z (00:30 EDT) is late, though it would be 23:30 on 03-10 in EST.
    const agreed = plan('2024-03-01T15:00:00Z', [['2024-03-09', '1000.00']]);
    const range = { from: '2024-02-20T00:00:00Z', to: '2024-03-20T00:00:00Z' };
    expect(runIn('America/New_York', '2024-02-26', [agreed, payment('2024-03-11T04:30:00Z', '1000.00')], range)).toEqual([task('2024-03-11T04:00:00.000Z')]);
    expect(runIn('America/New_York', '2024-02-26', [agreed, payment('2024-03-11T03:30:00Z', '1000.00')], range)).toEqual([]);
  });

  it('Chatham (UTC+13:45), no grace: the instalment of 01-15 is checked at the start of 01-16 local, 10:15Z on 01-15', () => {
    const agreed = plan('2024-01-05T00:00:00Z', [['2024-01-15', '1000.00']]);
    expect(runIn('Pacific/Chatham', '2024-01-02', [agreed], { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' }, { promiseGraceDays: 0 })).toEqual([task('2024-01-15T10:15:00.000Z')]);
  });
});
