import { describe, expect, it } from 'vitest';
import { customer, data, invoice, lines, openGuardrails, policyYaml, run, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec section 4 (guardrails 1-4), 4.1 (consolidation) and 3.9 (shadow mode). The workspace is in
// New York unless a case says otherwise; 2024-04-08 is a Monday. EDT is UTC-4 from 2024-03-10 to
// 2024-11-03, EST UTC-5 otherwise; Berlin is CET +1 in winter and CEST +2 in summer.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 'step', day: 0 }] }];

interface PlacementCase {
  name: string;
  zone: string;
  guardrails: Record<string, unknown>;
  dueOn: string;
  day?: number;
  expected: string;
  moves: string[];
}

const placementCases: PlacementCase[] = [
  // Saturday 2024-04-06 → Monday 04-08 at sendAt 09:00 EDT.
  { name: 'days: a Saturday moves to Monday at sendAt', zone: 'America/New_York', guardrails: {}, dueOn: '2024-04-06', expected: '2024-04-08T13:00:00.000Z', moves: ['weekend'] },
  // Wednesday 2024-04-03 with days [tue, thu] → Thursday 04-04 09:00.
  { name: 'days: a weekday not listed moves to the next listed day', zone: 'America/New_York', guardrails: { days: ['tue', 'thu'] }, dueOn: '2024-04-03', expected: '2024-04-04T13:00:00.000Z', moves: ['day_off'] },
  // Monday 2024-04-08 with days [sat, sun] → Saturday 04-13 09:00.
  { name: 'days: weekend-only sending', zone: 'America/New_York', guardrails: { days: ['sat', 'sun'] }, dueOn: '2024-04-08', expected: '2024-04-13T13:00:00.000Z', moves: ['day_off'] },
  // Thursday 2024-07-04 is Independence Day → Friday 07-05 09:00 EDT.
  { name: 'holidays US: July 4th', zone: 'America/New_York', guardrails: { holidays: 'US' }, dueOn: '2024-07-04', expected: '2024-07-05T13:00:00.000Z', moves: ['holiday'] },
  { name: 'holidays none: July 4th is a working day', zone: 'America/New_York', guardrails: { holidays: 'none' }, dueOn: '2024-07-04', expected: '2024-07-04T13:00:00.000Z', moves: [] },
  // Thursday 2024-11-28 is Thanksgiving → Friday 11-29 09:00 EST.
  { name: 'holidays US: Thanksgiving', zone: 'America/New_York', guardrails: { holidays: 'US' }, dueOn: '2024-11-28', expected: '2024-11-29T14:00:00.000Z', moves: ['holiday'] },
  // Saturday 2024-08-31 → Monday 09-02 (Labor Day) → Tuesday 09-03 09:00 EDT.
  { name: 'holidays US: a weekend then Labor Day', zone: 'America/New_York', guardrails: { holidays: 'US' }, dueOn: '2024-08-31', expected: '2024-09-03T13:00:00.000Z', moves: ['weekend', 'holiday'] },
  // Friday 2024-11-29 (day after Thanksgiving) is an observance, not a public holiday.
  { name: 'holidays US: the day after Thanksgiving is not public', zone: 'America/New_York', guardrails: { holidays: 'US' }, dueOn: '2024-11-29', expected: '2024-11-29T14:00:00.000Z', moves: [] },
  // Monday 2024-04-15 (Tax Day) is an observance.
  { name: 'holidays US: Tax Day is not public', zone: 'America/New_York', guardrails: { holidays: 'US' }, dueOn: '2024-04-15', expected: '2024-04-15T13:00:00.000Z', moves: [] },
  // Monday 2024-08-26 is the summer bank holiday in England (Scotland's was 08-05); BST +01:00.
  { name: 'holidays GB-ENG: summer bank holiday', zone: 'Europe/London', guardrails: { holidays: 'GB-ENG' }, dueOn: '2024-08-26', expected: '2024-08-27T08:00:00.000Z', moves: ['holiday'] },
  { name: 'holidays GB-SCT: not a holiday in Scotland', zone: 'Europe/London', guardrails: { holidays: 'GB-SCT' }, dueOn: '2024-08-26', expected: '2024-08-26T08:00:00.000Z', moves: [] },
  // 2024-12-24 + 1 = Wednesday 12-25 and Thursday 12-26 are public in DE → Friday 12-27 09:00 CET.
  { name: 'holidays DE: both Christmas days', zone: 'Europe/Berlin', guardrails: { holidays: 'DE' }, dueOn: '2024-12-24', day: 1, expected: '2024-12-27T08:00:00.000Z', moves: ['holiday'] },
  // Monday 2025-01-06 (Epiphany) is public in Bavaria only → Tuesday 01-07 09:00 CET.
  { name: 'holidays DE-BY: Epiphany', zone: 'Europe/Berlin', guardrails: { holidays: 'DE-BY' }, dueOn: '2025-01-06', expected: '2025-01-07T08:00:00.000Z', moves: ['holiday'] },
  { name: 'holidays DE: Epiphany is not a national holiday', zone: 'Europe/Berlin', guardrails: { holidays: 'DE' }, dueOn: '2025-01-06', expected: '2025-01-06T08:00:00.000Z', moves: [] },
  // 2024-03-28 + 1 = Good Friday 03-29 → weekend → Easter Monday 04-01 → Tuesday 04-02 09:00 CEST.
  { name: 'holidays DE: Good Friday, the weekend and Easter Monday, re-checked after every move', zone: 'Europe/Berlin', guardrails: { holidays: 'DE' }, dueOn: '2024-03-28', day: 1, expected: '2024-04-02T07:00:00.000Z', moves: ['holiday', 'weekend'] },
  // 00:30 on Friday 2024-12-27 in Berlin is 23:30Z on 12-26 (a holiday in UTC, not locally).
  { name: 'holidays are those of the local date, not of the UTC date (Berlin)', zone: 'Europe/Berlin', guardrails: { ...openGuardrails, holidays: 'DE', sendAt: '00:30' }, dueOn: '2024-12-27', expected: '2024-12-26T23:30:00.000Z', moves: [] },
  // 21:00 EDT on 2024-07-03 is 01:00Z on 07-04.
  { name: 'holidays are those of the local date, not of the UTC date (New York)', zone: 'America/New_York', guardrails: { ...openGuardrails, holidays: 'US', sendAt: '21:00' }, dueOn: '2024-07-03', expected: '2024-07-04T01:00:00.000Z', moves: [] },
  // Thursday 07-04 is a holiday → Friday 07-05 → not listed → next Thursday 07-11.
  { name: 'a holiday on the only listed day waits a week', zone: 'America/New_York', guardrails: { holidays: 'US', days: ['thu'] }, dueOn: '2024-07-04', expected: '2024-07-11T13:00:00.000Z', moves: ['holiday', 'day_off'] },
  // sendAt 21:00 is inside 20:00-08:00, a window across midnight → 08:00 next day (Tuesday 04-09).
  { name: 'quiet hours across midnight: the end is on the next day', zone: 'America/New_York', guardrails: { sendAt: '21:00' }, dueOn: '2024-04-08', expected: '2024-04-09T12:00:00.000Z', moves: ['quiet_hours'] },
  // sendAt 07:00 is inside the morning part of 20:00-08:00 → 08:00 the same day.
  { name: 'quiet hours: a sendAt before the window end waits until 08:00 the same day', zone: 'America/New_York', guardrails: { sendAt: '07:00' }, dueOn: '2024-04-08', expected: '2024-04-08T12:00:00.000Z', moves: ['quiet_hours'] },
  // 12:30 inside 12:00-14:00 → 14:00 the same day.
  { name: 'quiet hours within one day', zone: 'America/New_York', guardrails: { sendAt: '12:30', quietHours: { from: '12:00', to: '14:00' } }, dueOn: '2024-04-08', expected: '2024-04-08T18:00:00.000Z', moves: ['quiet_hours'] },
  // [from, to): 20:00 is inside → 08:00 Tuesday.
  { name: 'quiet hours: from is inside the window', zone: 'America/New_York', guardrails: { sendAt: '20:00' }, dueOn: '2024-04-08', expected: '2024-04-09T12:00:00.000Z', moves: ['quiet_hours'] },
  // [from, to): 08:00 is outside.
  { name: 'quiet hours: to is outside the window', zone: 'America/New_York', guardrails: { sendAt: '08:00' }, dueOn: '2024-04-08', expected: '2024-04-08T12:00:00.000Z', moves: [] },
  // quietHours: none → 23:30 EDT Monday = 03:30Z Tuesday.
  { name: 'quietHours: none turns the rule off', zone: 'America/New_York', guardrails: { sendAt: '23:30', quietHours: 'none' }, dueOn: '2024-04-08', expected: '2024-04-09T03:30:00.000Z', moves: [] },
  // Friday 04-12 21:00 → quiet → Saturday 08:00 → days → Monday 04-15 at sendAt 21:00 → quiet →
  // Tuesday 04-16 08:00 EDT.
  { name: 'quiet hours push into a weekend, the move to sendAt lands in quiet hours again', zone: 'America/New_York', guardrails: { sendAt: '21:00' }, dueOn: '2024-04-12', expected: '2024-04-16T12:00:00.000Z', moves: ['quiet_hours', 'weekend'] },
];

describe('spec 4: each message goes out at the first instant that passes days, holidays and quiet hours', () => {
  it.each(placementCases)('$name → $expected', ({ zone, guardrails, dueOn, day, expected, moves }) => {
    const policy = policyYaml({ guardrails, cadences: [{ name: 'one', steps: [{ id: 'step', day: day ?? 0 }] }] });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1', zone)], invoices: [invoice('INV-1', 'c1', dueOn)] }),
      from: '2024-01-01T00:00:00Z',
      to: '2025-02-01T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${String(action.type)}`)).toEqual([`${expected} send`]);
    if (moves.length > 0) expect(actions[0]!.moves).toEqual(expect.arrayContaining(moves));
    else expect((actions[0]!.moves as string[] | undefined) ?? []).toEqual([]);
  });

  it('records the planned instant of a moved message', () => {
    // Saturday 2024-04-06 09:00 EDT = 13:00Z planned, Monday 04-08 13:00Z sent.
    const actions = run({
      policy: policyYaml({ cadences: oneStep }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-06')] }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-12T00:00:00Z',
    });
    expect(actions.map((action) => [action.at, action.plannedAt])).toEqual([['2024-04-08T13:00:00.000Z', '2024-04-06T13:00:00.000Z']]);
  });

  it('re-checks after every move: a catch-up at Friday 21:30 passes quiet hours, the weekend and Labor Day', () => {
    // Docs example. Disputed before its due date (Tue 2024-08-20), resolved Friday 2024-08-30
    // 21:30 EDT (2024-08-31T01:30Z): the late step starts there → quiet hours → Saturday 08:00 →
    // weekend → Monday 09-02 09:00 → Labor Day → Tuesday 09-03 09:00 EDT = 13:00Z.
    const policy = policyYaml({ guardrails: { holidays: 'US' }, cadences: oneStep });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1')],
        invoices: [invoice('INV-1', 'c1', '2024-08-20')],
        events: [
          { at: '2024-08-19T15:00:00Z', type: 'dispute', invoice: 'INV-1' },
          { at: '2024-08-31T01:30:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
        ],
      }),
      from: '2024-08-01T00:00:00Z',
      to: '2024-09-10T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${String(action.type)}`)).toEqual(['2024-09-03T13:00:00.000Z send']);
    expect(actions[0]!.moves).toEqual(expect.arrayContaining(['quiet_hours', 'weekend', 'holiday']));
  });
});

describe('spec 4 rule 4: maxSendsPerDay per customer and local date', () => {
  const sameDayData = (balances: [string, string], dueOn: [string, string] = ['2024-04-08', '2024-04-08']) =>
    data({
      customers: [customer('c1')],
      // INV-2 first in the file: the order of the data must not matter.
      invoices: [invoice('INV-2', 'c1', dueOn[1], { amount: balances[1] }), invoice('INV-1', 'c1', dueOn[0], { amount: balances[0] })],
    });

  it('consolidate: false, two messages on one date: the second goes the next day at sendAt (equal: lower invoice id first)', () => {
    const policy = policyYaml({ guardrails: { consolidate: false }, cadences: oneStep });
    expect(runLines({ policy, data: sameDayData(['500.00', '500.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-08T13:00:00.000Z send c1 INV-1:step',
      '2024-04-09T13:00:00.000Z send c1 INV-2:step',
    ]);
  });

  it('the moved message is marked daily_cap', () => {
    const policy = policyYaml({ guardrails: { consolidate: false }, cadences: oneStep });
    const actions = run({ policy, data: sameDayData(['500.00', '500.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' });
    expect(actions[1]!.moves).toEqual(expect.arrayContaining(['daily_cap']));
  });

  it('competition: the higher balance goes first', () => {
    const policy = policyYaml({ guardrails: { consolidate: false }, cadences: oneStep });
    expect(runLines({ policy, data: sameDayData(['100.00', '900.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-08T13:00:00.000Z send c1 INV-2:step',
      '2024-04-09T13:00:00.000Z send c1 INV-1:step',
    ]);
  });

  it('competition: the higher days past due goes first, before a higher balance', () => {
    // INV-2 due Mon 04-01: s0 04-01, s7 Mon 04-08 (7 days past due). INV-1 due Mon 04-08: s0
    // Mon 04-08 (0 days past due, higher balance) loses → Tue 04-09; s7 Mon 04-15.
    const policy = policyYaml({
      guardrails: { consolidate: false },
      cadences: [{ name: 'two', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }],
    });
    expect(runLines({ policy, data: sameDayData(['900.00', '100.00'], ['2024-04-08', '2024-04-01']), from: '2024-03-25T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-2:s0',
      '2024-04-08T13:00:00.000Z send c1 INV-2:s7',
      '2024-04-09T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-15T13:00:00.000Z send c1 INV-1:s7',
    ]);
  });

  it('maxSendsPerDay: 2 lets both go at sendAt', () => {
    const policy = policyYaml({ guardrails: { consolidate: false, maxSendsPerDay: 2 }, cadences: oneStep });
    expect(runLines({ policy, data: sameDayData(['500.00', '500.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-08T13:00:00.000Z send c1 INV-1:step',
      '2024-04-08T13:00:00.000Z send c1 INV-2:step',
    ]);
  });

  it('a message moved by the cap to a Saturday is moved again, to Monday', () => {
    // Both due Friday 04-12: INV-1 Friday 09:00; INV-2 → Saturday 09:00 → weekend → Monday 04-15 09:00.
    const policy = policyYaml({ guardrails: { consolidate: false }, cadences: oneStep });
    expect(runLines({ policy, data: sameDayData(['500.00', '500.00'], ['2024-04-12', '2024-04-12']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-12T13:00:00.000Z send c1 INV-1:step',
      '2024-04-15T13:00:00.000Z send c1 INV-2:step',
    ]);
  });

  it('a cap move goes to the next day at sendAt, which quiet hours may move again', () => {
    // sendAt 21:00 (inside quiet hours 20:00-08:00). Both due Mon 04-08: INV-1 Mon 21:00 →
    // Tue 08:00 EDT (12:00Z). INV-2 also reaches Tue 08:00 → cap → Wed at sendAt 21:00 → quiet
    // hours → Thu 04-11 08:00 EDT = 12:00Z.
    const policy = policyYaml({ guardrails: { consolidate: false, sendAt: '21:00' }, cadences: oneStep });
    expect(runLines({ policy, data: sameDayData(['500.00', '500.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-09T12:00:00.000Z send c1 INV-1:step',
      '2024-04-11T12:00:00.000Z send c1 INV-2:step',
    ]);
  });

  it('counts all cadences together', () => {
    // INV-1 (100.00) in segment small on cadence a, INV-2 (1000.00) in segment rest on cadence b,
    // both planned Monday 04-08 09:00: one a day; the higher balance (INV-2) first.
    const policy = policyYaml({
      guardrails: { consolidate: false },
      cadences: [
        { name: 'a', steps: [{ id: 'a0', day: 0 }] },
        { name: 'b', steps: [{ id: 'b0', day: 0 }] },
      ],
      segments: [
        { name: 'small', cadence: 'a', priority: 1, match: { 'invoice.amount': { lt: 500 } } },
        { name: 'rest', cadence: 'b', priority: 2 },
      ],
    });
    expect(runLines({ policy, data: sameDayData(['100.00', '1000.00']), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-08T13:00:00.000Z send c1 INV-2:b0',
      '2024-04-09T13:00:00.000Z send c1 INV-1:a0',
    ]);
  });

  it('counts per local date of the customer: 23:30 and 00:30 the next local day are two dates', () => {
    // Berlin customer, quietHours none, every day. INV-1 planned Monday 04-08 23:30 CEST
    // (21:30Z); INV-2 planned Tuesday 04-09 00:30 CEST (22:30Z on 04-08, the same UTC date).
    // Each is alone on its local date: both go as planned.
    const policy = policyYaml({
      guardrails: { ...openGuardrails, consolidate: false },
      cadences: [
        { name: 'late', steps: [{ id: 'late', day: 0 }], guardrails: { sendAt: '23:30' } },
        { name: 'early', steps: [{ id: 'early', day: 0 }], guardrails: { sendAt: '00:30' } },
      ],
      segments: [
        { name: 'first', cadence: 'late', priority: 1, match: { 'invoice.amount': { lt: 500 } } },
        { name: 'second', cadence: 'early', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'Europe/Berlin')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '100.00' }), invoice('INV-2', 'c1', '2024-04-09', { amount: '1000.00' })],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T21:30:00.000Z send c1 INV-1:late', '2024-04-08T22:30:00.000Z send c1 INV-2:early']);
  });
});

describe('spec 4.1: consolidation', () => {
  const twoSteps: CadenceSpec[] = [
    {
      name: 'std',
      steps: [
        { id: 's0', day: 0, template: 't-due' },
        { id: 's7', day: 7, template: 't-overdue', tone: 'confident' },
      ],
    },
  ];

  it('two invoices of one customer on one local date: one message, template and tone of the highest day, both steps gone out', () => {
    // INV-1 due Mon 04-01: s0 04-01, s7 Mon 04-08. INV-2 due Mon 04-08: s0 Mon 04-08, s7 04-15.
    // On 04-08 one message at 09:00 EDT with INV-1:s7 (day 7: t-overdue, confident) + INV-2:s0.
    const policy = policyYaml({ cadences: twoSteps });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-2', 'c1', '2024-04-08'), invoice('INV-1', 'c1', '2024-04-01')] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-20T00:00:00Z',
    });
    expect(lines(actions)).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-08T13:00:00.000Z send c1 INV-1:s7+INV-2:s0',
      '2024-04-15T13:00:00.000Z send c1 INV-2:s7',
    ]);
    const merged = actions[1]!;
    expect([...(merged.invoices as string[])].sort()).toEqual(['INV-1', 'INV-2']);
    expect(merged.template).toBe('t-overdue');
    expect(merged.tone).toBe('confident');
    expect(merged.to).toEqual(['ap@c1.example']);
  });

  it('the merged message goes at the earliest of the instants', () => {
    // Segment late (1+ days past due) sends at 09:00, segment current at 11:00 (segment
    // guardrails). On Mon 04-08: INV-1:s7 at 09:00 (late) and INV-2:s0 at 11:00 (current) →
    // one message at 09:00 EDT = 13:00Z. INV-1:s0 on Mon 04-01 (current): 11:00 EDT = 15:00Z;
    // INV-2:s7 on Mon 04-15 (late): 13:00Z.
    const policy = policyYaml({
      cadences: twoSteps,
      segments: [
        { name: 'current', cadence: 'std', priority: 1, match: { 'invoice.daysPastDue': { lte: 0 } }, guardrails: { sendAt: '11:00' } },
        { name: 'late', cadence: 'std', priority: 2, guardrails: { sendAt: '09:00' } },
      ],
    });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01'), invoice('INV-2', 'c1', '2024-04-08')] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-20T00:00:00Z',
    });
    expect(lines(actions)).toEqual([
      '2024-04-01T15:00:00.000Z send c1 INV-1:s0',
      '2024-04-08T13:00:00.000Z send c1 INV-1:s7+INV-2:s0',
      '2024-04-15T13:00:00.000Z send c1 INV-2:s7',
    ]);
    expect(actions[1]!.template).toBe('t-overdue');
  });

  it('a tie on day takes the template and tone of the first invoice by id', () => {
    // Cadence a (day 7, template tmpl-a, formal) governs INV-2; cadence b (day 7, tmpl-b,
    // confident) governs INV-1. Both due Mon 04-01 → Mon 04-08: INV-1 comes first → tmpl-b.
    const policy = policyYaml({
      cadences: [
        { name: 'a', steps: [{ id: 'a7', day: 7, template: 'tmpl-a', tone: 'formal' }] },
        { name: 'b', steps: [{ id: 'b7', day: 7, template: 'tmpl-b', tone: 'confident' }] },
      ],
      segments: [
        { name: 'small', cadence: 'b', priority: 1, match: { 'invoice.amount': { lt: 500 } } },
        { name: 'rest', cadence: 'a', priority: 2 },
      ],
    });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1')],
        invoices: [invoice('INV-2', 'c1', '2024-04-01', { amount: '1000.00' }), invoice('INV-1', 'c1', '2024-04-01', { amount: '100.00' })],
      }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-20T00:00:00Z',
    });
    expect(lines(actions)).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:b7+INV-2:a7']);
    expect([actions[0]!.template, actions[0]!.tone]).toEqual(['tmpl-b', 'confident']);
  });

  it('a catch-up at the quiet-hours end merges with a later step of that date, at the earlier instant', () => {
    // INV-1 (due Mon 04-08) paused until Thu 04-11: late, first allowed 08:00 EDT (12:00Z).
    // INV-2 due Thu 04-11 at 09:00 EDT. One message at 12:00Z.
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-11')],
          events: [{ at: '2024-04-05T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-11' }],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-11T12:00:00.000Z send c1 INV-1:step+INV-2:step']);
  });

  it.each([
    // A merged message counts once: with maxSendsPerDay 2 the late INV-3 still goes Monday at
    // 14:00 EDT (18:00Z); with 1 it waits for Tuesday 09:00.
    { max: 2, expected: ['2024-04-08T13:00:00.000Z send c1 INV-1:step+INV-2:step', '2024-04-08T18:00:00.000Z send c1 INV-3:step'] },
    { max: 1, expected: ['2024-04-08T13:00:00.000Z send c1 INV-1:step+INV-2:step', '2024-04-09T13:00:00.000Z send c1 INV-3:step'] },
  ])('a merged message counts once toward maxSendsPerDay $max', ({ max, expected }) => {
    const policy = policyYaml({ guardrails: { maxSendsPerDay: max }, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08'), invoice('INV-3', 'c1', '2024-04-05')],
          events: [
            { at: '2024-04-01T12:00:00Z', type: 'dispute', invoice: 'INV-3' },
            { at: '2024-04-08T18:00:00Z', type: 'dispute_resolved', invoice: 'INV-3' },
          ],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('a consolidated message counts once toward maxSendsPerDay: three invoices, one message', () => {
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08'), invoice('INV-3', 'c1', '2024-04-08')],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:step+INV-2:step+INV-3:step']);
  });

  it('a message that the cap moves to another day merges again there', () => {
    // INV-1 due Mon 04-08: sent 09:00 EDT. INV-2 due Fri 04-05, disputed since 04-01, resolved
    // Mon 04-08 14:00 EDT (18:00Z): its late step cannot join the message already gone, the cap
    // (1) moves it to Tue 04-09 09:00, where it merges with INV-3's due-date step.
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-05'), invoice('INV-3', 'c1', '2024-04-09')],
          events: [
            { at: '2024-04-01T12:00:00Z', type: 'dispute', invoice: 'INV-2' },
            { at: '2024-04-08T18:00:00Z', type: 'dispute_resolved', invoice: 'INV-2' },
          ],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:step', '2024-04-09T13:00:00.000Z send c1 INV-2:step+INV-3:step']);
  });

  it('messages of different customers are never merged', () => {
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1'), customer('c2')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:step', '2024-04-08T13:00:00.000Z send c2 INV-2:step']);
  });
});

describe('spec 3.9: shadow mode', () => {
  const cadences: CadenceSpec[] = [{ name: 'two', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }];
  const shadowData = data({
    customers: [customer('c1')],
    invoices: [invoice('INV-1', 'c1', '2024-04-06')],
  });

  it.each(['autopilot', 'shadow'] as const)('%s: the same instants (weekend moves included)', (mode) => {
    // Due Sat 04-06: s0 → Mon 04-08 09:00 EDT; s7 Sat 04-13 → Mon 04-15 09:00 EDT.
    const type = mode === 'shadow' ? 'draft' : 'send';
    const policy = policyYaml({ cadences, segments: [{ name: 'all', cadence: 'two', mode }] });
    expect(runLines({ policy, data: shadowData, from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      `2024-04-08T13:00:00.000Z ${type} c1 INV-1:s0`,
      `2024-04-15T13:00:00.000Z ${type} c1 INV-1:s7`,
    ]);
  });

  it('drafts count toward maxSendsPerDay (documented choice)', () => {
    const policy = policyYaml({ guardrails: { consolidate: false }, cadences: oneStep, segments: [{ name: 'all', cadence: 'one', mode: 'shadow' }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:step', '2024-04-09T13:00:00.000Z draft c1 INV-2:step']);
  });

  it('drafts in shadow mode consolidate among themselves', () => {
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'all', cadence: 'one', mode: 'shadow' }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:step+INV-2:step']);
  });

  it('a draft and a send count together toward maxSendsPerDay (documented choice)', () => {
    // INV-1 (900.00, shadow) and INV-2 (100.00, autopilot), same customer, both Monday,
    // maxSendsPerDay 1: the higher balance (the draft) Monday, the send Tuesday.
    const policy = policyYaml({
      cadences: oneStep,
      segments: [
        { name: 'review', cadence: 'one', priority: 1, mode: 'shadow', match: { 'invoice.amount': { gt: 500 } } },
        { name: 'auto', cadence: 'one', priority: 2, mode: 'autopilot' },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '900.00' }), invoice('INV-2', 'c1', '2024-04-08', { amount: '100.00' })] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:step', '2024-04-09T13:00:00.000Z send c1 INV-2:step']);
  });

  it('tasks and escalations stay tasks and escalations in shadow mode', () => {
    // Due Mon 04-08: s0 Monday, call Tuesday, escalation Wednesday, 09:00 EDT.
    const policy = policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 'call', day: 1, action: 'task', assignTo: 'operator' }], escalations: [{ id: 'esc', day: 2, assignTo: 'ar_manager' }] }],
      segments: [{ name: 'review', cadence: 'std', mode: 'shadow' }],
    });
    expect(
      runLines({ policy, data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')] }), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' }),
    ).toEqual([
      '2024-04-08T13:00:00.000Z draft c1 INV-1:s0',
      '2024-04-09T13:00:00.000Z task c1 INV-1 call->operator',
      '2024-04-10T13:00:00.000Z escalate c1 INV-1 esc->ar_manager',
    ]);
  });

  it('a draft and a send are not merged (documented choice), and nothing is sent for the shadow invoice', () => {
    // INV-1 (100.00) in shadow segment, INV-2 (1000.00) on autopilot, same customer and day,
    // maxSendsPerDay 2: one draft and one send at 09:00 EDT.
    const policy = policyYaml({
      guardrails: { maxSendsPerDay: 2 },
      cadences: oneStep,
      segments: [
        { name: 'review', cadence: 'one', priority: 1, mode: 'shadow', match: { 'invoice.amount': { lt: 500 } } },
        { name: 'auto', cadence: 'one', priority: 2, mode: 'autopilot' },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '100.00' }), invoice('INV-2', 'c1', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:step', '2024-04-08T13:00:00.000Z send c1 INV-2:step']);
  });
});
