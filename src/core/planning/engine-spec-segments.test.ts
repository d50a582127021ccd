import { describe, expect, it } from 'vitest';
import { customer, data, invoice, policyYaml, run, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec 1 (Segment: matching, priority, guardrail overrides) and the documented choices on
// segments (continuous re-evaluation; a cadence change counts as becoming eligible). Workspace in
// New York; 2024-04-08 is a Monday; 09:00 EDT = 13:00Z.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];

describe('spec 1: which segment governs an invoice', () => {
  const twoCadences: CadenceSpec[] = [
    { name: 'a', steps: [{ id: 'a0', day: 0 }] },
    { name: 'b', steps: [{ id: 'b0', day: 0 }] },
  ];
  const oneInvoice = data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')] });
  const simulate = (segments: Parameters<typeof policyYaml>[0]['segments']) =>
    run({ policy: policyYaml({ cadences: twoCadences, segments }), data: oneInvoice, from: '2024-04-01T00:00:00Z', to: '2024-04-13T00:00:00Z' }).map(
      (action) => `${String(action.at)} ${String(action.segment)} ${(action.steps as { step: string }[]).map((step) => step.step).join('+')}`,
    );

  it('lower priority is tried first', () => {
    expect(
      simulate([
        { name: 'alpha', cadence: 'a', priority: 20 },
        { name: 'beta', cadence: 'b', priority: 10 },
      ]),
    ).toEqual(['2024-04-08T13:00:00.000Z beta b0']);
  });

  it('equal priorities are tried by name (documented choice)', () => {
    expect(
      simulate([
        { name: 'zulu', cadence: 'b', priority: 10 },
        { name: 'alpha', cadence: 'a', priority: 10 },
      ]),
    ).toEqual(['2024-04-08T13:00:00.000Z alpha a0']);
  });

  it('the first matching segment wins, a non-matching one is passed over', () => {
    expect(
      simulate([
        { name: 'enterprise', cadence: 'b', priority: 1, match: { 'customer.tier': { eq: 'enterprise' } } },
        { name: 'rest', cadence: 'a', priority: 2 },
      ]),
    ).toEqual(['2024-04-08T13:00:00.000Z rest a0']);
  });

  it('an invoice no segment matches gets no outreach', () => {
    expect(simulate([{ name: 'enterprise', cadence: 'b', match: { 'customer.tier': { eq: 'enterprise' } } }])).toEqual([]);
  });
});

describe('spec 1: match operators and fields', () => {
  // Customer c1: tags [smb, eu], region EU, industry retail, score 70, tier gold.
  // INV-1: 1000.00 USD, balance 1000.00, due Mon 04-08 → one send at 13:00Z when it matches.
  const cases: { name: string; match: Record<string, unknown>; matches: boolean }[] = [
    { name: 'customer.tags includes smb', match: { 'customer.tags': { includes: 'smb' } }, matches: true },
    { name: 'customer.tags includes enterprise', match: { 'customer.tags': { includes: 'enterprise' } }, matches: false },
    { name: 'customer.region in [EU, UK]', match: { 'customer.region': { in: ['EU', 'UK'] } }, matches: true },
    { name: 'customer.region eq US', match: { 'customer.region': { eq: 'US' } }, matches: false },
    { name: 'customer.tier eq gold', match: { 'customer.tier': { eq: 'gold' } }, matches: true },
    { name: 'customer.tier ne gold', match: { 'customer.tier': { ne: 'gold' } }, matches: false },
    { name: 'customer.id eq c1', match: { 'customer.id': { eq: 'c1' } }, matches: true },
    { name: 'customer.name eq "Customer c1"', match: { 'customer.name': { eq: 'Customer c1' } }, matches: true },
    { name: 'customer.industry ne retail', match: { 'customer.industry': { ne: 'retail' } }, matches: false },
    { name: 'customer.score gte 70', match: { 'customer.score': { gte: 70 } }, matches: true },
    { name: 'customer.score gt 70', match: { 'customer.score': { gt: 70 } }, matches: false },
    { name: 'invoice.currency eq USD', match: { 'invoice.currency': { eq: 'USD' } }, matches: true },
    { name: 'invoice.currency eq EUR', match: { 'invoice.currency': { eq: 'EUR' } }, matches: false },
    { name: 'invoice.amount gte 1000', match: { 'invoice.amount': { gte: 1000 } }, matches: true },
    { name: 'invoice.amount gt 1000', match: { 'invoice.amount': { gt: 1000 } }, matches: false },
    { name: 'invoice.balance lt 1000', match: { 'invoice.balance': { lt: 1000 } }, matches: false },
    { name: 'invoice.balance lte 1000', match: { 'invoice.balance': { lte: 1000 } }, matches: true },
    { name: 'invoice.balance between [1000, 2000] (inclusive)', match: { 'invoice.balance': { between: [1000, 2000] } }, matches: true },
    { name: 'invoice.balance between [0, 999.99]', match: { 'invoice.balance': { between: [0, 999.99] } }, matches: false },
    { name: 'invoice.daysPastDue between [-30, 60] (0 on the due date)', match: { 'invoice.daysPastDue': { between: [-30, 60] } }, matches: true },
    { name: 'every condition must hold', match: { 'customer.tags': { includes: 'smb' }, 'customer.region': { eq: 'US' } }, matches: false },
    { name: 'an empty match matches every invoice', match: {}, matches: true },
  ];

  it.each(cases)('$name → matches: $matches', ({ match, matches }) => {
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'only', cadence: 'one', match }] });
    const actions = runLines({
      policy,
      data: data({
        customers: [customer('c1', undefined, { tags: ['smb', 'eu'], region: 'EU', industry: 'retail', score: 70, tier: 'gold' })],
        invoices: [invoice('INV-1', 'c1', '2024-04-08')],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions).toEqual(matches ? ['2024-04-08T13:00:00.000Z send c1 INV-1:s0'] : []);
  });
});

