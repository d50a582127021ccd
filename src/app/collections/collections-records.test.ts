import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/expect-app-error.ts';
import { addTestMember } from '../testing/add-test-member.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { escalateDispute, listDisputes, openDispute, resolveDispute } from './manage-disputes.ts';
import { addNote } from './add-note.ts';
import { pauseCollections } from './pause-collections.ts';
import { listPromises, recordPromise } from './record-promise.ts';

// Disputes, promises, pauses and notes over a real SQLite store.

const now = Date.parse('2026-12-02T14:00:00Z'); // Wednesday
const day = 86_400_000;
const olu: Actor = { kind: 'user', id: 'u-olu', label: 'olu@acme.example', role: 'operator' };
const lee: Actor = { kind: 'user', id: 'u-lee', label: 'lee@acme.example', role: 'legal' };
let database: DatabaseHandle;
let store: Store;
let sent: { to: string; subject: string }[];
const mailer: UserMailer = { send: async (message) => (sent.push({ to: message.to, subject: message.subject }), { sent: true, detail: 'ok' }) };

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  sent = [];
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-11-20', knownAt: now - 30 * day })]);
  for (const actor of [olu, lee]) {
    await addTestMember(store, { workspaceId: 'acme', id: actor.id, email: actor.label, role: actor.role!, createdAt: now });
  }
});
afterEach(() => database.close());


describe('disputes', () => {
  it('opens with a reason code and five business days to answer, takes the invoice out of dunning, and goes At Risk then Late', async () => {
    const dispute = await openDispute({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'quality', description: 'pallet arrived damaged' });
    // Wednesday 15:00 Berlin + 5 business days: due at the start of Thursday 12-10 (Berlin).
    expect(dispute).toMatchObject({ sla: 'open', documents: ['photos or an inspection report'], dueAt: Date.parse('2026-12-09T23:00:00Z') });
    expect((await store.listEvents('acme')).map((event) => event.type)).toEqual(['dispute']);
    const [atRisk] = await listDisputes({ store, now: Date.parse('2026-12-09T00:00:00Z'), workspaceId: 'acme', limit: 10 });
    expect(atRisk!.sla).toBe('at_risk');
    const [late] = await listDisputes({ store, now: Date.parse('2026-12-10T08:00:00Z'), workspaceId: 'acme', limit: 10 });
    expect(late!.sla).toBe('late');
    expect((await rejection(openDispute({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'pricing', description: '' }))).code).toBe('conflict');
  });

  it('gives Legal two business days once escalated, and only Legal resolves it then', async () => {
    const dispute = await openDispute({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'terms', description: 'contract says net 60' });
    const escalated = await escalateDispute({ store, now, workspaceId: 'acme', by: olu, id: dispute.id, note: 'needs the contract read' });
    expect([escalated.escalatedToLegal, new Date(escalated.dueAt).toISOString()]).toEqual([true, '2026-12-04T23:00:00.000Z']);
    expect((await rejection(resolveDispute({ store, now, workspaceId: 'acme', by: olu, id: dispute.id, resolution: 'upheld' }))).code).toBe('forbidden');
    const resolved = await resolveDispute({ store, now: now + day, workspaceId: 'acme', by: lee, id: dispute.id, resolution: 'upheld', note: 'terms are net 30' });
    expect(resolved).toMatchObject({ sla: 'resolved', resolution: 'upheld' });
    expect((await store.listEvents('acme')).map((event) => event.type)).toEqual(['dispute', 'dispute_resolved']);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'dispute.' })).map((entry) => entry.action)).toEqual(['dispute.resolve', 'dispute.escalate', 'dispute.open']);
  });

  it('names a reason code it does not know, and is not part of Starter', async () => {
    expect((await rejection(openDispute({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'mood', description: '' }))).details?.field).toBe('reason');
    await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', plan: 'starter' });
    expect((await rejection(openDispute({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'quality', description: '' }))).code).toBe('plan_required');
  });
});

describe('promises, pauses and notes', () => {
  it('logs a promise as an engine event and tells kept from missed', async () => {
    await recordPromise({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', amount: '400.00', on: '2026-12-07' });
    expect((await listPromises({ store, now, workspaceId: 'acme' }))[0]!.status).toBe('open');
    // The default grace is one day: missed once 2026-12-08 is over.
    expect((await listPromises({ store, now: Date.parse('2026-12-09T12:00:00Z'), workspaceId: 'acme' }))[0]!.status).toBe('missed');
    await store.appendEvents('acme', [{ at: Date.parse('2026-12-08T10:00:00Z'), type: 'payment', invoiceId: 'INV-1', payload: { amount: '400.00' } }]);
    expect((await listPromises({ store, now: Date.parse('2026-12-09T12:00:00Z'), workspaceId: 'acme' }))[0]!.status).toBe('kept');
    expect((await rejection(recordPromise({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', amount: '2000.00', on: '2026-12-07' }))).details?.field).toBe('amount');
  });

  it('pauses a customer until a date, audited with the reason', async () => {
    await pauseCollections({ store, now, workspaceId: 'acme', by: olu, customerId: 'c1', until: '2026-12-15', reason: 'new AP contact starting' });
    expect((await store.listEvents('acme')).map((event) => [event.type, event.customerId, event.payload.until])).toEqual([['pause', 'c1', '2026-12-15']]);
    expect((await rejection(pauseCollections({ store, now, workspaceId: 'acme', by: olu, customerId: 'c1', until: '2026-12-01', reason: 'x' }))).details?.field).toBe('until');
  });

  it('keeps a note and emails the members it @mentions', async () => {
    const { note, notified } = await addNote({ store, now, workspaceId: 'acme', by: olu, customerId: 'c1', invoiceId: 'INV-1', body: '@lee can you check clause 7? cc @nobody', mailer, baseUrl: 'https://plixo.example/' });
    expect([note.mentions, notified]).toEqual([['u-lee'], 1]);
    expect(sent).toEqual([{ to: 'lee@acme.example', subject: 'olu@acme.example mentioned you in a note on Northwind' }]);
    expect((await store.listNotes('acme', { customerId: 'c1', limit: 10 })).map((entry) => entry.body)).toEqual(['@lee can you check clause 7? cc @nobody']);
  });
});
