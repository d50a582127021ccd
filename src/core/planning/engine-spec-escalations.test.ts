import { describe, expect, it } from 'vitest';
import { customer, data, invoice, lines, policyYaml, run, runLines, withoutSkips, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec 3.7 (escalations) and 3.8 (tasks): internal actions at dueOn + day at sendAt in the
// customer zone, without the customer-facing guardrails. Workspace in New York (EDT, UTC-4 in
// April 2024) with the default guardrails; 2024-04-01 is a Monday.

describe('spec 3.7: an escalation fires at its planned instant, without guardrails', () => {
  it.each([
    // Due Wed 04-03, day 4 = Sunday 04-07 09:00 EDT: not moved to Monday.
    { name: 'on a Sunday', guardrails: {}, dueOn: '2024-04-03', day: 4, expected: ['2024-04-03T13:00:00.000Z send c1 INV-1:s0', '2024-04-07T13:00:00.000Z escalate c1 INV-1 esc->ar_manager'] },
    // sendAt 21:00 (quiet hours): the email moves to Thu 08:00 EDT, the escalation stays at
    // Sunday 21:00 EDT = Monday 01:00Z.
    { name: 'inside quiet hours', guardrails: { sendAt: '21:00' }, dueOn: '2024-04-03', day: 4, expected: ['2024-04-04T12:00:00.000Z send c1 INV-1:s0', '2024-04-08T01:00:00.000Z escalate c1 INV-1 esc->ar_manager'] },
    // Due Thu 06-27, day 7 = Thu 07-04 (Independence Day).
    { name: 'on a holiday', guardrails: { holidays: 'US' }, dueOn: '2024-06-27', day: 7, expected: ['2024-06-27T13:00:00.000Z send c1 INV-1:s0', '2024-07-04T13:00:00.000Z escalate c1 INV-1 esc->ar_manager'] },
  ])('$name', ({ guardrails, dueOn, day, expected }) => {
    const policy = policyYaml({ guardrails, cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }], escalations: [{ id: 'esc', day, assignTo: 'ar_manager' }] }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', dueOn)] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-07-10T00:00:00Z',
      }),
    ).toEqual(expected);
  });
});

