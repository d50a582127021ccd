import { describe, expect, it } from 'vitest';
import { customer, data, everyDay, invoice, openGuardrails, policyYaml, runLines, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Engine review: cases derived by hand from /work/shared/spec/policy-v1.md. Each UTC instant was
// converted from the local time with `new Date('…±hh:mm').toISOString()` or Intl, never read off
// the engine's output.
//
// - `describe('divergence: …')` blocks FAIL on the current engine: each is a real difference
//   from the spec (the report names the cause, file:line, and a fix).
// - `describe('covered now: …')` blocks PASS: tricky cases no earlier test covered, kept to pin
//   the behaviour down.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's', day: 0 }] }];

describe('divergence: spec 2 + rule 3, a quiet-hours end inside the fall-back overlap', () => {
  // New York, Sunday 2024-11-03: 01:00-02:00 happens twice (EDT 05:00Z-06:00Z, then EST
  // 06:00Z-07:00Z). The invoice is disputed until a resolution inside the *second* 01:xx, i.e.
  // e is already after the first occurrence of the quiet-hours end `to`. Spec 4: "the first
  // instant at or after p that passes all of these" and spec 3.3: "at the first allowed instant
  // at or after e". The earlier occurrence of `to` (spec 2) lies before e, so it is not allowed;
  // the answer is the second occurrence, in EST (-05:00).
  const policy = (to: string) =>
    policyYaml({ guardrails: { days: everyDay, holidays: 'none', quietHours: { from: '20:00', to } }, cadences: oneStep });
  const disputedUntil = (resolvedAt: string) =>
    data({
      customers: [customer('c1')],
      invoices: [invoice('INV-1', 'c1', '2024-11-01')],
      events: [
        { at: '2024-10-25T00:00:00Z', type: 'dispute', invoice: 'INV-1' },
        { at: resolvedAt, type: 'dispute_resolved', invoice: 'INV-1' },
      ],
    });

  it('e = 01:05 EST (06:05Z), quiet until 01:50: the message goes at 01:50 EST = 06:50Z, never before e', () => {
    // 06:05Z = 01:05 EST (second occurrence), inside [20:00, 01:50). 01:50 EST = 06:50Z.
    // (01:50 EDT = 05:50Z is before the dispute was resolved: nothing may go then.)
    const actions = runLines({ policy: policy('01:50'), data: disputedUntil('2024-11-03T06:05:00Z'), from: '2024-10-20T00:00:00Z', to: '2024-11-10T00:00:00Z' });
    expect(actions).toEqual(['2024-11-03T06:50:00.000Z send c1 INV-1:s']);
  });

  it('e = 01:10:30 EST (06:10:30Z), quiet until 01:30: the message goes at 01:30:00 EST = 06:30:00Z exactly', () => {
    // The first instant at or after e whose local time is not inside [20:00, 01:30) is 01:30:00
    // EST = 06:30:00.000Z, not 06:30:30.
    const actions = runLines({ policy: policy('01:30'), data: disputedUntil('2024-11-03T06:10:30Z'), from: '2024-10-20T00:00:00Z', to: '2024-11-10T00:00:00Z' });
    expect(actions).toEqual(['2024-11-03T06:30:00.000Z send c1 INV-1:s']);
  });
});

describe('divergence: segments are re-evaluated when days past due cross a fractional `between` bound', () => {
  it('between [0, 2.5]: the invoice leaves the segment at 3 days past due, not 4', () => {
    // New York, invoice due Mon 2024-04-01; start 04-01 12:00Z (08:00 EDT, 0 days past due).
    // `fresh` (cadence a) matches 0 ≤ dpd ≤ 2.5; `rest` (cadence b) matches everything else.
    // a0: Mon 04-01 09:00 EDT = 13:00Z. At Thu 04-04 00:00 EDT = 04:00Z the invoice is 3 days
    // past due (3 > 2.5): it moves to `rest`, i.e. becomes eligible under cadence b (documented
    // choice). b1 (planned Tue 04-02 09:00) is late: first allowed instant at or after 04:00Z is
    // the quiet-hours end, Thu 08:00 EDT = 12:00Z. b10: Thu 04-11 09:00 EDT = 13:00Z.
    const policy = policyYaml({
      cadences: [
        { name: 'a', steps: [{ id: 'a0', day: 0 }] },
        { name: 'b', steps: [{ id: 'b1', day: 1 }, { id: 'b10', day: 10 }] },
      ],
      segments: [
        { name: 'fresh', cadence: 'a', priority: 1, match: { 'invoice.daysPastDue': { between: [0, 2.5] } } },
        { name: 'rest', cadence: 'b', priority: 2 },
      ],
    });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
        from: '2024-04-01T12:00:00Z',
        to: '2024-04-15T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:a0',
      '2024-04-04T12:00:00.000Z send c1 INV-1:b1',
      '2024-04-11T13:00:00.000Z send c1 INV-1:b10',
    ]);
  });
});

