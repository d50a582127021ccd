import { describe, expect, it } from 'vitest';
import { customer, data, invoice, policyYaml, runLines } from '../testing/engine-spec-fixtures.ts';

// Spec 3: "Evaluation is continuous: the result must not depend on how often a worker ticks."
// One rich scenario, derived by hand once, run event-driven and with several tick lengths.
//
// Cadence std: s0 (day 0), s7 (7), task call (10), s14 (14), escalation nr (21, unless
// response, stop). Default guardrails (09:00, quiet 20:00-08:00, mon-fri, one a day,
// consolidate, latest, replyPauseDays 3, promiseGraceDays 1). Workspace in New York.
//
// c1, Berlin (CEST +2): INV-1 due Mon 04-01, INV-2 due Mon 04-08.
//   04-01 07:00Z INV-1:s0. 04-08 07:00Z INV-1:s7 + INV-2:s0 (one message).
//   04-11 07:00Z INV-1 call. Reply Thu 04-11 09:00Z: task listing INV-1, INV-2; pause until
//   Sun 04-14 00:00 CEST (nothing was planned in between). 04-15 07:00Z INV-1:s14 + INV-2:s7.
//   04-18 07:00Z INV-2 call. 04-22 07:00Z INV-2:s14. Escalations suppressed by the reply.
// c2, New York (EDT -4): INV-3 due Mon 04-01; INV-6 due Mon 04-01, known Wed 04-10 15:00Z.
//   04-01 / 04-08 13:00Z INV-3:s0 / s7. INV-6 at 04-10 15:00Z: s7 goes, s0 superseded.
//   04-11 13:00Z call tasks of INV-3 and INV-6. Promise on INV-3 04-12 for Fri 04-19 (1000.00),
//   600.00 paid 04-18: broken at Sun 04-21 00:00 EDT = 04:00Z (task); s14 (04-15) caught up
//   Mon 04-22 13:00Z. INV-6:s14 Mon 04-15 13:00Z. INV-6 escalates Mon 04-22 13:00Z (no
//   response on it); INV-3's is suppressed (promise, payment).
// c3, Chatham (+13:45 until 04-07, then +12:45): INV-4 due Wed 04-03.
//   s0 Wed 04-03 09:00 = 04-02T19:15Z. s7 planned 04-09T20:15Z, during maintenance
//   20:00Z-21:00Z → at 21:00Z (Wed 09:45 local). call Sat 04-13 09:00 = 04-12T20:15Z (tasks
//   ignore weekends). s14 04-16T20:15Z. Escalation Wed 04-24 09:00 = 04-23T20:15Z.
// c4, Kathmandu (+5:45): INV-5 due Fri 04-05.
//   s0 04-05T03:15Z. Disputed 04-06, resolved Sat 04-13 10:00Z: s7 (Fri 04-12) late → Mon 04-15
//   09:00 = 03:15Z, with the call task planned then. s14 Fri 04-19 03:15Z. Escalation
//   suppressed (the dispute is a response).

const policy = policyYaml({
  cadences: [
    {
      name: 'std',
      steps: [
        { id: 's0', day: 0 },
        { id: 's7', day: 7 },
        { id: 'call', day: 10, action: 'task', assignTo: 'operator' },
        { id: 's14', day: 14, tone: 'confident' },
      ],
      escalations: [{ id: 'nr', day: 21, unless: 'response', assignTo: 'operator', stop: true }],
    },
  ],
});

const richData = data({
  customers: [customer('c1', 'Europe/Berlin'), customer('c2', 'America/New_York'), customer('c3', 'Pacific/Chatham'), customer('c4', 'Asia/Kathmandu')],
  invoices: [
    invoice('INV-1', 'c1', '2024-04-01', { currency: 'EUR' }),
    invoice('INV-2', 'c1', '2024-04-08', { currency: 'EUR' }),
    invoice('INV-3', 'c2', '2024-04-01'),
    invoice('INV-4', 'c3', '2024-04-03', { currency: 'NZD' }),
    invoice('INV-5', 'c4', '2024-04-05', { currency: 'NPR' }),
    invoice('INV-6', 'c2', '2024-04-01', { knownAt: '2024-04-10T15:00:00Z' }),
  ],
  events: [
    { at: '2024-04-01T00:00:00Z', type: 'maintenance', from: '2024-04-09T20:00:00Z', to: '2024-04-09T21:00:00Z' },
    { at: '2024-04-06T10:00:00Z', type: 'dispute', invoice: 'INV-5' },
    { at: '2024-04-11T09:00:00Z', type: 'reply', customer: 'c1' },
    { at: '2024-04-12T14:00:00Z', type: 'promise', invoice: 'INV-3', amount: '1000.00', on: '2024-04-19' },
    { at: '2024-04-13T10:00:00Z', type: 'dispute_resolved', invoice: 'INV-5' },
    { at: '2024-04-18T15:00:00Z', type: 'payment', invoice: 'INV-3', amount: '600.00' },
  ],
});