describe('spec 3.7: unless: response', () => {
  // Due Mon 04-01; escalation nr on day 10 = Thu 04-11 09:00 (13:00Z in New York, 07:00Z in Berlin).
  const cadences: CadenceSpec[] = [{ name: 'std', steps: [{ id: 's0', day: 0 }], escalations: [{ id: 'nr', day: 10, unless: 'response', assignTo: 'operator' }] }];
  const fires = (at: string) => [`${at} escalate c1 INV-1 nr->operator`];

  it.each([
    { name: 'no response: it fires', zone: 'America/New_York', events: [], expected: fires('2024-04-11T13:00:00.000Z') },
    { name: 'a reply on the due date (00:30 EDT) suppresses it', zone: 'America/New_York', events: [{ at: '2024-04-01T04:30:00Z', type: 'reply', customer: 'c1' }], expected: [] },
    // 02:00Z on 04-01 is 22:00 EDT on 03-31: before the local start of the due date.
    { name: 'a reply the evening before the due date (local) does not count', zone: 'America/New_York', events: [{ at: '2024-04-01T02:00:00Z', type: 'reply', customer: 'c1' }], expected: fires('2024-04-11T13:00:00.000Z') },
    // 23:00Z on 03-31 is 01:00 CEST on 04-01: after the local start of the due date.
    { name: 'Berlin: a reply at 01:00 local on the due date (still 03-31 in UTC) suppresses it', zone: 'Europe/Berlin', events: [{ at: '2024-03-31T23:00:00Z', type: 'reply', customer: 'c1' }], expected: [] },
    { name: 'Berlin: no response, it fires at 09:00 CEST', zone: 'Europe/Berlin', events: [], expected: fires('2024-04-11T07:00:00.000Z') },
    { name: 'a reply from another customer does not count', zone: 'America/New_York', events: [{ at: '2024-04-03T14:00:00Z', type: 'reply', customer: 'c2' }], expected: fires('2024-04-11T13:00:00.000Z') },
    { name: 'a partial payment on the invoice suppresses it', zone: 'America/New_York', events: [{ at: '2024-04-05T14:00:00Z', type: 'payment', invoice: 'INV-1', amount: '100.00' }], expected: [] },
    { name: 'a payment on another invoice of the customer does not count', zone: 'America/New_York', events: [{ at: '2024-04-05T14:00:00Z', type: 'payment', invoice: 'INV-2', amount: '100.00' }], expected: fires('2024-04-11T13:00:00.000Z') },
    // A documented choice: a credit (an approved discount or credit note) is finance acting, not the customer responding.
    { name: 'a credit on the invoice does not count as a response', zone: 'America/New_York', events: [{ at: '2024-04-05T14:00:00Z', type: 'credit', invoice: 'INV-1', amount: '100.00' }], expected: fires('2024-04-11T13:00:00.000Z') },
    {
      name: 'a kept promise on the invoice suppresses it',
      zone: 'America/New_York',
      events: [
        { at: '2024-04-03T14:00:00Z', type: 'promise', invoice: 'INV-1', amount: '100.00', on: '2024-04-05' },
        { at: '2024-04-04T14:00:00Z', type: 'payment', invoice: 'INV-1', amount: '100.00' },
      ],
      expected: [],
    },
    {
      name: 'a resolved dispute on the invoice suppresses it',
      zone: 'America/New_York',
      events: [
        { at: '2024-04-03T14:00:00Z', type: 'dispute', invoice: 'INV-1' },
        { at: '2024-04-05T14:00:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
      ],
      expected: [],
    },
    { name: 'a reply a minute before suppresses it', zone: 'America/New_York', events: [{ at: '2024-04-11T12:59:00Z', type: 'reply', customer: 'c1' }], expected: [] },
  ])('$name', ({ zone, events, expected }) => {
    const policy = policyYaml({ cadences });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1', zone), customer('c2', zone)],
        // INV-2 is due later: its own escalation (05-10) is outside the window.
        invoices: [invoice('INV-1', 'c1', '2024-04-01'), invoice('INV-2', 'c1', '2024-04-30'), invoice('INV-9', 'c2', '2024-04-30')],
        events,
      }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
    });
    expect(lines(actions.filter((action) => action.type === 'escalate'))).toEqual(expected);
  });
});

describe('spec 3.7: stop, paid and disputed invoices', () => {
  // Due Mon 04-01: s0 04-01, s7 04-08, task call Wed 04-10, escalation esc Thu 04-11, s14
  // Mon 04-15, escalation esc2 Sun 04-21; all 09:00 EDT = 13:00Z.
  const cadence = (stop: boolean): CadenceSpec[] => [
    {
      name: 'std',
      steps: [
        { id: 's0', day: 0 },
        { id: 's7', day: 7 },
        { id: 'call', day: 9, action: 'task', assignTo: 'operator' },
        { id: 's14', day: 14 },
      ],
      escalations: [
        { id: 'esc', day: 10, assignTo: 'legal', stop },
        { id: 'esc2', day: 20, assignTo: 'operator' },
      ],
    },
  ];
  const upToEsc = [
    '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
    '2024-04-08T13:00:00.000Z send c1 INV-1:s7',
    '2024-04-10T13:00:00.000Z task c1 INV-1 call->operator',
    '2024-04-11T13:00:00.000Z escalate c1 INV-1 esc->legal',
  ];

  it.each([
    { stop: true, expected: upToEsc },
    { stop: false, expected: [...upToEsc, '2024-04-15T13:00:00.000Z send c1 INV-1:s14', '2024-04-21T13:00:00.000Z escalate c1 INV-1 esc2->operator'] },
  ])('stop: $stop', ({ stop, expected }) => {
    const policy = policyYaml({ cadences: cadence(stop) });
    expect(
      withoutSkips(
        run({
          policy,
          data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
          from: '2024-03-25T00:00:00Z',
          to: '2024-04-30T00:00:00Z',
        }),
      ).map((action) => lines([action])[0]),
    ).toEqual(expected);
  });

  it.each([
    { name: 'a paid invoice does not escalate', events: [{ at: '2024-04-05T14:00:00Z', type: 'payment', invoice: 'INV-1', amount: '1000.00' }] },
    { name: 'a disputed invoice does not escalate', events: [{ at: '2024-04-05T14:00:00Z', type: 'dispute', invoice: 'INV-1' }] },
  ])('$name', ({ events }) => {
    const policy = policyYaml({ cadences: cadence(false) });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:s0']);
  });
});