describe('covered now (passes): DST and odd offsets at the edges of pauses and quiet hours', () => {
  it('Lord Howe: a quiet-hours end inside the 30-minute repeated half hour, e in the second occurrence', () => {
    // 2024-04-07 Lord Howe: 02:00 (+11:00) → 01:30 (+10:30); 01:30-02:00 happens twice.
    // Resolved 2024-04-06T15:05Z = 01:35 (+10:30, second occurrence), quiet [20:00, 01:50):
    // 01:50 +11:00 = 14:50Z is before e, so 01:50 +10:30 = 15:20Z.
    const policy = policyYaml({ guardrails: { days: everyDay, holidays: 'none', quietHours: { from: '20:00', to: '01:50' } }, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'Australia/Lord_Howe')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01', { currency: 'AUD' })],
          events: [
            { at: '2024-03-28T00:00:00Z', type: 'dispute', invoice: 'INV-1' },
            { at: '2024-04-06T15:05:00Z', type: 'dispute_resolved', invoice: 'INV-1' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-15T00:00:00Z',
      }),
    ).toEqual(['2024-04-06T15:20:00.000Z send c1 INV-1:s']);
  });

  it('Santiago: a pause `until` a date whose midnight does not exist ends at the first local moment, 01:00 -03 = 04:00Z', () => {
    // 2024-09-08 America/Santiago: 00:00 -04 jumps to 01:00 -03 (04:00Z). Step planned Fri 09-06
    // inside the pause; open guardrails: the catch-up goes at e itself.
    const policy = policyYaml({ guardrails: openGuardrails, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'America/Santiago')],
          invoices: [invoice('INV-1', 'c1', '2024-09-06', { currency: 'CLP', amount: '100000' })],
          events: [{ at: '2024-09-01T00:00:00Z', type: 'pause', customer: 'c1', until: '2024-09-08' }],
        }),
        from: '2024-09-01T00:00:00Z',
        to: '2024-09-20T00:00:00Z',
      }),
    ).toEqual(['2024-09-08T04:00:00.000Z send c1 INV-1:s']);
  });

  it('Havana: a reply pause ending on a date whose midnight happens twice ends at the first 00:00 (04:00Z)', () => {
    // 2024-11-03 America/Havana: 01:00 CDT (-04) falls back to 00:00 CST (-05); 00:00 happens at
    // 04:00Z and 05:00Z, the earlier wins. Reply Thu 10-31 12:00 local (16:00Z), replyPauseDays 3
    // → until the start of 11-03. The day-0 step (Fri 11-01) is late; open guardrails.
    const policy = policyYaml({ guardrails: openGuardrails, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1', 'America/Havana')],
          invoices: [invoice('INV-1', 'c1', '2024-11-01')],
          events: [{ at: '2024-10-31T16:00:00Z', type: 'reply', customer: 'c1' }],
        }),
        from: '2024-10-20T00:00:00Z',
        to: '2024-11-20T00:00:00Z',
      }),
    ).toEqual(['2024-10-31T16:00:00.000Z task c1 INV-1 reply->operator', '2024-11-03T04:00:00.000Z send c1 INV-1:s']);
  });

  it("St John's: a sendAt in the spring-forward gap moves forward by the gap (02:30 → 03:30 NDT = 06:00Z)", () => {
    const policy = policyYaml({ guardrails: { ...openGuardrails, sendAt: '02:30' }, cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({ customers: [customer('c1', 'America/St_Johns')], invoices: [invoice('INV-1', 'c1', '2024-03-10', { currency: 'CAD' })] }),
        from: '2024-03-01T00:00:00Z',
        to: '2024-03-20T00:00:00Z',
      }),
    ).toEqual(['2024-03-10T06:00:00.000Z send c1 INV-1:s']);
  });
});

