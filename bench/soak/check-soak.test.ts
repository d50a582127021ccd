// The soak's checks on small, hand-made evidence: each must catch what it is there for, and
// pass what is allowed (a resend inside a kill's window, a message picked up a tick late).
import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from '../../src/core/policy/load-policy-bundle.ts';
import type { Policy } from '../../src/core/policy/policy-model.ts';
import { checkNoDuplicate, checkNothingLost } from './check-delivery.ts';
import { checkCaps, checkQuietHours } from './check-guardrails.ts';
import { checkMemory } from './check-memory.ts';
import type { SoakEvidence, SoakMessage } from './soak-evidence.ts';

const policyText = `kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: growth
guardrails:
  quietHours: { from: "20:00", to: "08:00" }
  days: [mon, tue, wed, thu, fri]
  maxSendsPerDay: 1
senders:
  - domain: ar.example
    warmupStart: 2026-03-01
    warmupRamp: [2]
---
kind: Cadence
name: c
steps:
  - { id: due, day: 0, template: t }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Segment
name: all
cadence: c
mode: autopilot
sendCap: 3
`;

function loadPolicy(): Policy {
  const result = loadPolicyBundle([{ path: 'policy.yaml', text: policyText }]);
  if (!result.policy) throw new Error(JSON.stringify(result.issues));
  return result.policy;
}

// The clock runs at wall speed from 2026-03-02 00:00 UTC (a Monday): wall and simulated agree.
const startAt = Date.parse('2026-03-02T00:00:00Z');
const at = (iso: string) => Date.parse(iso);

function message(id: number, overrides: Partial<SoakMessage> = {}): SoakMessage {
  return {
    workspaceId: 'ws', id, key: `send:c${id}:INV-${id}/c/due`, kind: 'send', status: 'sent', statusReason: null, customerId: `c${id}`, invoiceIds: [`INV-${id}`],
    notBefore: at('2026-03-02T09:00:00Z'), nextAttemptAt: at('2026-03-02T09:00:00Z'), leaseUntil: null, messageId: `m${id}@ar.example`, sendingDomain: 'ar.example', attempts: 1, segment: 'all',
    ...overrides,
  };
}

function evidence(input: { messages: SoakMessage[]; received: { id: number; at: string; messageId?: string }[]; overrides?: Partial<SoakEvidence> }): SoakEvidence {
  return {
    clock: { startAt, anchorWallMs: startAt, speed: 1 },
    startedWallAt: startAt,
    stoppedWallAt: at('2026-03-03T00:00:00Z'),
    tickMs: 1_000,
    leaseMs: 60_000,
    workspaces: [{ id: 'ws', policy: loadPolicy(), customerTimeZones: new Map([['c1', 'Europe/Berlin'], ['c2', 'Asia/Tokyo'], ['c3', 'America/New_York']]), plannedThrough: at('2026-03-03T00:00:00Z') }],
    messages: input.messages,
    received: input.received.map((record) => ({ messageId: `<${record.messageId ?? `m${record.id}@ar.example`}>`, plixoRef: `ws/${record.id}`, to: ['ap@customer.example'], wallAt: at(record.at) })),
    kills: [],
    workers: [],
    parentSamples: [],
    events: [],
    outage: null,
    backlog: [],
    logProblems: [],
    ...input.overrides,
  };
}

describe('no duplicate', () => {
  it('fails on a second copy that no kill explains, and passes one sent again after a kill inside its window', () => {
    const messages = [message(1)];
    const received = [{ id: 1, at: '2026-03-02T09:00:01Z' }, { id: 1, at: '2026-03-02T09:30:00Z' }];
    expect(checkNoDuplicate(evidence({ messages, received })).ok).toBe(false);
    const killed = evidence({ messages, received, overrides: { kills: [{ wallAt: at('2026-03-02T09:00:02Z'), workerNumber: 2, pid: 42, inWindow: ['<m1@ar.example>'] }] } });
    const result = checkNoDuplicate(killed);
    expect(result.ok).toBe(true);
    expect(result.summary).toContain('1 resent after a kill');
  });

  it('fails on a message received that no outbox holds', () => {
    expect(checkNoDuplicate(evidence({ messages: [message(1)], received: [{ id: 7, at: '2026-03-02T09:00:01Z', messageId: 'stray@ar.example' }] })).ok).toBe(false);
  });
});

describe('nothing lost', () => {
  it('passes sent-and-received, withdrawn with a reason and queued for later', () => {
    const messages = [
      message(1),
      message(2, { status: 'withdrawn', statusReason: 'invoice INV-2 is paid' }),
      message(3, { status: 'queued', notBefore: at('2026-03-04T09:00:00Z'), nextAttemptAt: at('2026-03-04T09:00:00Z') }),
    ];
    expect(checkNothingLost(evidence({ messages, received: [{ id: 1, at: '2026-03-02T09:00:01Z' }] })).ok).toBe(true);
  });

  it('fails on a message recorded sent that never arrived, one queued past its time, and one sending past its lease', () => {
    const lateQueued = message(2, { status: 'queued', notBefore: at('2026-03-02T10:00:00Z'), nextAttemptAt: at('2026-03-02T10:00:00Z') });
    const stuck = message(3, { status: 'sending', leaseUntil: at('2026-03-02T11:00:00Z') });
    for (const messages of [[message(1)], [lateQueued], [stuck]]) {
      expect(checkNothingLost(evidence({ messages, received: [] })).ok).toBe(false);
    }
  });

  it('fails when an organisation was not planned up to the end', () => {
    const lagging = evidence({ messages: [], received: [] });
    lagging.workspaces[0]!.plannedThrough = at('2026-03-02T12:00:00Z');
    expect(checkNothingLost(lagging).ok).toBe(false);
  });
});

