import { describe, expect, it } from 'vitest';
import { customer, data, invoice, lines, policyYaml, run, runLines, type CadenceSpec, type CustomerRecord, type InvoiceRecord } from '../testing/engine-spec-fixtures.ts';

// Spec 4 rule 5 (segment sendCap, warm-up), 4.2 (warm-up ramp) and the competition order: higher
// days past due, then higher balance, then lower invoice id. Both caps count days in the
// workspace's zone (New York here). Every customer has one invoice, so maxSendsPerDay and
// consolidation play no part. 2024-04-08 is a Monday; 09:00 EDT = 13:00Z.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];

function manyCustomers(count: number, dueOn: string): { customers: CustomerRecord[]; invoices: InvoiceRecord[] } {
  const ids = Array.from({ length: count }, (_unused, index) => String(index + 1).padStart(2, '0'));
  return {
    customers: ids.map((id) => customer(`c${id}`)),
    invoices: ids.map((id) => invoice(`INV-${id}`, `c${id}`, dueOn)),
  };
}

describe('spec 4 rule 5: segment sendCap', () => {
  it('competition: higher days past due first, then higher balance; the loser moves to the next day at sendAt', () => {
    // sendCap 2, steps c0 (day 0) and l3 (day 3). Monday 04-08: INV-1:c0 (0 days, 100.00),
    // INV-2:l3 (due Fri 04-05: 3 days, 50.00), INV-3:c0 (0 days, 900.00) → INV-2 and INV-3 go,
    // INV-1 moves to Tuesday. Friday 04-05 and Thursday 04-11 stay within the cap.
    const policy = policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 'c0', day: 0 }, { id: 'l3', day: 3 }] }],
      segments: [{ name: 'capped', cadence: 'std', sendCap: 2 }],
    });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1'), customer('c2'), customer('c3')],
        invoices: [
          invoice('INV-1', 'c1', '2024-04-08', { amount: '100.00' }),
          invoice('INV-2', 'c2', '2024-04-05', { amount: '50.00' }),
          invoice('INV-3', 'c3', '2024-04-08', { amount: '900.00' }),
        ],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(lines(actions)).toEqual([
      '2024-04-05T13:00:00.000Z send c2 INV-2:c0',
      '2024-04-08T13:00:00.000Z send c2 INV-2:l3',
      '2024-04-08T13:00:00.000Z send c3 INV-3:c0',
      '2024-04-09T13:00:00.000Z send c1 INV-1:c0',
      '2024-04-11T13:00:00.000Z send c1 INV-1:l3',
      '2024-04-11T13:00:00.000Z send c3 INV-3:l3',
    ]);
    expect(actions.find((action) => action.customer === 'c1')!.moves).toEqual(expect.arrayContaining(['segment_cap']));
  });

  it('ties on days past due and balance: the lower invoice id first, day after day', () => {
    // sendCap 1, three equal invoices due Mon 04-08; invoice ids run opposite to customer ids.
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'capped', cadence: 'one', sendCap: 1 }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2'), customer('c3')],
          invoices: [invoice('INV-3', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-1', 'c3', '2024-04-08')],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c3 INV-1:s0', '2024-04-09T13:00:00.000Z send c2 INV-2:s0', '2024-04-10T13:00:00.000Z send c1 INV-3:s0']);
  });

  it('a message moved to the next day competes again there, with its days past due on that day', () => {
    // sendCap 1. Monday: INV-2 and INV-3 (both 500.00, 0 days) → INV-2; INV-3 moves to Tuesday.
    // Tuesday: INV-3 (1 day past due, 500.00) against INV-1 (due Tuesday: 0 days, 900.00) →
    // INV-3 first; INV-1 moves to Wednesday.
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'capped', cadence: 'one', sendCap: 1 }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2'), customer('c3')],
          invoices: [
            invoice('INV-2', 'c1', '2024-04-08', { amount: '500.00' }),
            invoice('INV-3', 'c2', '2024-04-08', { amount: '500.00' }),
            invoice('INV-1', 'c3', '2024-04-09', { amount: '900.00' }),
          ],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-2:s0', '2024-04-09T13:00:00.000Z send c2 INV-3:s0', '2024-04-10T13:00:00.000Z send c3 INV-1:s0']);
  });

  it.each([
    // c1: INV-1 due Mon 04-15 (0 days, 100.00) and INV-2 due Mon 04-08 known Mon 04-15 08:00 EDT
    // (12:00Z; 7 days, 50.00) → one message at 12:00Z competing with 7 days past due.
    // c2: INV-3 known at 12:00Z too, 5 days past due (due Wed 04-10): loses, Tue 09:00 EDT.
    {
      name: 'with 7 days it beats 5 days',
      inv3DueOn: '2024-04-10',
      expected: ['2024-04-15T12:00:00.000Z send c1 INV-1:s0+INV-2:s0', '2024-04-16T13:00:00.000Z send c2 INV-3:s0'],
    },
    // INV-3 due Sat 04-06: 9 days past due, it wins; c1's merged message moves to Tuesday as one.
    {
      name: 'with 7 days it loses to 9 days',
      inv3DueOn: '2024-04-06',
      expected: ['2024-04-15T12:00:00.000Z send c2 INV-3:s0', '2024-04-16T13:00:00.000Z send c1 INV-1:s0+INV-2:s0'],
    },
  ])('a consolidated message competes with its highest days past due: $name', ({ inv3DueOn, expected }) => {
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'capped', cadence: 'one', sendCap: 1 }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2')],
          invoices: [
            invoice('INV-1', 'c1', '2024-04-15', { amount: '100.00' }),
            invoice('INV-2', 'c1', '2024-04-08', { amount: '50.00', knownAt: '2024-04-15T12:00:00Z' }),
            invoice('INV-3', 'c2', inv3DueOn, { amount: '900.00', knownAt: '2024-04-15T12:00:00Z' }),
          ],
        }),
        from: '2024-04-14T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('a consolidated message counts once toward the segment cap', () => {
    // sendCap 2: c1's two invoices make one message, c2's one: all go Monday.
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'capped', cadence: 'one', sendCap: 2 }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c1', '2024-04-08'), invoice('INV-3', 'c2', '2024-04-08')],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0+INV-2:s0', '2024-04-08T13:00:00.000Z send c2 INV-3:s0']);
  });

  it('the cap is per segment: another segment does not count', () => {
    // capped (sendCap 1) holds c1 and c2; free holds c3.
    const policy = policyYaml({
      cadences: oneStep,
      segments: [
        { name: 'capped', cadence: 'one', priority: 1, sendCap: 1, match: { 'customer.id': { in: ['c1', 'c2'] } } },
        { name: 'free', cadence: 'one', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2'), customer('c3')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-3', 'c3', '2024-04-08')],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c3 INV-3:s0', '2024-04-09T13:00:00.000Z send c2 INV-2:s0']);
  });

  it("days are counted in the workspace zone: a Chatham Wednesday message competes on New York's Tuesday", () => {
    // sendCap 1, steps d0 and d9. Chatham INV-A due Mon 04-01: d0 Mon 04-01 09:00 +13:45 =
    // 03-31T19:15Z; d9 Wed 04-10 09:00 +12:45 = 04-09T20:15Z, which is Tuesday 16:15 in New
    // York. NY INV-B due Tue 04-09: d0 Tue 09:00 EDT = 13:00Z, 0 days past due. On New York's
    // Tuesday INV-A (9 days past due) goes first; INV-B moves to Wed 04-10 09:00 EDT.
    const policy = policyYaml({
      cadences: [{ name: 'std', steps: [{ id: 'd0', day: 0 }, { id: 'd9', day: 9 }] }],
      segments: [{ name: 'capped', cadence: 'std', sendCap: 1 }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('ca', 'Pacific/Chatham'), customer('cb', 'America/New_York')],
          invoices: [invoice('INV-A', 'ca', '2024-04-01'), invoice('INV-B', 'cb', '2024-04-09')],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-12T00:00:00Z',
      }),
    ).toEqual(['2024-03-31T19:15:00.000Z send ca INV-A:d0', '2024-04-09T20:15:00.000Z send ca INV-A:d9', '2024-04-10T13:00:00.000Z send cb INV-B:d0']);
  });

  it('drafts count toward the segment cap (documented choice)', () => {
    const policy = policyYaml({ cadences: oneStep, segments: [{ name: 'review', cadence: 'one', mode: 'shadow', sendCap: 1 }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1'), customer('c2')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:s0', '2024-04-09T13:00:00.000Z draft c2 INV-2:s0']);
  });
});