describe('covered now (passes): events that overlap', () => {
  // New York (EDT), default guardrails, invoice due Mon 2024-04-01: s0 04-01, s7 Mon 04-08,
  // s14 Mon 04-15, s28 Mon 04-29, all 09:00 EDT = 13:00Z.
  const cadences: CadenceSpec[] = [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }, { id: 's14', day: 14 }, { id: 's28', day: 28 }] }];

  it('a promise made and broken while the invoice is paused: the task at the deadline, the catch-up at the pause end', () => {
    // Paused from Fri 04-05 until 2024-04-20 (Sat 00:00 EDT = 04:00Z). Promise on Wed 04-10 for
    // Fri 04-12, grace 1: ends Sun 04-14 00:00 EDT = 04:00Z, nothing paid → promise_broken then.
    // The pause still holds; at Sat 04-20 04:00Z s7 and s14 are late: s7 superseded, s14 goes at
    // the first allowed instant, Mon 04-22 09:00 EDT = 13:00Z.
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [
            { at: '2024-04-05T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-20' },
            { at: '2024-04-10T12:00:00Z', type: 'promise', invoice: 'INV-1', amount: '1000.00', on: '2024-04-12' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-05-01T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-14T04:00:00.000Z task c1 INV-1 promise_broken->operator',
      '2024-04-20T04:00:00.000Z skip c1 INV-1:s7 superseded',
      '2024-04-22T13:00:00.000Z send c1 INV-1:s14',
      '2024-04-29T13:00:00.000Z send c1 INV-1:s28',
    ]);
  });

  it('a reply during a customer pause: the task at once; the reply pause outlasts the pause', () => {
    // Paused Fri 04-05 until 2024-04-10 (Wed 04:00Z). Reply Tue 04-09 12:00Z (08:00 EDT): reply
    // pause until the start of 04-12 = Fri 04:00Z. s7 (Mon 04-08) is late then → quiet hours →
    // Fri 08:00 EDT = 12:00Z. s14 Mon 04-15 13:00Z.
    const policy = policyYaml({ cadences });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1')],
          invoices: [invoice('INV-1', 'c1', '2024-04-01')],
          events: [
            { at: '2024-04-05T12:00:00Z', type: 'pause', customer: 'c1', until: '2024-04-10' },
            { at: '2024-04-09T12:00:00Z', type: 'reply', customer: 'c1' },
          ],
        }),
        from: '2024-03-25T00:00:00Z',
        to: '2024-04-20T00:00:00Z',
      }),
    ).toEqual([
      '2024-04-01T13:00:00.000Z send c1 INV-1:s0',
      '2024-04-09T12:00:00.000Z task c1 INV-1 reply->operator',
      '2024-04-12T12:00:00.000Z send c1 INV-1:s7',
      '2024-04-15T13:00:00.000Z send c1 INV-1:s14',
    ]);
  });

  it('overlapping maintenance windows, one announced after it started: nothing until the later end', () => {
    // Window A (announced 04-01): 04-08 12:00Z-14:00Z. Window B, announced at 04-08 13:30Z for
    // 07:00Z-16:00Z (already running). Berlin c2: 09:00 CEST = 07:00Z, sent before anyone knew
    // of B (nothing can be unsent). New York c1: 09:00 EDT = 13:00Z is inside A; when A ends
    // (14:00Z) B holds; the step goes at B's end, 16:00Z = 12:00 EDT (allowed).
    const policy = policyYaml({ cadences: oneStep });
    expect(
      runLines({
        policy,
        data: data({
          customers: [customer('c1'), customer('c2', 'Europe/Berlin')],
          invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08', { currency: 'EUR' })],
          events: [
            { at: '2024-04-01T00:00:00Z', type: 'maintenance', from: '2024-04-08T12:00:00Z', to: '2024-04-08T14:00:00Z' },
            { at: '2024-04-08T13:30:00Z', type: 'maintenance', from: '2024-04-08T07:00:00Z', to: '2024-04-08T16:00:00Z' },
          ],
        }),
        from: '2024-04-01T00:00:00Z',
        to: '2024-04-12T00:00:00Z',
      }),
    ).toEqual(['2024-04-08T07:00:00.000Z send c2 INV-2:s', '2024-04-08T16:00:00.000Z send c1 INV-1:s']);
  });
});