describe('caps held', () => {
  it('counts a customer’s messages per local day in the customer’s zone', () => {
    // 2026-03-02 23:30 and 2026-03-03 00:30 UTC are both 3 March in Tokyo (+09:00): two on one day.
    const tokyo = [message(1, { customerId: 'c2', notBefore: at('2026-03-02T10:00:00Z') }), message(2, { customerId: 'c2', notBefore: at('2026-03-02T10:30:00Z') })];
    const tokyoReceived = [{ id: 1, at: '2026-03-02T23:30:00Z' }, { id: 2, at: '2026-03-03T00:30:00Z' }];
    expect(checkCaps(evidence({ messages: tokyo, received: tokyoReceived, overrides: { stoppedWallAt: at('2026-03-04T00:00:00Z') } })).ok).toBe(false);
    // The same instants are 2 and 3 March in Berlin (+01:00): one a day.
    const berlin = [message(1, { customerId: 'c1', notBefore: at('2026-03-02T10:00:00Z') }), message(2, { customerId: 'c1', notBefore: at('2026-03-03T10:00:00Z') })];
    const berlinReceived = [{ id: 1, at: '2026-03-02T20:30:00Z' }, { id: 2, at: '2026-03-03T00:30:00Z' }];
    expect(checkCaps(evidence({ messages: berlin, received: berlinReceived, overrides: { stoppedWallAt: at('2026-03-04T00:00:00Z') } })).ok).toBe(true);
  });

  it('fails a domain past its warm-up cap and a segment past its sendCap on one workspace day', () => {
    const three = [1, 2, 3].map((id) => message(id, { customerId: ['c1', 'c2', 'c3'][id - 1]! }));
    const received = [1, 2, 3].map((id) => ({ id, at: `2026-03-02T1${id}:00:00Z` }));
    const result = checkCaps(evidence({ messages: three, received }));
    expect(result.ok).toBe(false);
    expect(result.details.join('\n')).toContain('domain ar.example');
  });
});

describe('quiet hours held', () => {
  it('fails a message received inside the customer’s quiet hours long after its time', () => {
    // Planned 10:00 Berlin, received 21:00 Berlin (an outage's backlog going out at night).
    const result = checkQuietHours(evidence({ messages: [message(1, { notBefore: at('2026-03-02T09:00:00Z') })], received: [{ id: 1, at: '2026-03-02T20:00:00Z' }] }));
    expect(result.ok).toBe(false);
  });

  it('passes a message planned just before quiet hours and picked up a tick later', () => {
    // 19:58 Berlin planned, 20:03 received: within the pick-up tolerance (15 s of wall time × speed 1 is too short, so speed 60).
    const late = evidence({ messages: [message(1, { notBefore: at('2026-03-02T18:58:00Z') })], received: [{ id: 1, at: '2026-03-02T19:03:00Z' }] });
    late.clock = { ...late.clock, speed: 60 };
    late.received[0]!.wallAt = startAt + (at('2026-03-02T19:03:00Z') - startAt) / 60;
    expect(checkQuietHours(late).ok).toBe(true);
  });

  it('fails a message received on a day without sending', () => {
    // Saturday 7 March, 10:00 Berlin.
    const result = checkQuietHours(evidence({ messages: [message(1, { notBefore: at('2026-03-06T09:00:00Z') })], received: [{ id: 1, at: '2026-03-07T09:00:00Z' }] }));
    expect(result.ok).toBe(false);
  });
});

describe('memory flat', () => {
  const worker = (growth: number) => ({
    number: 1, pid: 42, startedWallAt: startAt, endedWallAt: null, ending: 'stopped' as const, exitDetail: null, killable: false,
    samples: Array.from({ length: 30 }, (_, index) => ({ wallAt: startAt + 60_000 + index * 10_000, rssBytes: 200 * 1024 * 1024 * (1 + (growth * index) / 29) })),
  });
  const run = (growth: number) =>
    checkMemory(evidence({ messages: [], received: [], overrides: { stoppedWallAt: startAt + 6 * 60_000, workers: [worker(growth)], parentSamples: worker(0).samples } }));

  it('passes a worker whose memory stays level and fails one that keeps growing', () => {
    expect(run(0.05).ok).toBe(true);
    expect(run(0.5).ok).toBe(false);
  });

  it('fails when no worker lived long enough to be judged', () => {
    expect(checkMemory(evidence({ messages: [], received: [], overrides: { stoppedWallAt: startAt + 6 * 60_000 } })).ok).toBe(false);
  });
});
