import { describe, expect, it } from 'vitest';
import { customer, data, invoice, lines, policyYaml, run, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec 3.1, 3.4-3.6 and the documented choices: payments, promises, disputes, replies, pauses,
// maintenance. Workspace in New York with the default guardrails (09:00, quiet 20:00-08:00,
// mon-fri, maxSendsPerDay 1, consolidate, catchUp latest, replyPauseDays 3, promiseGraceDays 1).
// In April 2024 New York is EDT (UTC-4), Berlin CEST (UTC+2). 2024-04-01 is a Monday.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];
const twoSteps: CadenceSpec[] = [{ name: 'two', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }];

function payment(at: string, invoiceId: string, amount: string) {
  return { at, type: 'payment', invoice: invoiceId, amount };
}

describe('spec 3.4: payments', () => {
  it('a full payment stops the cadence', () => {
    // Due Mon 04-08: s0 09:00 EDT; paid in full Wed 04-10; s7 (Mon 04-15) never goes.
    const policy = policyYaml({ cadences: twoSteps });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [payment('2024-04-10T12:00:00Z', 'INV-1', '1000.00')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0']);
  });

  it.each([
    // Step day 5 on an invoice due Mon 04-08: planned Sat 04-13, moved to Mon 04-15 09:00 EDT.
    { name: 'no payment: the moved message goes Monday', events: [], expected: ['2024-04-15T13:00:00.000Z send c1 INV-1:s5'] },
    { name: 'paid on Sunday: the message already moved to Monday does not go', events: [payment('2024-04-14T12:00:00Z', 'INV-1', '1000.00')], expected: [] },
  ])('an action scheduled for later is cancelled by a full payment — $name', ({ events, expected }) => {
    const policy = policyYaml({ cadences: [{ name: 'five', steps: [{ id: 's5', day: 5 }] }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('a credit lowers the balance like a payment: a credit for the whole balance stops the cadence', () => {
    const policy = policyYaml({ cadences: twoSteps });
    const credit = { at: '2024-04-10T12:00:00Z', type: 'credit', invoice: 'INV-1', amount: '1000.00' };
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [credit] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0']);
  });

  it('a partial payment leaves the cadence running', () => {
    const policy = policyYaml({ cadences: twoSteps });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [payment('2024-04-10T12:00:00Z', 'INV-1', '400.00')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-15T13:00:00.000Z send c1 INV-1:s7']);
  });

  it.each([
    { paid: '960.00', remaining: '40.00', expected: ['2024-04-08T13:00:00.000Z send c1 INV-1:s0'] },
    { paid: '950.00', remaining: '50.00', expected: ['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-15T13:00:00.000Z send c1 INV-1:s7'] },
  ])('minBalance 50: paying $paid leaves $remaining', ({ paid, expected }) => {
    // Below minBalance is ineligible; exactly minBalance is not below it.
    const policy = policyYaml({ guardrails: { minBalance: 50 }, cadences: twoSteps });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [payment('2024-04-10T12:00:00Z', 'INV-1', paid)] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('an invoice whose balance starts below minBalance gets nothing', () => {
    const policy = policyYaml({ guardrails: { minBalance: 50 }, cadences: twoSteps });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '1000.00', balance: '49.99' })] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual([]);
  });

  it.each([
    // The step is planned Mon 04-08 09:00 EDT = 13:00:00Z.
    { at: '2024-04-08T12:59:59.999Z', expected: [] },
    // Documented choice: an event at the same instant as a planned action is applied first.
    { at: '2024-04-08T13:00:00.000Z', expected: [] },
    { at: '2024-04-08T13:00:00.001Z', expected: ['2024-04-08T13:00:00.000Z send c1 INV-1:s0'] },
  ])('a full payment at $at and a send planned at 13:00:00Z', ({ at, expected }) => {
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [payment(at, 'INV-1', '1000.00')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('an invoice paid just before a consolidated message drops out of it', () => {
    const policy = policyYaml({ cadences: oneStep });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1')],
        invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08')],
        events: [payment('2024-04-08T12:00:00Z', 'INV-2', '1000.00')],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-30T00:00:00Z',
    });
    expect(lines(actions)).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0']);
    expect(actions[0]!.invoices).toEqual(['INV-1']);
  });
});

describe('spec 3.5: promises to pay', () => {
  // Invoice of 1000.00 due Mon 04-01 (NY): s0 04-01, s7 Mon 04-08, s14 Mon 04-15 (during the
  // promise), s28 Mon 04-29, all 09:00 EDT = 13:00Z. Promise made Wed 04-10 for Fri 04-19; with
  // promiseGraceDays 1 it covers the invoice until the end of Sat 04-20 = Sun 04-21 00:00 EDT =
  // 04:00Z. After it the late s14 goes at the first allowed instant: Sunday → Mon 04-22 09:00.
  const cadences: CadenceSpec[] = [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }, { id: 's28', day: 28 }] }];
  const before = ['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c1 INV-1:s7'];
  const broken = '2024-04-21T04:00:00.000Z task c1 INV-1 promise_broken->operator';
  const resumed = ['2024-04-22T13:00:00.000Z send c1 INV-1:s14', '2024-04-29T13:00:00.000Z send c1 INV-1:s28'];
  const promise = (amount: string) => ({ at: '2024-04-10T14:00:00Z', type: 'promise', invoice: 'INV-1', amount, on: '2024-04-19' });

  it.each([
    { name: 'broken: 600.00 paid of 1000.00 promised (a partly kept promise)', events: [promise('1000.00'), payment('2024-04-18T15:00:00Z', 'INV-1', '600.00')], expected: [...before, broken, ...resumed] },
    { name: 'broken: nothing paid', events: [promise('1000.00')], expected: [...before, broken, ...resumed] },
    { name: 'kept in full: the balance is zero, nothing follows', events: [promise('1000.00'), payment('2024-04-18T15:00:00Z', 'INV-1', '1000.00')], expected: before },
    { name: 'kept, 400.00 remain: the cadence resumes with catch-up, no task', events: [promise('600.00'), payment('2024-04-18T15:00:00Z', 'INV-1', '600.00')], expected: [...before, ...resumed] },
    {
      name: 'kept by two payments that together reach the amount',
      events: [promise('600.00'), payment('2024-04-12T15:00:00Z', 'INV-1', '300.00'), payment('2024-04-19T15:00:00Z', 'INV-1', '300.00')],
      expected: [...before, ...resumed],
    },
    {
      name: 'kept early: the invoice stays covered until the deadline all the same',
      events: [promise('600.00'), payment('2024-04-11T15:00:00Z', 'INV-1', '600.00')],
      expected: [...before, ...resumed],
    },
    {
      name: 'a payment made before the promise does not count toward it',
      events: [payment('2024-04-09T15:00:00Z', 'INV-1', '600.00'), promise('600.00')],
      expected: [...before, broken, ...resumed],
    },
    {
      name: 'paid in full after the deadline: the task, then nothing',
      events: [promise('1000.00'), payment('2024-04-21T05:00:00Z', 'INV-1', '1000.00')],
      expected: [...before, broken],
    },
  ])('$name', ({ events, expected }) => {
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('a promise of more than the balance, the whole balance paid: kept (documented choice)', () => {
    // Balance 800.00, promise of 1000.00, 800.00 paid on 04-18. The spec's test ("payments since
    // the promise reach amount") does not foresee a promise above the balance; the documented
    // choice is that paying everything that is owed keeps it: no promise_broken task, and nothing
    // else (the balance is zero).
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01', { amount: '1000.00', balance: '800.00' })],
          events: [promise('1000.00'), payment('2024-04-18T15:00:00Z', 'INV-1', '800.00')],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual([...before]);
  });

  it('the deadline is the end of the local date in the customer zone (Berlin)', () => {
    // Berlin: end of 04-20 = 04-21 00:00 CEST = 04-20T22:00Z. s14 then goes Mon 04-22 09:00
    // CEST = 07:00Z.
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1', 'Europe/Berlin')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events: [promise('1000.00')] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T07:00:00.000Z send c1 INV-1:s0',
      '2024-04-08T07:00:00.000Z send c1 INV-1:s7',
      '2024-04-20T22:00:00.000Z task c1 INV-1 promise_broken->operator',
      '2024-04-22T07:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T07:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it.each([
    // Grace 0: end of Fri 04-19 = Sat 04-20 04:00Z; catch-up Saturday → Monday 09:00.
    { grace: 0, expected: ['2024-04-20T04:00:00.000Z task c1 INV-1 promise_broken->operator', '2024-04-22T13:00:00.000Z send c1 INV-1:s14'] },
    // Grace 3: end of Mon 04-22 = Tue 04-23 04:00Z; catch-up at 00:00 is in quiet hours → 08:00 EDT.
    { grace: 3, expected: ['2024-04-23T04:00:00.000Z task c1 INV-1 promise_broken->operator', '2024-04-23T12:00:00.000Z send c1 INV-1:s14'] },
  ])('promiseGraceDays $grace', ({ grace, expected }) => {
    const policy = policyYaml({ guardrails: { promiseGraceDays: grace }, cadences });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events: [promise('1000.00')] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-26T00:00:00Z',
      }),
    ).toEqual([...before, ...expected]);
  });

  it.each([
    // Berlin, promise for Sat 2024-10-26 + 1 grace day: the end of Sun 10-27, a 25-hour day, is
    // Mon 10-28 00:00 CET = 10-27T23:00Z. The late s14 (due Mon 10-07 + 14 = Mon 10-21) then goes
    // at the quiet-hours end, Mon 10-28 08:00 CET = 07:00Z.
    {
      zone: 'Europe/Berlin',
      dueOn: '2024-10-07',
      promise: { at: '2024-10-15T10:00:00Z', on: '2024-10-26' },
      expected: ['2024-10-27T23:00:00.000Z task c1 INV-1 promise_broken->operator', '2024-10-28T07:00:00.000Z send c1 INV-1:s14'],
    },
    // New York, promise for Sat 2024-03-09 + 1: the end of Sun 03-10, a 23-hour day, is Mon 03-11
    // 00:00 EDT = 04:00Z. The late s14 (due Mon 02-19 + 14 = Mon 03-04) then goes at the
    // quiet-hours end, Mon 03-11 08:00 EDT = 12:00Z.
    {
      zone: 'America/New_York',
      dueOn: '2024-02-19',
      promise: { at: '2024-03-01T15:00:00Z', on: '2024-03-09' },
      expected: ['2024-03-11T04:00:00.000Z task c1 INV-1 promise_broken->operator', '2024-03-11T12:00:00.000Z send c1 INV-1:s14'],
    },
  ])('the deadline across a DST change ($zone)', ({ zone, dueOn, promise: made, expected }) => {
    const policy = policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's14', day: 14 }] }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', zone)],
          invoices: [invoice('INV-1', 'c1', dueOn)],
          events: [{ at: made.at, type: 'promise', invoice: 'INV-1', amount: '1000.00', on: made.on }],
        }),
        from: '2024-02-01T00:00:00Z',
        to: '2024-11-01T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('a new promise replaces the open one, which is neither kept nor broken (documented choice)', () => {
    // First promise for 04-12 (would end 04-14T04:00Z), replaced on 04-11 by one for 04-19.
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [
            { at: '2024-04-10T14:00:00Z', type: 'promise', invoice: 'INV-1', amount: '1000.00', on: '2024-04-12' },
            { at: '2024-04-11T14:00:00Z', type: 'promise', invoice: 'INV-1', amount: '1000.00', on: '2024-04-19' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual([...before, broken, ...resumed]);
  });
});

describe('spec 3.1: disputes', () => {
  it('an open dispute stops every automated step', () => {
    const policy = policyYaml({ cadences: twoSteps });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [{ at: '2024-04-03T12:00:00Z', type: 'dispute', invoice: 'INV-1' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:s0']);
  });
});

describe('spec 3.6: replies', () => {
  it('a task at the reply listing the open invoices, a pause of all the customer invoices, then catch-up (Berlin)', () => {
    // Berlin customer, steps s0, s11, s20. INV-1 and INV-3 due Mon 04-01: one message 09:00 CEST
    // (07:00Z). INV-3 paid on 04-05. INV-2 due Fri 04-12. Reply Thu 04-11 11:00 CEST (09:00Z):
    // task listing INV-1 and INV-2 (INV-3 is paid); pause until Sun 04-14 00:00 CEST
    // (04-13T22:00Z). Late: INV-1:s11 and INV-2:s0 (Fri 04-12) → Sunday → Mon 04-15 09:00
    // CEST, consolidated. Then INV-1:s20 Sun 04-21 → Mon 04-22; INV-2:s11 Tue 04-23.
    const policy = policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's11', day: 11 }, { id: 's20', day: 20 }] }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'Europe/Berlin')],
          invoices: [
            invoice('INV-1', 'c1', '2024-04-01', { currency: 'EUR' }),
            invoice('INV-2', 'c1', '2024-04-12', { currency: 'EUR' }),
            invoice('INV-3', 'c1', '2024-04-01', { currency: 'EUR' }),
          ],
          events: [payment('2024-04-05T10:00:00Z', 'INV-3', '1000.00'), { at: '2024-04-11T09:00:00Z', type: 'reply', customer: 'c1' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T07:00:00.000Z send c1 INV-1:s0+INV-3:s0',
      '2024-04-11T09:00:00.000Z task c1 INV-1+INV-2 reply->operator',
      '2024-04-15T07:00:00.000Z send c1 INV-1:s11+INV-2:s0',
      '2024-04-22T07:00:00.000Z send c1 INV-1:s20',
      '2024-04-23T07:00:00.000Z send c1 INV-2:s11',
    ]);
  });

  it('the reply task lists every open invoice, a disputed one included, not a paid one', () => {
    const policy = policyYaml({ cadences: oneStep });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1')],
        invoices: [invoice('INV-1', 'c1', '2024-04-20'), invoice('INV-2', 'c1', '2024-04-20'), invoice('INV-3', 'c1', '2024-04-20')],
        events: [
          { at: '2024-04-02T12:00:00Z', type: 'dispute', invoice: 'INV-1' },
          payment('2024-04-02T12:00:00Z', 'INV-3', '1000.00'),
          { at: '2024-04-03T14:00:00Z', type: 'reply', customer: 'c1' },
        ],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-10T00:00:00Z',
    });
    expect(lines(actions)).toEqual(['2024-04-03T14:00:00.000Z task c1 INV-1+INV-2 reply->operator']);
  });

  it('an early reply pauses that day; the catch-up lands on the quiet-hours end; other customers are not paused', () => {
    // NY reply Mon 04-08 06:00 EDT (10:00Z): s0 (09:00) is paused until Thu 04-11 00:00 EDT
    // (04:00Z), inside quiet hours → 08:00 EDT = 12:00Z. c2's step goes Monday as planned.
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08')],
          events: [{ at: '2024-04-08T10:00:00Z', type: 'reply', customer: 'c1' }],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-08T10:00:00.000Z task c1 INV-1 reply->operator',
      '2024-04-08T13:00:00.000Z send c2 INV-2:s0',
      '2024-04-11T12:00:00.000Z send c1 INV-1:s0',
    ]);
  });

  it('replyPauseDays 0: the pause ends at the start of the reply date, so a step later that day goes', () => {
    const policy = policyYaml({ guardrails: { replyPauseDays: 0 }, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')], events: [{ at: '2024-04-08T10:00:00Z', type: 'reply', customer: 'c1' }] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T10:00:00.000Z task c1 INV-1 reply->operator', '2024-04-08T13:00:00.000Z send c1 INV-1:s0']);
  });
});