describe('spec 3.7: an escalation that passed while the invoice was not eligible', () => {
  // Steps s0 (04-01), s7 (04-08), s14 (Mon 04-15); escalation esc on day 10 (Thu 04-11 09:00).
  // INV-1 is paused from 04-09 until 2024-04-20, i.e. until Sat 04-20 00:00 EDT = 04:00Z.
  const cadence = (stop: boolean): CadenceSpec[] => [
    { name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }], escalations: [{ id: 'esc', day: 10, assignTo: 'operator', stop }] },
  ];
  const pausedData = data({
    customers: [customer('c1')],
    invoices: [invoice('INV-1', 'c1', '2024-04-01')],
    events: [{ at: '2024-04-09T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-20' }],
  });
  const before = ['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c1 INV-1:s7'];

  it('fires when the invoice becomes eligible; the late step is caught up after it (Saturday → Monday 09:00)', () => {
    const policy = policyYaml({ cadences: cadence(false) });
    expect(runLines({ policy, data: pausedData, from: '2024-03-25T00:00:00Z', to: '2024-04-30T00:00:00Z' })).toEqual([
      ...before,
      '2024-04-20T04:00:00.000Z escalate c1 INV-1 esc->operator',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
    ]);
  });

  it('with stop: true it fires before any catch-up step, so the late step never goes', () => {
    // Even with every guardrail open (the catch-up would go at the same instant), the
    // escalation comes first and stops the invoice.
    const policy = policyYaml({ guardrails: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], quietHours: 'none' }, cadences: cadence(true) });
    expect(lines(withoutSkips(run({ policy, data: pausedData, from: '2024-03-25T00:00:00Z', to: '2024-04-30T00:00:00Z' })))).toEqual([
      ...before,
      '2024-04-20T04:00:00.000Z escalate c1 INV-1 esc->operator',
    ]);
  });

  it('waits during maintenance and fires when it ends', () => {
    const policy = policyYaml({ cadences: cadence(false) });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [{ at: '2024-04-01T00:00:00Z', type: 'maintenance', from: '2024-04-11T12:00:00Z', to: '2024-04-11T14:00:00Z' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual([...before, '2024-04-11T14:00:00.000Z escalate c1 INV-1 esc->operator', '2024-04-15T13:00:00.000Z send c1 INV-1:s14']);
  });
});

describe('spec 3.7: escalations of invoices that were not eligible for other reasons', () => {
  // Due Mon 04-01; s0, s7 (04-08); escalation esc day 5 (Sat 04-06 09:00 EDT). First known Wed
  // 04-10 11:00 EDT (15:00Z): the escalation passed while the invoice was not known.
  const cadence = (stop: boolean): CadenceSpec[] => [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }], escalations: [{ id: 'esc', day: 5, assignTo: 'operator', stop }] }];
  const lateData = data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01', { knownAt: '2024-04-10T15:00:00Z' })] });

  it('not yet known: it fires at knownAt, then the catch-up', () => {
    const policy = policyYaml({ cadences: cadence(false) });
    expect(runLines({ policy, data: lateData, from: '2024-03-25T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-10T15:00:00.000Z escalate c1 INV-1 esc->operator',
      '2024-04-10T15:00:00.000Z send c1 INV-1:s7',
      '2024-04-10T15:00:00.000Z skip c1 INV-1:s0 superseded',
    ]);
  });

  it('not yet known, stop: true: it fires at knownAt and no catch-up step follows', () => {
    const policy = policyYaml({ cadences: cadence(true) });
    expect(lines(withoutSkips(run({ policy, data: lateData, from: '2024-03-25T00:00:00Z', to: '2024-04-20T00:00:00Z' })))).toEqual([
      '2024-04-10T15:00:00.000Z escalate c1 INV-1 esc->operator',
    ]);
  });

  it('in a reply pause after a reply from before the due date: it waits, then fires (that reply is no response)', () => {
    // Reply Sun 03-31 22:00 EDT (04-01T02:00Z), before the local start of the due date: task;
    // pause until Wed 04-03 00:00 EDT (04:00Z). The escalation (day 1, Tue 04-02 09:00,
    // unless response) fires at 04:00Z; s0 (Mon 04-01) is caught up at 08:00 EDT = 12:00Z.
    const policy = policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }], escalations: [{ id: 'esc', day: 1, unless: 'response', assignTo: 'operator' }] }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events: [{ at: '2024-04-01T02:00:00Z', type: 'reply', customer: 'c1' }] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-10T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T02:00:00.000Z task c1 INV-1 reply->operator',
      '2024-04-03T04:00:00.000Z escalate c1 INV-1 esc->operator',
      '2024-04-03T12:00:00.000Z send c1 INV-1:s0',
    ]);
  });
});

