import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { sendNudge } from '../messages/send-nudge.ts';
import { planWorkspace } from '../plan-workspace.ts';
import { publishPolicyVersion } from '../policies/publish-policy-version.ts';
import type { PolicyFile, Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { listSegments } from './measure-segment-health.ts';
import { setSegmentMode } from './set-segment-mode.ts';

// The Autopilot switch and its gates, the publish coverage gate, and nudges, over a real SQLite store.

const now = Date.UTC(2026, 11, 2, 12); // Wednesday; 13:00 in Berlin, where the customers are
const hour = 3_600_000;
const ana: Actor = { kind: 'user', id: 'u1', label: 'ana@acme.example', role: 'ar_manager' };
const carla: Actor = { kind: 'user', id: 'u2', label: 'carla@acme.example', role: 'controller' };
const sam: Actor = { kind: 'user', id: 'u3', label: 'sam@acme.example', role: 'sales' };

const segments = `kind: Segment
name: smb
priority: 10
match:
  customer.tags: { includes: smb }
cadence: standard
mode: shadow
---
kind: Segment
name: everyone
priority: 1000
cadence: standard
mode: shadow
`;
const cadence = `kind: Cadence
name: standard
tone: neutral
steps:
  - { id: due, day: 0, template: reminder }
  - { id: late, day: 7, template: firm }
`;
const templates = `kind: Template
name: reminder
subject: "Invoice {invoice_number} is due"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Template
name: firm
subject: "Invoice {invoice_number} is overdue"
body: "{invoice_balance} is overdue: {pay_link}"
`;
const bundle = (extra: Record<string, string> = {}): PolicyFile[] => buildPolicyFiles({ 'segments.yaml': segments, 'cadence.yaml': cadence, 'templates.yaml': templates }, extra);

const contact = (email: string) => [{ email, name: 'AP', role: 'ap', isPrimary: true }];
let database: DatabaseHandle;
let store: Store;
const links = createPreviewLinks('https://plixo.example/', 'a-test-secret-of-at-least-32-characters');

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
  // smb: 10 customers, one of them without an email address (90 % coverage); everyone: 3 of 4 reachable (75 %).
  const customers = [
    ...Array.from({ length: 9 }, (_, index) => buildCustomer({ id: `s${index}`, tags: ['smb'], contacts: contact(`ap@s${index}.example`) })),
    buildCustomer({ id: 's9', tags: ['smb'], contacts: [] }),
    ...Array.from({ length: 3 }, (_, index) => buildCustomer({ id: `e${index}`, tags: [], contacts: contact(`ap@e${index}.example`) })),
    buildCustomer({ id: 'e3', tags: [], contacts: [] }),
  ];
  await store.upsertCustomers('acme', customers);
  await store.upsertInvoices(
    'acme',
    customers.map((customer) => buildInvoice({ id: `INV-${customer.id}`, number: `INV-${customer.id}`, customerId: customer.id, issuedOn: '2026-11-01', dueOn: '2026-11-25', knownAt: now - 2 * hour })),
  );
  await store.savePolicyVersion('acme', { version: 1, bundle: bundle(), status: 'published' });
});
afterEach(() => database.close());

const segment = async (name: string) => (await listSegments({ store, workspaceId: 'acme', now })).find((view) => view.segment === name)!;

describe('segment health', () => {
  it('counts each open invoice in the segment that governs it, with its contact coverage', async () => {
    expect((await segment('smb')).health).toMatchObject({ openInvoices: 10, reachableInvoices: 9, coverage: 0.9, openDisputes: 0 });
    expect(await segment('everyone')).toMatchObject({ mode: 'shadow', fileMode: 'shadow', health: { openInvoices: 4, coverage: 0.75 }, publishBlocker: null });
    expect((await segment('everyone')).autopilotBlockers).toEqual(['contact coverage is 75 % (3 of 4 open invoices can be reached by email); Autopilot needs 90 %']);
  });

  it('counts a suppressed address as unreachable and a disputed invoice as a blocker', async () => {
    await store.suppress('acme', { email: 'ap@s0.example', reason: 'opted_out' });
    await store.appendEvents('acme', [{ at: now - hour, type: 'dispute', invoiceId: 'INV-s1', payload: {} }]);
    const smb = await segment('smb');
    expect(smb.health).toMatchObject({ reachableInvoices: 8, openDisputes: 1 });
    expect(smb.autopilotBlockers).toHaveLength(2);
  });

  it('counts real reversals (payment_reversed events) against the payments of the trailing week', async () => {
    // Payments on 8 smb invoices in the last week, one of them refunded: 1 reversal of 9 money
    // movements = 11.1 %, over the 5 % gate. A reversal older than the week does not count.
    const paid = Array.from({ length: 8 }, (_, index) => ({ at: now - 2 * hour, type: 'payment' as const, invoiceId: `INV-s${index}`, payload: { amount: '100.00' } }));
    await store.appendEvents('acme', [
      ...paid,
      { at: now - hour, type: 'payment_reversed', invoiceId: 'INV-s0', payload: { amount: '100.00', reason: 'refund' } },
      { at: now - 8 * 24 * hour, type: 'payment_reversed', invoiceId: 'INV-s1', payload: { amount: '1.00', reason: 'chargeback' } },
    ]);
    const smb = await segment('smb');
    expect(smb.health).toMatchObject({ payments: 9, reversals: 1 });
    expect(smb.autopilotBlockers).toContain('payment reversals are 11.1 % of payments in the last 7 days (1 of 9); Autopilot allows 5 %');
  });
});