describe('spec 1: guardrails override key by key (defaults < Workspace < Cadence < Segment)', () => {
  it('the docs example: segment holidays, cadence quiet hours and maxSendsPerDay, workspace sendAt', () => {
    // Workspace: sendAt 08:30, holidays US, quiet 20:00-08:00, consolidate false. Cadence: quiet
    // 18:00-09:00, maxSendsPerDay 2. Segment: holidays DE.
    // - 08:30 is inside the cadence's quiet hours → 09:00 EDT (13:00Z); with the workspace's it
    //   would have gone at 08:30.
    // - Thu 2024-07-04 is not a DE holiday: INV-1 and INV-3 go that day, both (cap 2).
    // - Thu 2024-10-03 (German Unity Day) is: INV-2 moves to Fri 10-04.
    const policy = policyYaml({
      guardrails: { sendAt: '08:30', holidays: 'US', quietHours: { from: '20:00', to: '08:00' }, consolidate: false },
      cadences: [{ name: 'enterprise', steps: [{ id: 's0', day: 0 }], guardrails: { quietHours: { from: '18:00', to: '09:00' }, maxSendsPerDay: 2 } }],
      segments: [{ name: 'enterprise-eu', cadence: 'enterprise', guardrails: { holidays: 'DE' } }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-07-04'), invoice('INV-2', 'c1', '2024-10-03'), invoice('INV-3', 'c1', '2024-07-04')],
        }),
        from: '2024-06-01T00:00:00Z',
        to: '2024-10-10T00:00:00Z',
      }),
    ).toEqual(['2024-07-04T13:00:00.000Z send c1 INV-1:s0', '2024-07-04T13:00:00.000Z send c1 INV-3:s0', '2024-10-04T13:00:00.000Z send c1 INV-2:s0']);
  });

  it('sendAt: segment over cadence over workspace', () => {
    // 11:00 EDT = 15:00Z.
    const policy = policyYaml({
      guardrails: { sendAt: '09:00' },
      cadences: [{ name: 'one', steps: [{ id: 's0', day: 0 }], guardrails: { sendAt: '10:00' } }],
      segments: [{ name: 'all', cadence: 'one', guardrails: { sendAt: '11:00' } }],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T15:00:00.000Z send c1 INV-1:s0']);
  });
});