describe('spec 3.1: pauses', () => {
  // Berlin customer. INV-1 due Wed 04-03, INV-2 due Thu 04-04 (09:00 CEST = 07:00Z). A pause from
  // 04-02T00:00Z until 2024-04-05 lasts until 04-05 00:00 CEST = 04-04T22:00Z; the late steps go
  // at the first allowed instant, the quiet-hours end 08:00 CEST = 06:00Z.
  const pauseData = (pause: Record<string, unknown>) =>
    data({
      customers: [customer('c1', 'Europe/Berlin')],
      invoices: [invoice('INV-1', 'c1', '2024-04-03', { currency: 'EUR' }), invoice('INV-2', 'c1', '2024-04-04', { currency: 'EUR' })],
      events: [{ at: '2024-04-02T00:00:00Z', type: 'pause', until: '2024-04-05', ...pause }],
    });

  it('by customer: every invoice waits, then one consolidated catch-up at 08:00', () => {
    const policy = policyYaml({ cadences: oneStep });
    expect(runLines({ policy, data: pauseData({ customer: 'c1' }), from: '2024-04-01T00:00:00Z', to: '2024-04-10T00:00:00Z' })).toEqual([
      '2024-04-05T06:00:00.000Z send c1 INV-1:s0+INV-2:s0',
    ]);
  });

  it('until is the local start of the date in the customer zone (Chatham)', () => {
    // Chatham (+12:45 after 04-07). Due Mon 04-08: s0 09:00 = 04-07T20:15Z, paused from 04-05
    // until 2024-04-10 = Wed 04-10 00:00 local = 04-09T11:15Z → quiet hours → Wed 08:00 local =
    // 04-09T19:15Z.
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'Pacific/Chatham')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08', { currency: 'NZD' })],
          events: [{ at: '2024-04-05T00:00:00Z', type: 'pause', customer: 'c1', until: '2024-04-10' }],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-15T00:00:00Z',
      }),
    ).toEqual(['2024-04-09T19:15:00.000Z send c1 INV-1:s0']);
  });

  it('by invoice: only that invoice waits', () => {
    const policy = policyYaml({ cadences: oneStep });
    expect(runLines({ policy, data: pauseData({ invoice: 'INV-1' }), from: '2024-04-01T00:00:00Z', to: '2024-04-10T00:00:00Z' })).toEqual([
      '2024-04-04T07:00:00.000Z send c1 INV-2:s0',
      '2024-04-05T06:00:00.000Z send c1 INV-1:s0',
    ]);
  });
});

