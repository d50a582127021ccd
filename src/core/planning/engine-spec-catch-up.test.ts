import { describe, expect, it } from 'vitest';
import { customer, data, invoice, policyYaml, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec 3.3 (catch-up), with the docs' example: a customer in New York, steps due (day 0),
// overdue-1 (7), overdue-2 (14) and final (30), an invoice due Friday 2024-03-01, disputed on
// 28 February. Planned: due Fri 03-01, overdue-1 Fri 03-08, overdue-2 Fri 03-15 (09:00 EST =
// 14:00Z, 09:00 EDT = 13:00Z from 03-10 on), final Sun 03-31 → Mon 04-01 09:00 EDT = 13:00Z.
// Skips are expected at the instant e the invoice becomes eligible, where the decision is made.

const cadences: CadenceSpec[] = [
  {
    name: 'standard',
    steps: [
      { id: 'due', day: 0 },
      { id: 'overdue-1', day: 7 },
      { id: 'overdue-2', day: 14 },
      { id: 'final', day: 30 },
    ],
  },
];

function disputed(resolvedAt: string) {
  return data({
    customers: [customer('c1')],
    invoices: [invoice('INV-1', 'c1', '2024-03-01')],
    events: [
      { at: '2024-02-28T15:00:00Z', type: 'dispute', invoice: 'INV-1' },
      { at: resolvedAt, type: 'dispute_resolved', invoice: 'INV-1' },
    ],
  });
}

function simulate(catchUp: string, resolvedAt: string, extra: { guardrails?: Record<string, unknown>; cadences?: CadenceSpec[] } = {}) {
  const policy = policyYaml({ guardrails: { catchUp, ...extra.guardrails }, cadences: extra.cadences ?? cadences });
  return runLines({ policy, data: disputed(resolvedAt), from: '2024-02-20T00:00:00Z', to: '2024-04-05T00:00:00Z' });
}

describe('spec 3.3: catchUp latest', () => {
  it('sends only the late step with the highest day at e; the others are superseded', () => {
    // Resolved Wed 03-20 14:00 EDT = 18:00Z: overdue-2 goes then; final goes as planned.
    expect(simulate('latest', '2024-03-20T18:00:00Z')).toEqual([
      '2024-03-20T18:00:00.000Z send c1 INV-1:overdue-2',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:due superseded',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:overdue-1 superseded',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('is the default', () => {
    const policy = policyYaml({ cadences });
    expect(runLines({ policy, data: disputed('2024-03-20T18:00:00Z'), from: '2024-02-20T00:00:00Z', to: '2024-04-05T00:00:00Z' })).toEqual([
      '2024-03-20T18:00:00.000Z send c1 INV-1:overdue-2',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:due superseded',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:overdue-1 superseded',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('the first allowed instant at or after e may be the quiet-hours end, not sendAt', () => {
    // Resolved Wed 03-20 06:00 EDT (10:00Z), inside quiet hours 20:00-08:00 → 08:00 EDT = 12:00Z.
    expect(simulate('latest', '2024-03-20T10:00:00Z')).toEqual([
      '2024-03-20T10:00:00.000Z skip c1 INV-1:due superseded',
      '2024-03-20T10:00:00.000Z skip c1 INV-1:overdue-1 superseded',
      '2024-03-20T12:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('a late step planned for the same instant as e is late too (at or before e)', () => {
    // Resolved exactly at overdue-2's planned instant, Fri 03-15 09:00 EDT = 13:00Z.
    expect(simulate('latest', '2024-03-15T13:00:00Z')).toEqual([
      '2024-03-15T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-03-15T13:00:00.000Z skip c1 INV-1:due superseded',
      '2024-03-15T13:00:00.000Z skip c1 INV-1:overdue-1 superseded',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('a step that went out or was skipped never goes out again: a second dispute only catches up the new late step', () => {
    // First known Wed 04-10 11:00 EDT (15:00Z) on an invoice due Mon 04-01 (s0 04-01, s7 04-08,
    // s14 04-15, s21 04-22): s7 goes at 15:00Z, s0 is superseded. Disputed again from Thu 04-11
    // to Tue 04-16 14:00 EDT (18:00Z): only s14 is late → 18:00Z. s21 Mon 04-22 09:00 EDT.
    const policy = policyYaml({
      cadences: [{ name: 'weekly', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }, { id: 's21', day: 21 }] }],
    });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01', { knownAt: '2024-04-10T15:00:00Z' })],
          events: [
            { at: '2024-04-11T15:00:00Z', type: 'dispute', invoice: 'INV-1' },
            { at: '2024-04-16T18:00:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-25T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-10T15:00:00.000Z send c1 INV-1:s7',
      '2024-04-10T15:00:00.000Z skip c1 INV-1:s0 superseded',
      '2024-04-16T18:00:00.000Z send c1 INV-1:s14',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s21',
    ]);
  });
});

describe('spec 3.3: catchUp sequential', () => {
  it('one late step per allowed day: the first at e, the next ones at sendAt', () => {
    // Resolved Wed 03-20 18:00Z: due then, overdue-1 Thu 03-21 09:00 EDT, overdue-2 Fri 03-22.
    expect(simulate('sequential', '2024-03-20T18:00:00Z')).toEqual([
      '2024-03-20T18:00:00.000Z send c1 INV-1:due',
      '2024-03-21T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('the following allowed day skips the weekend', () => {
    // Resolved Thu 03-21 14:00 EDT: due Thu 18:00Z, overdue-1 Fri 03-22, overdue-2 Mon 03-25.
    expect(simulate('sequential', '2024-03-21T18:00:00Z')).toEqual([
      '2024-03-21T18:00:00.000Z send c1 INV-1:due',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-25T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('the first late step may go at the quiet-hours end', () => {
    // Resolved Wed 03-20 06:00 EDT → due at 08:00 EDT (12:00Z); then Thu and Fri at 09:00.
    expect(simulate('sequential', '2024-03-20T10:00:00Z')).toEqual([
      '2024-03-20T12:00:00.000Z send c1 INV-1:due',
      '2024-03-21T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('a later step waits until the late ones have gone', () => {
    // Step mid (day 20) is planned Thu 03-21 09:00 EDT, after e (Wed 03-20 18:00Z), so it is not
    // late, but it waits for overdue-2 (Fri 03-22 09:00). Friday's one send is used
    // (consolidate: false, maxSendsPerDay 1): mid goes Monday 03-25 09:00 EDT = 13:00Z.
    const withMid: CadenceSpec[] = [
      {
        name: 'standard',
        steps: [
          { id: 'due', day: 0 },
          { id: 'overdue-1', day: 7 },
          { id: 'overdue-2', day: 14 },
          { id: 'mid', day: 20 },
          { id: 'final', day: 30 },
        ],
      },
    ];
    expect(simulate('sequential', '2024-03-20T18:00:00Z', { cadences: withMid, guardrails: { consolidate: false } })).toEqual([
      '2024-03-20T18:00:00.000Z send c1 INV-1:due',
      '2024-03-21T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-03-25T13:00:00.000Z send c1 INV-1:mid',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('the following allowed day skips a holiday', () => {
    // holidays US. Due Fri 06-14: due 06-14, overdue-1 06-21, overdue-2 06-28 (all during the
    // dispute), final Sun 07-14 → Mon 07-15. Resolved Wed 07-03 14:00 EDT (18:00Z): due then,
    // overdue-1 Thu 07-04 is Independence Day → Fri 07-05, overdue-2 Mon 07-08.
    const policy = policyYaml({ guardrails: { catchUp: 'sequential', holidays: 'US' }, cadences });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-06-14')],
          events: [
            { at: '2024-06-13T15:00:00Z', type: 'dispute', invoice: 'INV-1' },
            { at: '2024-07-03T18:00:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
          ],
        }),
        from: '2024-06-01T00:00:00Z',
        to: '2024-07-20T00:00:00Z',
      }),
    ).toEqual([
      '2024-07-03T18:00:00.000Z send c1 INV-1:due',
      '2024-07-05T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-07-08T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-07-15T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('two invoices of one customer catch up in step, one consolidated message a day', () => {
    // Both due Mon 04-01 (a0 04-01, a1 04-02, a2 04-03); the customer is paused from 03-29 until
    // Thu 04-04 (00:00 EDT = 04:00Z). Day one at the quiet-hours end 08:00 EDT (12:00Z), then
    // Fri 04-05 and Mon 04-08 at 09:00 EDT; each day one message for both invoices.
    const policy = policyYaml({ guardrails: { catchUp: 'sequential' }, cadences: [{ name: 'abc', steps: [{ id: 'a0', day: 0 }, { id: 'a1', day: 1 }, { id: 'a2', day: 2 }] }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01'), invoice('INV-2', 'c1', '2024-04-01')],
          events: [{ at: '2024-03-29T12:00:00Z', type: 'pause', customer: 'c1', until: '2024-04-04' }],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-15T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-04T12:00:00.000Z send c1 INV-1:a0+INV-2:a0',
      '2024-04-05T13:00:00.000Z send c1 INV-1:a1+INV-2:a1',
      '2024-04-08T13:00:00.000Z send c1 INV-1:a2+INV-2:a2',
    ]);
  });

  it('set on a segment, it overrides the workspace (latest)', () => {
    const policy = policyYaml({
      guardrails: { catchUp: 'latest' },
      cadences,
      segments: [{ name: 'all', cadence: 'standard', guardrails: { catchUp: 'sequential' } }],
    });
    expect(runLines({ policy, data: disputed('2024-03-20T18:00:00Z'), from: '2024-02-20T00:00:00Z', to: '2024-04-05T00:00:00Z' })).toEqual([
      '2024-03-20T18:00:00.000Z send c1 INV-1:due',
      '2024-03-21T13:00:00.000Z send c1 INV-1:overdue-1',
      '2024-03-22T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });
});

describe('spec 3.3: e is when the invoice becomes eligible, all reasons considered', () => {
  it('a dispute resolved during a pause: catch-up when the pause ends', () => {
    // Due Mon 04-01 (s0, s7 04-08, s14 04-15). Disputed 04-05, paused 04-06 until 04-20,
    // dispute resolved 04-12 (still paused). Eligible at Sat 04-20 00:00 EDT (04:00Z): s7
    // superseded, s14 → Monday 04-22 09:00 EDT.
    const policy = policyYaml({ cadences: [{ name: 'weekly', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }] }] });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [
            { at: '2024-04-05T14:00:00Z', type: 'dispute', invoice: 'INV-1' },
            { at: '2024-04-06T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-20' },
            { at: '2024-04-12T14:00:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-25T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-20T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
    ]);
  });
});

describe('spec 3.3: catchUp skip', () => {
  it('skips late steps planned before the local date of e (reason late)', () => {
    expect(simulate('skip', '2024-03-20T18:00:00Z')).toEqual([
      '2024-03-20T18:00:00.000Z skip c1 INV-1:due late',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:overdue-1 late',
      '2024-03-20T18:00:00.000Z skip c1 INV-1:overdue-2 late',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('a late step planned for the same local date still goes out', () => {
    // Resolved Fri 03-15 14:00 EDT (18:00Z): overdue-2 (planned 03-15 09:00) goes at 14:00.
    expect(simulate('skip', '2024-03-15T18:00:00Z')).toEqual([
      '2024-03-15T18:00:00.000Z send c1 INV-1:overdue-2',
      '2024-03-15T18:00:00.000Z skip c1 INV-1:due late',
      '2024-03-15T18:00:00.000Z skip c1 INV-1:overdue-1 late',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });

  it('the same local date is the customer date: 01:30Z on 03-16 is still 03-15 in New York', () => {
    // Resolved Fri 03-15 21:30 EDT (03-16T01:30Z): overdue-2's date is e's local date, so it is
    // not skipped; quiet hours → Sat 08:00 → weekend → Mon 03-18 09:00 EDT = 13:00Z.
    expect(simulate('skip', '2024-03-16T01:30:00Z')).toEqual([
      '2024-03-16T01:30:00.000Z skip c1 INV-1:due late',
      '2024-03-16T01:30:00.000Z skip c1 INV-1:overdue-1 late',
      '2024-03-18T13:00:00.000Z send c1 INV-1:overdue-2',
      '2024-04-01T13:00:00.000Z send c1 INV-1:final',
    ]);
  });
});

describe('spec 3.1/3.3: an invoice first known after its steps were planned', () => {
  const weekly: CadenceSpec[] = [{ name: 'weekly', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }] }];
  // Due Mon 04-01: s0 04-01, s7 04-08, s14 Mon 04-15 09:00 EDT. Known Wed 04-10 11:00 EDT (15:00Z).
  const expected = [
    '2024-04-10T15:00:00.000Z send c1 INV-1:s7',
    '2024-04-10T15:00:00.000Z skip c1 INV-1:s0 superseded',
    '2024-04-15T13:00:00.000Z send c1 INV-1:s14',
  ];

  it('knownAt later than the start: catch-up at knownAt', () => {
    const policy = policyYaml({ cadences: weekly });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01', { knownAt: '2024-04-10T15:00:00Z' })] }),
        from: '2024-03-01T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('knownAt defaults to the simulation start', () => {
    const policy = policyYaml({ cadences: weekly });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
        from: '2024-04-10T15:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual(expected);
  });

  it('known on a Saturday: the late step waits for Monday at sendAt', () => {
    // Steps s0 (Mon 04-01), s7 (Mon 04-08), s21 (Mon 04-22). Known Sat 04-13 12:00 EDT (16:00Z):
    // s0 and s7 are late; s0 is superseded at e, s7 goes at the first allowed instant at or after
    // e: Saturday → Monday 04-15 09:00 EDT = 13:00Z. s21 as planned.
    const policy = policyYaml({ cadences: [{ name: 'weekly', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's21', day: 21 }] }] });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01', { knownAt: '2024-04-13T16:00:00Z' })] }),
        from: '2024-03-01T00:00:00Z',
        to: '2024-04-25T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-13T16:00:00.000Z skip c1 INV-1:s0 superseded',
      '2024-04-15T13:00:00.000Z send c1 INV-1:s7',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s21',
    ]);
  });
});