describe('spec 3.8: task steps', () => {
  it.each([
    // Due Wed 04-03, day 4 = Sunday 04-07 09:00 EDT.
    { name: 'on a Sunday', guardrails: {}, dueOn: '2024-04-03', day: 4, expected: '2024-04-07T13:00:00.000Z' },
    // sendAt 21:00 is inside quiet hours: the task is not moved. Sunday 21:00 EDT = Mon 01:00Z.
    { name: 'inside quiet hours', guardrails: { sendAt: '21:00' }, dueOn: '2024-04-03', day: 4, expected: '2024-04-08T01:00:00.000Z' },
    // Due Thu 06-27, day 7 = Thu 07-04 (Independence Day).
    { name: 'on a holiday', guardrails: { holidays: 'US' }, dueOn: '2024-06-27', day: 7, expected: '2024-07-04T13:00:00.000Z' },
  ])('a task goes at its planned instant $name, assigned to assignTo, reason the step id', ({ guardrails, dueOn, day, expected }) => {
    const policy = policyYaml({ guardrails, cadences: [{ name: 'calls', steps: [{ id: 'call', day, action: 'task', assignTo: 'sales' }] }] });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', dueOn)] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-07-10T00:00:00Z',
    });
    expect(lines(actions)).toEqual([`${expected} task c1 INV-1 call->sales`]);
  });

  it('a task is not a message: it neither counts toward maxSendsPerDay nor merges with an email', () => {
    // INV-1 on a task cadence, INV-2 on an email cadence, both Monday 04-08 09:00 EDT.
    const policy = policyYaml({
      cadences: [
        { name: 'calls', steps: [{ id: 'call', day: 0, action: 'task', assignTo: 'operator' }] },
        { name: 'mail', steps: [{ id: 's0', day: 0 }] },
      ],
      segments: [
        { name: 'phone', cadence: 'calls', priority: 1, match: { 'invoice.amount': { lt: 500 } } },
        { name: 'email', cadence: 'mail', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '100.00' }), invoice('INV-2', 'c1', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-12T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-2:s0', '2024-04-08T13:00:00.000Z task c1 INV-1 call->operator']);
  });

  it('a task waits while the invoice is paused and is created when the pause ends (documented choice)', () => {
    // call on day 10 = Thu 04-11; paused until Sat 04-20 00:00 EDT = 04:00Z.
    const policy = policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 'call', day: 10, action: 'task', assignTo: 'operator' }] }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [{ at: '2024-04-09T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-20' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-20T04:00:00.000Z task c1 INV-1 call->operator']);
  });

  it('a task that went out counts as gone out: not late, not superseded, never repeated', () => {
    // s0 Mon 04-01, call Wed 04-03, then paused from Thu 04-04 until Fri 04-12 00:00 EDT
    // (04:00Z): s7 (Mon 04-08) is the only late step → quiet hours → 08:00 EDT = 12:00Z.
    const policy = policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 'call', day: 2, action: 'task', assignTo: 'operator' }, { id: 's7', day: 7 }] }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [{ at: '2024-04-04T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-12' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-30T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-03T13:00:00.000Z task c1 INV-1 call->operator',
      '2024-04-12T12:00:00.000Z send c1 INV-1:s7',
    ]);
  });
});