describe('spec 3.1: maintenance', () => {
  it('nothing goes to anyone during maintenance; emails and tasks catch up when it ends', () => {
    // Maintenance 04-08 12:00Z-15:00Z. New York: c1's email and c3's task, planned 09:00 EDT =
    // 13:00Z, wait until 15:00Z (11:00 EDT, an allowed instant). Berlin (c2): 09:00 CEST =
    // 07:00Z, before the maintenance.
    const policy = policyYaml({
      cadences: [
        { name: 'mail', steps: [{ id: 's0', day: 0 }] },
        { name: 'calls', steps: [{ id: 'call', day: 0, action: 'task', assignTo: 'operator' }] },
      ],
      segments: [
        { name: 'phone', cadence: 'calls', priority: 1, match: { 'customer.id': { eq: 'c3' } } },
        { name: 'email', cadence: 'mail', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2', 'Europe/Berlin'), customer('c3')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-3', 'c3', '2024-04-08')],
          events: [{ at: '2024-04-01T00:00:00Z', type: 'maintenance', from: '2024-04-08T12:00:00Z', to: '2024-04-08T15:00:00Z' }],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-12T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-08T07:00:00.000Z send c2 INV-2:s0',
      '2024-04-08T15:00:00.000Z send c1 INV-1:s0',
      '2024-04-08T15:00:00.000Z task c3 INV-3 call->operator',
    ]);
  });
});
