import { describe, expect, it } from 'vitest';
import { customer, data, invoice, openGuardrails, policyYaml, run, runLines } from '../testing/engine-spec-fixtures.ts';

// Spec section 2 (Time). Every expected instant is derived by hand: the local date
// dueOn + day at sendAt in the customer's zone (else the workspace's), converted to UTC with the
// zone's offset on that date. The guardrails are opened (every day, no quiet hours, no holidays)
// so the planned instant is what goes out.

interface PlannedCase {
  name: string;
  workspaceZone?: string;
  customerZone?: string;
  dueOn: string;
  day: number;
  sendAt: string;
  expected: string;
}

const plannedCases: PlannedCase[] = [
  // 2024-03-31 + 7 = 2024-04-07 (offsets are inclusive: the due date is day 0); CEST +02:00.
  { name: 'Berlin summer, day 7 counted from the due date', customerZone: 'Europe/Berlin', dueOn: '2024-03-31', day: 7, sendAt: '09:00', expected: '2024-04-07T07:00:00.000Z' },
  // CET +01:00 in January.
  { name: 'Berlin winter, due date', customerZone: 'Europe/Berlin', dueOn: '2024-01-10', day: 0, sendAt: '09:00', expected: '2024-01-10T08:00:00.000Z' },
  // 2024-03-31 - 3 = 2024-03-28, still CET (+01:00): the offset of the planned date, not of the due date.
  { name: 'Berlin day -3 before the DST change', customerZone: 'Europe/Berlin', dueOn: '2024-03-31', day: -3, sendAt: '09:00', expected: '2024-03-28T08:00:00.000Z' },
  // 02:30 on 2024-03-31 does not exist in Berlin (02:00 CET -> 03:00 CEST): 03:30 CEST = 01:30Z.
  { name: 'Berlin spring-forward gap moves by the gap', customerZone: 'Europe/Berlin', dueOn: '2024-03-31', day: 0, sendAt: '02:30', expected: '2024-03-31T01:30:00.000Z' },
  // 2024-10-20 + 7 = 2024-10-27; 02:30 happens at 00:30Z (CEST) and 01:30Z (CET): the earlier.
  { name: 'Berlin repeated hour takes the earlier instant', customerZone: 'Europe/Berlin', dueOn: '2024-10-20', day: 7, sendAt: '02:30', expected: '2024-10-27T00:30:00.000Z' },
  // 02:30 on 2024-03-10 does not exist in New York: 03:30 EDT (-04:00) = 07:30Z.
  { name: 'New York spring-forward gap', customerZone: 'America/New_York', dueOn: '2024-03-10', day: 0, sendAt: '02:30', expected: '2024-03-10T07:30:00.000Z' },
  // 2024-11-01 + 2 = 2024-11-03; 01:30 happens at 05:30Z (EDT) and 06:30Z (EST): the earlier.
  { name: 'New York repeated hour takes the earlier instant', customerZone: 'America/New_York', dueOn: '2024-11-01', day: 2, sendAt: '01:30', expected: '2024-11-03T05:30:00.000Z' },
  // 2024-03-03 + 7 = 2024-03-10, after the switch at 02:00: 09:00 EDT = 13:00Z.
  { name: 'New York 09:00 on the spring-forward day', customerZone: 'America/New_York', dueOn: '2024-03-03', day: 7, sendAt: '09:00', expected: '2024-03-10T13:00:00.000Z' },
  // 2024-11-03 after the switch: 09:00 EST = 14:00Z.
  { name: 'New York 09:00 on the fall-back day', customerZone: 'America/New_York', dueOn: '2024-11-03', day: 0, sendAt: '09:00', expected: '2024-11-03T14:00:00.000Z' },
  // Chatham summer time is UTC+13:45: 09:00 on 15 January = 19:15Z on 14 January.
  { name: 'Pacific/Chatham at UTC+13:45', customerZone: 'Pacific/Chatham', dueOn: '2024-01-15', day: 0, sendAt: '09:00', expected: '2024-01-14T19:15:00.000Z' },
  // 2024-05-25 + 7 = 2024-06-01; Kathmandu is UTC+05:45.
  { name: 'Asia/Kathmandu at UTC+05:45', customerZone: 'Asia/Kathmandu', dueOn: '2024-05-25', day: 7, sendAt: '09:00', expected: '2024-06-01T03:15:00.000Z' },
  // Kiritimati is UTC+14: the local date is a day ahead of the UTC date.
  { name: 'Pacific/Kiritimati at UTC+14', customerZone: 'Pacific/Kiritimati', dueOn: '2024-06-01', day: 0, sendAt: '09:00', expected: '2024-05-31T19:00:00.000Z' },
  // Honolulu is UTC-10.
  { name: 'Pacific/Honolulu at UTC-10', customerZone: 'Pacific/Honolulu', dueOn: '2024-06-01', day: 0, sendAt: '09:00', expected: '2024-06-01T19:00:00.000Z' },
  // No customer zone: the workspace's (Tokyo, +09:00).
  { name: 'the workspace zone when the customer has none', workspaceZone: 'Asia/Tokyo', dueOn: '2024-04-08', day: 0, sendAt: '09:00', expected: '2024-04-08T00:00:00.000Z' },
  // A customer zone wins over the workspace's: 09:00 EDT = 13:00Z.
  { name: "the customer's zone over the workspace's", workspaceZone: 'Asia/Tokyo', customerZone: 'America/New_York', dueOn: '2024-04-08', day: 0, sendAt: '09:00', expected: '2024-04-08T13:00:00.000Z' },
  // 2024-02-25 + 4 = 2024-02-29 (leap year); EST -05:00.
  { name: 'an offset that lands on a leap day', customerZone: 'America/New_York', dueOn: '2024-02-25', day: 4, sendAt: '09:00', expected: '2024-02-29T14:00:00.000Z' },
  // 2024-12-28 + 7 = 2025-01-04.
  { name: 'an offset across the new year', customerZone: 'America/New_York', dueOn: '2024-12-28', day: 7, sendAt: '09:00', expected: '2025-01-04T14:00:00.000Z' },
  // 2024-03-02 - 3 = 2024-02-28.
  { name: 'a negative offset across a month end', customerZone: 'America/New_York', dueOn: '2024-03-02', day: -3, sendAt: '09:00', expected: '2024-02-28T14:00:00.000Z' },
  // Chatham leaves summer time on 2024-04-07 at 03:45 (+13:45) back to 02:45 (+12:45): 03:00
  // happens twice, at 13:15Z and 14:15Z on 04-06; the earlier.
  { name: 'Chatham repeated 45-minute-offset hour', customerZone: 'Pacific/Chatham', dueOn: '2024-04-07', day: 0, sendAt: '03:00', expected: '2024-04-06T13:15:00.000Z' },
  // Chatham enters summer time on 2024-09-29 at 02:45 → 03:45: 03:00 is in the one-hour gap →
  // 04:00 +13:45 = 14:15Z on 09-28.
  { name: 'Chatham spring-forward gap', customerZone: 'Pacific/Chatham', dueOn: '2024-09-29', day: 0, sendAt: '03:00', expected: '2024-09-28T14:15:00.000Z' },
  // Lord Howe moves its clocks by 30 minutes: 02:00 → 02:30 on 2024-10-06. 02:15 moves forward by
  // the gap's length (30 minutes) → 02:45 +11:00 = 15:45Z on 10-05.
  { name: 'Lord Howe 30-minute gap', customerZone: 'Australia/Lord_Howe', dueOn: '2024-10-06', day: 0, sendAt: '02:15', expected: '2024-10-05T15:45:00.000Z' },
  // Lord Howe 2024-04-07: 02:00 (+11:00) → 01:30 (+10:30); 01:45 happens at 14:45Z and 15:15Z.
  { name: 'Lord Howe repeated half hour', customerZone: 'Australia/Lord_Howe', dueOn: '2024-04-07', day: 0, sendAt: '01:45', expected: '2024-04-06T14:45:00.000Z' },
  // sendAt other than 09:00: 16:45 CEST = 14:45Z.
  { name: 'a sendAt with minutes', customerZone: 'Europe/Berlin', dueOn: '2024-06-10', day: 1, sendAt: '16:45', expected: '2024-06-11T14:45:00.000Z' },
];