const expected = [
  '2024-04-01T07:00:00.000Z send c1 INV-1:s0',
  '2024-04-01T13:00:00.000Z send c2 INV-3:s0',
  '2024-04-02T19:15:00.000Z send c3 INV-4:s0',
  '2024-04-05T03:15:00.000Z send c4 INV-5:s0',
  '2024-04-08T07:00:00.000Z send c1 INV-1:s7+INV-2:s0',
  '2024-04-08T13:00:00.000Z send c2 INV-3:s7',
  '2024-04-09T21:00:00.000Z send c3 INV-4:s7',
  '2024-04-10T15:00:00.000Z send c2 INV-6:s7',
  '2024-04-10T15:00:00.000Z skip c2 INV-6:s0 superseded',
  '2024-04-11T07:00:00.000Z task c1 INV-1 call->operator',
  '2024-04-11T09:00:00.000Z task c1 INV-1+INV-2 reply->operator',
  '2024-04-11T13:00:00.000Z task c2 INV-3 call->operator',
  '2024-04-11T13:00:00.000Z task c2 INV-6 call->operator',
  '2024-04-12T20:15:00.000Z task c3 INV-4 call->operator',
  '2024-04-15T03:15:00.000Z send c4 INV-5:s7',
  '2024-04-15T03:15:00.000Z task c4 INV-5 call->operator',
  '2024-04-15T07:00:00.000Z send c1 INV-1:s14+INV-2:s7',
  '2024-04-15T13:00:00.000Z send c2 INV-6:s14',
  '2024-04-16T20:15:00.000Z send c3 INV-4:s14',
  '2024-04-18T07:00:00.000Z task c1 INV-2 call->operator',
  '2024-04-19T03:15:00.000Z send c4 INV-5:s14',
  '2024-04-21T04:00:00.000Z task c2 INV-3 promise_broken->operator',
  '2024-04-22T07:00:00.000Z send c1 INV-2:s14',
  '2024-04-22T13:00:00.000Z escalate c2 INV-6 nr->operator',
  '2024-04-22T13:00:00.000Z send c2 INV-3:s14',
  '2024-04-23T20:15:00.000Z escalate c3 INV-4 nr->operator',
];

const ticks = [
  { tick: 'event-driven (no tick)', tickMs: undefined },
  { tick: 'every day', tickMs: 24 * 60 * 60 * 1000 },
  { tick: 'every hour', tickMs: 60 * 60 * 1000 },
  { tick: 'every 15 minutes', tickMs: 15 * 60 * 1000 },
  { tick: 'every 7 minutes', tickMs: 7 * 60 * 1000 },
];

describe('spec 3: the result does not depend on how often the engine ticks', () => {
  it.each(ticks)('the rich scenario, $tick', ({ tickMs }) => {
    expect(runLines({ policy, data: richData, from: '2024-03-25T00:00:00Z', to: '2024-05-01T00:00:00Z', ...(tickMs ? { tickMs } : {}) })).toEqual(expected);
  });
});

// Smaller scenarios whose outcome hinges on what is known at one instant or on one day; each is
// derived in the topic files and repeated here under every tick length.
interface Scenario {
  name: string;
  policy: string;
  data: Record<string, unknown>;
  from: string;
  to: string;
  expected: string[];
}

const oneStep = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];