describe('segments are re-evaluated continuously (documented choice)', () => {
  it('moving to a segment with another cadence is becoming eligible: its late step is caught up', () => {
    // Due Mon 04-01. current (0 or fewer days past due) → soft: soft-0 Mon 04-01 09:00 EDT.
    // At Tue 04-02 00:00 EDT (04:00Z) it is 1 day past due → aged → firm: firm-0 (planned
    // 04-01) is late → first allowed instant: quiet hours → 08:00 EDT = 12:00Z. firm-5 Sat
    // 04-06 → Mon 04-08 09:00 EDT.
    const policy = policyYaml({
      cadences: [
        { name: 'soft', steps: [{ id: 'soft-0', day: 0 }] },
        { name: 'firm', steps: [{ id: 'firm-0', day: 0 }, { id: 'firm-5', day: 5 }] },
      ],
      segments: [
        { name: 'current', cadence: 'soft', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } } },
        { name: 'aged', cadence: 'firm', priority: 2, match: { 'invoice.daysPastDue': { gte: 1 } } },
      ],
    });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${String(action.type)} ${String(action.segment)} ${(action.steps as { step: string }[]).map((step) => step.step).join('+')}`)).toEqual([
      '2024-04-01T13:00:00.000Z send current soft-0',
      '2024-04-02T12:00:00.000Z send aged firm-0',
      '2024-04-08T13:00:00.000Z send aged firm-5',
    ]);
  });

  it('steps are known by cadence name and step id: the same id in another cadence is another step', () => {
    // As above, but both cadences name their due-date step s0: firm's s0 is still caught up.
    const policy = policyYaml({
      cadences: [
        { name: 'soft', steps: [{ id: 's0', day: 0 }] },
        { name: 'firm', steps: [{ id: 's0', day: 0 }, { id: 's5', day: 5 }] },
      ],
      segments: [
        { name: 'current', cadence: 'soft', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } } },
        { name: 'aged', cadence: 'firm', priority: 2, match: { 'invoice.daysPastDue': { gte: 1 } } },
      ],
    });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${(action.steps as { cadence: string; step: string }[]).map((step) => `${step.cadence}/${step.step}`).join('+')}`)).toEqual([
      '2024-04-01T13:00:00.000Z soft/s0',
      '2024-04-02T12:00:00.000Z firm/s0',
      '2024-04-08T13:00:00.000Z firm/s5',
    ]);
  });

  it('back on a cadence after a detour: its steps that went out do not go again', () => {
    // Due Mon 04-01. current (<= 0 days) and later (>= 4 days) use cadence a (a0 day 0, a5 day
    // 5); aged (1-3 days) uses b (b2 day 2). a0 Mon 04-01; b2 Wed 04-03; back on a at Fri 04-05
    // 00:00 EDT: a0 went out already, a5 (Sat 04-06) is not late → Mon 04-08 09:00 EDT.
    const policy = policyYaml({
      cadences: [
        { name: 'a', steps: [{ id: 'a0', day: 0 }, { id: 'a5', day: 5 }] },
        { name: 'b', steps: [{ id: 'b2', day: 2 }] },
      ],
      segments: [
        { name: 'current', cadence: 'a', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } } },
        { name: 'aged', cadence: 'b', priority: 2, match: { 'invoice.daysPastDue': { between: [1, 3] } } },
        { name: 'later', cadence: 'a', priority: 3 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:a0', '2024-04-03T13:00:00.000Z send c1 INV-1:b2', '2024-04-08T13:00:00.000Z send c1 INV-1:a5']);
  });

  it('moving to a segment with the same cadence restarts nothing', () => {
    const policy = policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }],
      segments: [
        { name: 'current', cadence: 'std', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } } },
        { name: 'aged', cadence: 'std', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c1 INV-1:s7']);
  });

  it('a partial payment can move an invoice into a small-balance segment with its own cadence', () => {
    // Due Mon 04-01, 1000.00: big → std (s0 04-01, s7 04-08). Paid 600.00 Wed 04-03 10:00 EDT
    // (14:00Z): balance 400 → small → gentle: g0 (planned 04-01) is late → goes at 14:00Z; g14
    // Mon 04-15. std's s7 no longer applies.
    const policy = policyYaml({
      cadences: [
        { name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] },
        { name: 'gentle', steps: [{ id: 'g0', day: 0 }, { id: 'g14', day: 14 }] },
      ],
      segments: [
        { name: 'small', cadence: 'gentle', priority: 1, match: { 'invoice.balance': { lt: 500 } } },
        { name: 'big', cadence: 'std', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [{ at: '2024-04-03T14:00:00Z', type: 'payment', invoice: 'INV-1', amount: '600.00' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-01T13:00:00.000Z send c1 INV-1:s0', '2024-04-03T14:00:00.000Z send c1 INV-1:g0', '2024-04-15T13:00:00.000Z send c1 INV-1:g14']);
  });
});