describe('spec 2: the planned instant is dueOn + day at sendAt in the customer zone', () => {
  it.each(plannedCases)('$name → $expected', ({ workspaceZone, customerZone, dueOn, day, sendAt, expected }) => {
    const policy = policyYaml({
      timezone: workspaceZone ?? 'America/New_York',
      guardrails: { ...openGuardrails, sendAt },
      cadences: [{ name: 'one', steps: [{ id: 'step', day }] }],
    });
    const actions = run({
      policy,
      data: data({ customers: [customer('c1', customerZone)], invoices: [invoice('INV-1', 'c1', dueOn)] }),
      from: '2023-12-01T00:00:00Z',
      to: '2025-02-01T00:00:00Z',
    });
    expect(actions.map((action) => [action.at, action.type, action.customer, action.invoices])).toEqual([[expected, 'send', 'c1', ['INV-1']]]);
    expect(actions[0]!.steps).toEqual([{ invoice: 'INV-1', cadence: 'one', step: 'step' }]);
  });
});

describe('spec 2: unusual local times', () => {
  it('a quiet-hours end that falls in the spring-forward gap moves forward by the gap', () => {
    // Berlin, 2024-03-31: sendAt 01:30 CET (00:30Z) is inside quiet hours 01:00-02:30; their end,
    // 02:30, does not exist that night, so it becomes 03:30 CEST = 01:30Z.
    const policy = policyYaml({
      timezone: 'Europe/Berlin',
      guardrails: { ...openGuardrails, sendAt: '01:30', quietHours: { from: '01:00', to: '02:30' } },
      cadences: [{ name: 'one', steps: [{ id: 'step', day: 0 }] }],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-03-31', { currency: 'EUR' })] }),
        from: '2024-03-01T00:00:00Z',
        to: '2024-04-05T00:00:00Z',
      }),
    ).toEqual(['2024-03-31T01:30:00.000Z send c1 INV-1:step']);
  });

  it('weekdays are those of the customer zone: Monday in Chatham is Sunday in UTC', () => {
    // Due Saturday 2024-01-13 in Chatham; with the default days (mon-fri) the message waits for
    // Monday 2024-01-15 09:00 +13:45 = 2024-01-14T19:15Z (a Sunday in UTC).
    const policy = policyYaml({ timezone: 'America/New_York', cadences: [{ name: 'one', steps: [{ id: 'step', day: 0 }] }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1', 'Pacific/Chatham')], invoices: [invoice('INV-1', 'c1', '2024-01-13', { currency: 'NZD' })] }),
        from: '2024-01-01T00:00:00Z',
        to: '2024-01-20T00:00:00Z',
      }),
    ).toEqual(['2024-01-14T19:15:00.000Z send c1 INV-1:step']);
  });

  it('the example cadence of the docs in Berlin: inclusive offsets, weekends and both DST offsets', () => {
    // Due Sunday 2024-03-31. heads-up: 03-28 09:00 CET = 08:00Z. due: Sunday → Monday 04-01
    // 09:00 CEST = 07:00Z. overdue-1: 04-07 (Sunday) → Monday 04-08 09:00 CEST = 07:00Z.
    const policy = policyYaml({
      timezone: 'America/New_York',
      cadences: [
        {
          name: 'standard',
          steps: [
            { id: 'heads-up', day: -3 },
            { id: 'due', day: 0 },
            { id: 'overdue-1', day: 7 },
          ],
        },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1', 'Europe/Berlin')], invoices: [invoice('INV-1', 'c1', '2024-03-31', { currency: 'EUR' })] }),
        from: '2024-03-01T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual(['2024-03-28T08:00:00.000Z send c1 INV-1:heads-up', '2024-04-01T07:00:00.000Z send c1 INV-1:due', '2024-04-08T07:00:00.000Z send c1 INV-1:overdue-1']);
  });

  it('days past due change at the customer local midnight (segment matching on daysPastDue)', () => {
    // An invoice due 2024-03-31 becomes known at 2024-04-07T23:30Z: already 8 days past due in
    // Berlin (01:30 on 04-08), still 7 in New York (19:30 on 04-07). Only invoices 8+ days past
    // due have a segment. Berlin: matches at once, its late step goes at the known instant
    // (open guardrails). New York: matches from its local midnight, 2024-04-08T04:00Z, and the
    // late step goes then (documented choice: a segment change counts as becoming eligible).
    const policy = policyYaml({
      guardrails: openGuardrails,
      cadences: [{ name: 'firm', steps: [{ id: 'firm', day: 0 }] }],
      segments: [{ name: 'aged', cadence: 'firm', match: { 'invoice.daysPastDue': { gte: 8 } } }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c-berlin', 'Europe/Berlin'), customer('c-ny', 'America/New_York')],
          invoices: [
            invoice('INV-B', 'c-berlin', '2024-03-31', { knownAt: '2024-04-07T23:30:00Z' }),
            invoice('INV-N', 'c-ny', '2024-03-31', { knownAt: '2024-04-07T23:30:00Z' }),
          ],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-10T00:00:00Z',
      }),
    ).toEqual(['2024-04-07T23:30:00.000Z send c-berlin INV-B:firm', '2024-04-08T04:00:00.000Z send c-ny INV-N:firm']);
  });
});