const scenarios: Scenario[] = [
  {
    // A tick of one hour ends exactly at 13:00Z: the payment still counts first.
    name: 'a full payment at the instant of a send prevents it',
    policy: policyYaml({ cadences: oneStep }),
    data: data({
      customers: [customer('c1')],
      invoices: [invoice('INV-1', 'c1', '2024-04-08')],
      events: [{ at: '2024-04-08T13:00:00Z', type: 'payment', invoice: 'INV-1', amount: '1000.00' }],
    }),
    from: '2024-04-01T00:00:00Z',
    to: '2024-04-12T00:00:00Z',
    expected: [],
  },
  {
    // See engine-spec-caps: Chatham's Wednesday message wins New York's Tuesday.
    name: 'segment cap competition decided per workspace day',
    policy: policyYaml({ cadences: [{ name: 'std', steps: [{ id: 'd0', day: 0 }, { id: 'd9', day: 9 }] }], segments: [{ name: 'capped', cadence: 'std', sendCap: 1 }] }),
    data: data({ customers: [customer('ca', 'Pacific/Chatham'), customer('cb', 'America/New_York')], invoices: [invoice('INV-A', 'ca', '2024-04-01'), invoice('INV-B', 'cb', '2024-04-09')] }),
    from: '2024-03-25T00:00:00Z',
    to: '2024-04-12T00:00:00Z',
    expected: ['2024-03-31T19:15:00.000Z send ca INV-A:d0', '2024-04-09T20:15:00.000Z send ca INV-A:d9', '2024-04-10T13:00:00.000Z send cb INV-B:d0'],
  },
  {
    // See engine-spec-guardrails: merged at the earlier 09:00 although INV-2 alone is at 11:00.
    name: 'consolidation at the earliest instant',
    policy: policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }],
      segments: [
        { name: 'current', cadence: 'std', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } }, guardrails: { sendAt: '11:00' } },
        { name: 'late', cadence: 'std', priority: 2 },
      ],
    }),
    data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01'), invoice('INV-2', 'c1', '2024-04-08')] }),
    from: '2024-03-25T00:00:00Z',
    to: '2024-04-20T00:00:00Z',
    expected: ['2024-04-01T15:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c1 INV-1:s7+INV-2:s0', '2024-04-15T13:00:00.000Z send c1 INV-2:s7'],
  },
  {
    // See engine-spec-catch-up: one late step a day from Wed 03-20 14:00 EDT.
    name: 'sequential catch-up',
    policy: policyYaml({
      guardrails: { catchUp: 'sequential' },
      cadences: [{ name: 'standard', steps: [{ id: 'due', day: 0 }, { id: 'overdue-1', day: 7 }, { id: 'overdue-2', day: 14 }, { id: 'final', day: 30 }] }],
    }),
    data: data({
      customers: [customer('c1')],
      invoices: [invoice('INV-1', 'c1', '2024-03-01')],
      events: [
        { at: '2024-02-28T15:00:00Z', type: 'dispute', invoice: 'INV-1' },
        { at: '2024-03-20T18:00:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
      ],
    }),
    from: '2024-02-20T00:00:00Z',
    to: '2024-04-05T00:00:00Z',
    expected: [
      '2024-03-20T18:00:00.000Z send c1 INV-1:due',
      '2024-03-21T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ],
  },
  {
    // See engine-spec-caps: ramp [2, 3] from Thu 04-04, nine invoices due Mon 04-08.
    name: 'warm-up ramp',
    policy: policyYaml({ senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-04', warmupRamp: [2, 3] }], cadences: oneStep }),
    data: data({
      customers: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((id) => customer(`c${id}`)),
      invoices: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((id) => invoice(`INV-${id}`, `c${id}`, '2024-04-08')),
    }),
    from: '2024-04-01T00:00:00Z',
    to: '2024-04-20T00:00:00Z',
    expected: [
      '2024-04-08T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-08T13:00:00.000Z send c2 INV-2:s0',
      '2024-04-09T13:00:00.000Z send c3 INV-3:s0',
      '2024-04-09T13:00:00.000Z send c4 INV-4:s0',
      '2024-04-10T13:00:00.000Z send c5 INV-5:s0',
      '2024-04-10T13:00:00.000Z send c6 INV-6:s0',
      '2024-04-11T13:00:00.000Z send c7 INV-7:s0',
      '2024-04-11T13:00:00.000Z send c8 INV-8:s0',
      '2024-04-11T13:00:00.000Z send c9 INV-9:s0',
    ],
  },
  {
    // See engine-spec-segments: at New York midnight the invoice moves to the firm cadence.
    name: 'a segment change at local midnight',
    policy: policyYaml({
      cadences: [
        { name: 'soft', steps: [{ id: 'soft-0', day: 0 }] },
        { name: 'firm', steps: [{ id: 'firm-0', day: 0 }, { id: 'firm-5', day: 5 }] },
      ],
      segments: [
        { name: 'current', cadence: 'soft', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } } },
        { name: 'aged', cadence: 'firm', priority: 2, match: { 'invoice.daysPastDue': { gte: 1 } } },
      ],
    }),
    data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
    from: '2024-03-25T00:00:00Z',
    to: '2024-04-13T00:00:00Z',
    expected: ['2024-04-01T13:00:00.000Z send c1 INV-1:soft-0', '2024-04-02T12:00:00.000Z send c1 INV-1:firm-0', '2024-04-08T13:00:00.000Z send c1 INV-1:firm-5'],
  },
  {
    // See engine-spec-guardrails: the cap moves INV-2 to Wednesday 21:00, quiet hours to Thursday.
    name: 'a cap move then quiet hours',
    policy: policyYaml({ guardrails: { consolidate: false, sendAt: '21:00' }, cadences: oneStep }),
    data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08')] }),
    from: '2024-04-01T00:00:00Z',
    to: '2024-04-20T00:00:00Z',
    expected: ['2024-04-09T12:00:00.000Z send c1 INV-1:s0', '2024-04-11T12:00:00.000Z send c1 INV-2:s0'],
  },
];

describe('spec 3: tick independence of the cases that depend on what is known when', () => {
  const cases = scenarios.flatMap((scenario) => ticks.map((tick) => ({ ...scenario, ...tick })));
  it.each(cases)('$name, $tick', ({ policy: text, data: portfolio, from, to, tickMs, expected: wanted }) => {
    expect(runLines({ policy: text, data: portfolio, from, to, ...(tickMs ? { tickMs } : {}) })).toEqual(wanted);
  });
});