describe('spec 4.2: warm-up of the sending domain', () => {
  const count = (actions: Record<string, unknown>[], at: string) => actions.filter((action) => action.at === at).length;

  it.each([
    // 04-08 is warmupStart: week 1, 50 a day. The 51st (the highest id) moves to Tuesday.
    { name: 'week 1 (warmupStart that day): 50 a day', warmupStart: '2024-04-08', monday: 50 },
    // 04-08 is the seventh day from 04-02: still week 1.
    { name: 'the last day of week 1: 50', warmupStart: '2024-04-02', monday: 50 },
    // 04-08 is the eighth day from 04-01: week 2, 100 a day.
    { name: 'the first day of week 2: 100', warmupStart: '2024-04-01', monday: 51 },
    // Documented choice: a day before warmupStart counts as week 1.
    { name: 'a day before warmupStart counts as week 1', warmupStart: '2024-04-09', monday: 50 },
  ])('$name', ({ warmupStart, monday }) => {
    const policy = policyYaml({ senders: [{ domain: 'ar.acme.example', warmupStart }], cadences: oneStep });
    const actions = run({ policy, data: data(manyCustomers(51, '2024-04-08')), from: '2024-04-01T00:00:00Z', to: '2024-04-13T00:00:00Z' });
    expect(actions).toHaveLength(51);
    expect(count(actions, '2024-04-08T13:00:00.000Z')).toBe(monday);
    if (monday === 50) {
      const moved = actions.filter((action) => action.at === '2024-04-09T13:00:00.000Z');
      expect(lines(moved)).toEqual(['2024-04-09T13:00:00.000Z send c51 INV-51:s0']);
      expect(moved[0]!.moves).toEqual(expect.arrayContaining(['warmup']));
    }
  });

  it('a sender without warmupStart has no warm-up cap', () => {
    const policy = policyYaml({ senders: [{ domain: 'ar.acme.example' }], cadences: oneStep });
    const actions = run({ policy, data: data(manyCustomers(51, '2024-04-08')), from: '2024-04-01T00:00:00Z', to: '2024-04-13T00:00:00Z' });
    expect(count(actions, '2024-04-08T13:00:00.000Z')).toBe(51);
  });

  it('a custom ramp (documented choice): [2, 3] from Thursday 04-04, then no cap', () => {
    // Nine equal invoices due Mon 04-08 (day 5 of week 1): Mon 2, Tue 2, Wed 2 (cap 2, lowest
    // ids first), Thu 04-11 starts week 2 (cap 3): the last 3.
    const policy = policyYaml({ senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-04', warmupRamp: [2, 3] }], cadences: oneStep });
    expect(runLines({ policy, data: data(manyCustomers(9, '2024-04-08')), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' })).toEqual([
      '2024-04-08T13:00:00.000Z send c01 INV-01:s0',
      '2024-04-08T13:00:00.000Z send c02 INV-02:s0',
      '2024-04-09T13:00:00.000Z send c03 INV-03:s0',
      '2024-04-09T13:00:00.000Z send c04 INV-04:s0',
      '2024-04-10T13:00:00.000Z send c05 INV-05:s0',
      '2024-04-10T13:00:00.000Z send c06 INV-06:s0',
      '2024-04-11T13:00:00.000Z send c07 INV-07:s0',
      '2024-04-11T13:00:00.000Z send c08 INV-08:s0',
      '2024-04-11T13:00:00.000Z send c09 INV-09:s0',
    ]);
  });

  it('after the last week of the ramp there is no cap', () => {
    // Ramp [2] from Mon 04-01: Mon 04-08 is in week 2, past the ramp.
    const policy = policyYaml({ senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-01', warmupRamp: [2] }], cadences: oneStep });
    const actions = run({ policy, data: data(manyCustomers(9, '2024-04-08')), from: '2024-04-01T00:00:00Z', to: '2024-04-20T00:00:00Z' });
    expect(count(actions, '2024-04-08T13:00:00.000Z')).toBe(9);
  });

  it.each([
    // Spec 4.2: messages go out through the first of the workspace's senders.
    { name: 'the first sender warms up: capped', senders: [{ domain: 'new.acme.example', warmupStart: '2024-04-08', warmupRamp: [1] }, { domain: 'old.acme.example' }], segmentSender: undefined, capped: true },
    { name: 'the first sender does not warm up: not capped', senders: [{ domain: 'old.acme.example' }, { domain: 'new.acme.example', warmupStart: '2024-04-08', warmupRamp: [1] }], segmentSender: undefined, capped: false },
    // policy-format.md: a segment may name another of the workspace's senders.
    { name: 'a segment that names the other sender: not capped', senders: [{ domain: 'new.acme.example', warmupStart: '2024-04-08', warmupRamp: [1] }, { domain: 'old.acme.example' }], segmentSender: 'old.acme.example', capped: false },
  ])('which sender warms up: $name', ({ senders, segmentSender, capped }) => {
    const policy = policyYaml({ senders, cadences: oneStep, segments: [{ name: 'all', cadence: 'one', ...(segmentSender ? { sender: segmentSender } : {}) }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1'), customer('c2')], invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08')] }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(
      capped
        ? ['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-09T13:00:00.000Z send c2 INV-2:s0']
        : ['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c2 INV-2:s0'],
    );
  });

  it("warm-up days are counted in the workspace zone (New York's Tuesday holds a Chatham Wednesday message)", () => {
    // Ramp [1, 1] from Mon 04-08 (New York days). As in the sendCap case: INV-A:d9 at Wed 04-10
    // 09:00 Chatham = Tue 04-09 20:15Z (New York Tuesday, 9 days past due) beats INV-B:d0 (Tue
    // 09:00 EDT, 0 days), which moves to Wed 04-10 09:00 EDT. INV-A:d0 (03-31T19:15Z) is alone
    // on its day (before warmupStart: week 1).
    const policy = policyYaml({
      senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-08', warmupRamp: [1, 1] }],
      cadences: [{ name: 'std', steps: [{ id: 'd0', day: 0 }, { id: 'd9', day: 9 }] }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('ca', 'Pacific/Chatham'), customer('cb', 'America/New_York')],
          invoices: [invoice('INV-A', 'ca', '2024-04-01'), invoice('INV-B', 'cb', '2024-04-09')],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-12T00:00:00Z',
      }),
    ).toEqual(['2024-03-31T19:15:00.000Z send ca INV-A:d0', '2024-04-09T20:15:00.000Z send ca INV-A:d9', '2024-04-10T13:00:00.000Z send cb INV-B:d0']);
  });

  it('drafts count toward the warm-up cap and compete with sends (documented choice)', () => {
    // Ramp [1] from 04-08. INV-1 (900.00, shadow) and INV-2 (100.00, autopilot), both due Monday:
    // the higher balance (the draft) goes Monday, the send Tuesday.
    const policy = policyYaml({
      senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-08', warmupRamp: [1] }],
      cadences: oneStep,
      segments: [
        { name: 'review', cadence: 'one', priority: 1, mode: 'shadow', match: { 'customer.id': { eq: 'c1' } } },
        { name: 'auto', cadence: 'one', priority: 2, mode: 'autopilot' },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08', { amount: '900.00' }), invoice('INV-2', 'c2', '2024-04-08', { amount: '100.00' })],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z draft c1 INV-1:s0', '2024-04-09T13:00:00.000Z send c2 INV-2:s0']);
  });

  it('the warm-up counts all segments of the domain together', () => {
    // Ramp [2] from 04-08; two segments, three equal invoices: the two lowest ids Monday.
    const policy = policyYaml({
      senders: [{ domain: 'ar.acme.example', warmupStart: '2024-04-08', warmupRamp: [2] }],
      cadences: oneStep,
      segments: [
        { name: 'first', cadence: 'one', priority: 1, match: { 'customer.id': { eq: 'c3' } } },
        { name: 'second', cadence: 'one', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2'), customer('c3')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-3', 'c3', '2024-04-08')],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-13T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T13:00:00.000Z send c1 INV-1:s0', '2024-04-08T13:00:00.000Z send c2 INV-2:s0', '2024-04-09T13:00:00.000Z send c3 INV-3:s0']);
  });
});