describe('the Autopilot switch', () => {
  it('turns Autopilot on for a segment that passes the gates; the worker then sends instead of drafting', async () => {
    const switched = await setSegmentMode({ store, now, workspaceId: 'acme', by: ana, segment: 'smb', mode: 'autopilot', reason: 'contacts verified' });
    expect(switched).toMatchObject({ mode: 'autopilot', fileMode: 'shadow', switchedBy: 'ana@acme.example', switchReason: 'contacts verified' });
    expect((await loadLivePolicy(store, 'acme')).policy.segments.map((entry) => [entry.name, entry.mode])).toEqual([
      ['smb', 'autopilot'],
      ['everyone', 'shadow'],
    ]);
    const audit = await store.listAudit({ workspaceId: 'acme' });
    expect(audit.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual([['segment.mode', 'ana@acme.example', 'segment smb']]);
    expect(audit[0]!.detail).toMatchObject({ before: { mode: 'shadow' }, after: { mode: 'autopilot' }, rationale: 'contacts verified' });

    await planWorkspace({ store, workspaceId: 'acme', now: now + 21 * hour, links, documents: createFakeDocuments(), downtimeThresholdMs: Number.POSITIVE_INFINITY });
    const outbox = await store.listOutboxMessages('acme', { limit: 100 });
    const kinds = new Map(outbox.map((message) => [message.customerId, message.kind]));
    expect(kinds.get('s0')).toBe('send');
    expect(kinds.get('e0')).toBe('draft');

    await setSegmentMode({ store, now, workspaceId: 'acme', by: ana, segment: 'smb', mode: 'shadow' });
    expect((await segment('smb')).mode).toBe('shadow');
  });

  it('keeps a segment that fails a gate in Shadow Mode, and lets only a Controller override it with a reason', async () => {
    const refused = await rejection(setSegmentMode({ store, now, workspaceId: 'acme', by: ana, segment: 'everyone', mode: 'autopilot' }));
    expect([refused.code, refused.details?.field]).toEqual(['conflict', 'mode']);
    expect(refused.message).toContain('contact coverage is 75 %');
    const notController = await rejection(setSegmentMode({ store, now, workspaceId: 'acme', by: ana, segment: 'everyone', mode: 'autopilot', override: true, reason: 'trial' }));
    expect(notController.code).toBe('forbidden');
    const noReason = await rejection(setSegmentMode({ store, now, workspaceId: 'acme', by: carla, segment: 'everyone', mode: 'autopilot', override: true }));
    expect([noReason.code, noReason.details?.field]).toEqual(['invalid_input', 'reason']);
    expect((await segment('everyone')).mode).toBe('shadow');

    await setSegmentMode({ store, now, workspaceId: 'acme', by: carla, segment: 'everyone', mode: 'autopilot', override: true, reason: 'the unreachable customer pays by card' });
    expect((await segment('everyone')).mode).toBe('autopilot');
    const [entry] = await store.listAudit({ workspaceId: 'acme' });
    expect(entry).toMatchObject({ action: 'segment.autopilot_override', actor: 'carla@acme.example' });
    expect(entry!.detail).toMatchObject({ role: 'controller', after: { mode: 'autopilot', failedGates: [expect.stringContaining('75 %')] }, rationale: 'the unreachable customer pays by card' });
  });

  it('refuses a segment the live policy does not have, naming the ones it has', async () => {
    const error = await rejection(setSegmentMode({ store, now, workspaceId: 'acme', by: ana, segment: 'vip', mode: 'autopilot' }));
    expect([error.code, error.message]).toEqual(['not_found', 'segment vip is not a segment of the live policy; its segments are smb, everyone']);
  });
});

describe('the publish coverage gate', () => {
  it('refuses to publish to a segment under 70 % contact coverage, and publishes once the contacts are fixed; a rollback is never held back', async () => {
    await store.savePolicyVersion('acme', { version: 2, bundle: bundle({ 'note.yaml': 'kind: Template\nname: spare\nsubject: "x {invoice_number}"\nbody: "{pay_link}"\n' }), status: 'draft' });
    await store.upsertCustomers('acme', [buildCustomer({ id: 'e2', tags: [], contacts: [] })]);
    const state = await store.getPolicyPublishState('acme');
    const refused = await rejection(publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: 2, segments: ['everyone'], expectedRevision: state.revision }));
    expect([refused.code, refused.details?.field]).toEqual(['conflict', 'segments']);
    expect(refused.message).toBe(
      'policy version 2 cannot be published: segment everyone has 50 % contact coverage (2 of 4 open invoices can be reached by email); fix its contacts to reach 70 % before publishing to it',
    );
    // Another segment is not held back by it.
    await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: 2, segments: ['smb'], expectedRevision: state.revision });

    await store.upsertCustomers('acme', [buildCustomer({ id: 'e2', tags: [], contacts: contact('ap@e2.example') })]);
    const fixed = await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: 2, segments: 'all', expectedRevision: (await store.getPolicyPublishState('acme')).revision });
    expect(fixed.state.liveVersion).toBe(2);

    await store.upsertCustomers('acme', [buildCustomer({ id: 'e2', tags: [], contacts: [] })]);
    const back = await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: 1, segments: 'all', expectedRevision: (await store.getPolicyPublishState('acme')).revision });
    expect([back.kind, back.state.liveVersion]).toEqual(['rollback', 1]);
  });
});

describe('nudges', () => {
  const nudge = (invoiceId: string, extra: { template?: string; at?: number } = {}) =>
    sendNudge({ store, now: extra.at ?? now, workspaceId: 'acme', by: sam, invoiceId, ...(extra.template ? { template: extra.template } : {}), note: 'spoke to them at the trade fair', links, documents: createFakeDocuments() });

  // Due 2026-11-25: seven days past due, the latest step due is `late` (template firm).
  it('queues the template of the latest step due, at once inside the guardrails, and audits it; one per invoice per day', async () => {
    const first = await nudge('INV-s0');
    expect(first).toMatchObject({ existing: false, template: 'firm', moves: [] });
    expect(first.message).toMatchObject({ kind: 'send', status: 'queued', customerId: 's0', invoiceIds: ['INV-s0'], notBefore: now });
    expect(first.message.content?.subject).toBe('Invoice INV-s0 is overdue');
    expect(first.message.content?.to).toEqual(['ap@s0.example']);
    const [entry] = await store.listAudit({ workspaceId: 'acme' });
    expect(entry).toMatchObject({ action: 'message.nudge', actor: 'sam@acme.example', subject: 'invoice INV-s0' });
    expect(entry!.detail).toMatchObject({ role: 'sales', template: 'firm', segment: 'smb', policyVersion: 1, rationale: 'spoke to them at the trade fair' });

    const again = await nudge('INV-s0', { template: 'reminder', at: now + hour });
    expect(again).toMatchObject({ existing: true });
    expect(again.message.id).toBe(first.message.id);
    expect(await store.listOutboxMessages('acme', { customerId: 's0', limit: 10 })).toHaveLength(1);
  });

  it('waits out quiet hours in the customer’s time zone and the daily cap', async () => {
    // 21:30 in Berlin: quiet until 08:00 the next morning.
    const evening = Date.UTC(2026, 11, 2, 20, 30);
    const late = await nudge('INV-s1', { at: evening });
    expect(late.moves).toEqual(['quiet_hours']);
    expect(new Date(late.message.notBefore).toISOString()).toBe('2026-12-03T07:00:00.000Z');

    // s2 already has a message that day: the cap of one a day moves the next to Thursday at the send time, 09:00 in Berlin.
    const second = await nudge('INV-s2', { template: 'firm' });
    expect(second.message.notBefore).toBe(now);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-s2b', number: 'INV-s2b', customerId: 's2', issuedOn: '2026-11-01', dueOn: '2026-11-25', knownAt: now - 2 * hour })]);
    const capped = await nudge('INV-s2b');
    expect(capped.moves).toContain('daily_cap');
    expect(new Date(capped.message.notBefore).toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it('refuses a paid, disputed or paused invoice, an unreachable customer and a template outside the cadence', async () => {
    await store.appendEvents('acme', [
      { at: now - hour, type: 'payment', invoiceId: 'INV-s3', payload: { amount: '1200.00' } },
      { at: now - hour, type: 'dispute', invoiceId: 'INV-s4', payload: {} },
      { at: now - hour, type: 'pause', invoiceId: 'INV-s5', payload: { until: '2026-12-10' } },
    ]);
    expect((await rejection(nudge('INV-s3'))).message).toBe('invoice INV-s3 is paid: there is nothing to nudge for');
    expect((await rejection(nudge('INV-s4'))).message).toContain('is in dispute');
    expect((await rejection(nudge('INV-s5'))).message).toBe('invoice INV-s5 is paused until 2026-12-10');
    expect((await rejection(nudge('INV-s9'))).message).toBe('invoice INV-s9: customer s9 has no email address that is not suppressed');
    const wrong = await rejection(nudge('INV-s6', { template: 'spare' }));
    expect([wrong.code, wrong.details?.field, wrong.message]).toEqual(['invalid_input', 'template', 'template: "spare" is not a template of cadence standard; a nudge uses one of reminder, firm']);
    expect(await store.listOutboxMessages('acme', { limit: 10 })).toEqual([]);
    expect(await store.listAudit({ workspaceId: 'acme' })).toEqual([]);
  });
});
