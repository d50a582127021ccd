import { describe, expect, it } from 'vitest';
import { createStore } from '../adapters/storage/create-store.ts';
import { migrateToLatest } from '../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import { planWorkspace } from './plan-workspace.ts';
import { runPlanningPass } from './run-planning-pass.ts';
import { loadLivePolicy } from './load-live-policy.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from './testing/build-store-inputs.ts';
import type { Store } from './ports/store.ts';
import { createPreviewLinks } from './messages/create-preview-links.ts';
import { createPayerLinks } from './portal/create-payer-links.ts';
import { readPayerLinkToken } from './portal/payer-link-token.ts';
import { createFakeDocuments } from './testing/fake-documents.ts';

const links = createPreviewLinks('https://plixo.example', 'test-secret');

// The worker's use case against the real store (SQLite in memory) and a clock the test moves.

const policyText = `kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: growth
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t }
  - { id: overdue-1, day: 7, template: t }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Segment
name: all
cadence: standard
mode: autopilot
`;

const createdAt = Date.parse('2024-03-01T00:00:00Z');

async function createWorkspace(): Promise<{ store: Store; close: () => Promise<void> }> {
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const store = createStore(database, { now: () => createdAt });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  // Due Tue 2024-04-02: day 0 at 09:00 CEST = 07:00Z; day 7 Tue 04-09 07:00Z.
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', dueOn: '2024-04-02', knownAt: createdAt })]);
  await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
  return { store, close: () => database.close() };
}

describe('planWorkspace', () => {
  it('writes the invoice\'s stored payer link into messages to customers, a new one once the last has expired', async () => {
    const { store, close } = await createWorkspace();
    let now = Date.parse('2024-04-02T07:00:00Z');
    const payerLinks = createPayerLinks({ store, baseUrl: 'https://plixo.example/', secret: 'a-test-secret-of-at-least-32-characters', clock: () => now });
    const linksIn = async () =>
      (await store.listEngineActions('acme')).map((action) => {
        const token = /https:\/\/plixo\.example\/pay\/([\w-]+\.[\w-]+)/.exec(JSON.stringify(action.payload))?.[1] ?? '';
        return readPayerLinkToken('a-test-secret-of-at-least-32-characters', token);
      });
    try {
      await planWorkspace({ store, workspaceId: 'acme', links: payerLinks, documents: createFakeDocuments(), now });
      now = Date.parse('2024-04-09T07:00:00Z');
      await planWorkspace({ store, workspaceId: 'acme', links: payerLinks, documents: createFakeDocuments(), now });
      const [first, second] = await linksIn();
      expect(first).not.toBeNull();
      // Seven days without use: the first link expired, and the second message carries a new one.
      expect(second).not.toBe(first);
      expect(await store.getPayerLink(first!)).toMatchObject({ invoiceId: 'INV-1', customerId: 'c1', createdAt: Date.parse('2024-04-02T07:00:00Z'), revokedReason: 'superseded' });
      // The live link is reused, and its last use moves on.
      now += 3_600_000;
      expect(await payerLinks.payLink({ workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' })).toContain(`/pay/${second}.`);
      expect(await store.getPayerLink(second!)).toMatchObject({ lastUsedAt: now, revokedAt: null });
    } finally {
      await close();
    }
  });

  it('records what is due by now, once, however often and in whatever order the clock ticks', async () => {
    const { store, close } = await createWorkspace();
    try {
      expect((await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-02T06:59:59Z') })).recorded).toBe(0);
      expect((await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-02T07:00:00Z') })).recorded).toBe(1);
      // The same tick again, then a clock that moved back: nothing twice.
      expect((await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-02T07:00:00Z') })).recorded).toBe(0);
      expect((await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-01T00:00:00Z') })).recorded).toBe(0);
      // Downtime over the next step: the next tick records it, at its own instant.
      expect((await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-20T00:00:00Z') })).recorded).toBe(1);
      const actions = await store.listEngineActions('acme');
      expect(actions.map((action) => [action.step, action.type, new Date(action.at).toISOString()])).toEqual([
        ['due', 'send', '2024-04-02T07:00:00.000Z'],
        ['overdue-1', 'send', '2024-04-09T07:00:00.000Z'],
      ]);
      // Each message is stored as rendered at its instant, with the pay link of its invoice.
      expect(actions[0]!.payload).toMatchObject({ rendered: { subject: 'Invoice INV-1', to: ['ap@acme.example'] } });
      expect(JSON.stringify(actions[0]!.payload)).toContain('https://plixo.example/pay/preview');
      // Every message names its one-click unsubscribe address (RFC 8058).
      expect(actions[0]!.payload).toMatchObject({
        rendered: { headers: { 'List-Unsubscribe': expect.stringMatching(/^<https:\/\/plixo\.example\/unsubscribe\/[\w-]+\.[\w-]+>$/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } },
      });
    } finally {
      await close();
    }
  });

  it('records nothing after a payment that clears the balance', async () => {
    const { store, close } = await createWorkspace();
    try {
      await store.appendEvents('acme', [{ at: Date.parse('2024-04-03T10:00:00Z'), type: 'payment', invoiceId: 'INV-1', payload: { amount: '1200.00' } }]);
      await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-05-01T00:00:00Z') });
      expect((await store.listEngineActions('acme')).map((action) => action.step)).toEqual(['due']);
    } finally {
      await close();
    }
  });

  it('holds a message that cannot be rendered, with the reason, and records the others', async () => {
    const { store, close } = await createWorkspace();
    try {
      await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', contacts: [{ email: 'ap@c2.example' }] })]);
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt })]);
      await store.savePolicyVersion('acme', {
        version: 2,
        bundle: [{ path: 'policy.yaml', text: policyText.replace('body: "Please pay', 'body: "Hi {contact_name}, please pay') }],
        status: 'published',
      });
      const result = await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-02T07:00:00Z') });
      expect(result).toMatchObject({ recorded: 2, held: 1 });
      const byInvoice = new Map((await store.listEngineActions('acme')).map((action) => [action.invoiceId, action.payload]));
      expect(byInvoice.get('INV-1')).toMatchObject({ rendered: { subject: 'Invoice INV-1' } });
      expect(byInvoice.get('INV-2')).toMatchObject({ held: { reason: 'missing_value', tag: 'contact_name' } });
    } finally {
      await close();
    }
  });
});

describe('planWorkspace and the outbox', () => {
  it('never repeats a step that went out on its own when an import of history consolidates it with a new one', async () => {
    const { store, close } = await createWorkspace();
    try {
      const at = Date.parse('2024-04-02T07:00:00Z');
      await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: at });
      // INV-2 of the same customer, due the same day, arrives later with a knownAt in the past:
      // the engine would now consolidate both due steps into one message.
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', dueOn: '2024-04-02', knownAt: createdAt })]);
      const result = await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: at + 60_000 });
      expect(result).toMatchObject({ recorded: 1, enqueued: 1 });
      const messages = await store.listOutboxMessages('acme');
      expect(messages.map((message) => message.invoiceIds)).toEqual([['INV-2'], ['INV-1']]);
      const [recorded] = await store.listEngineActions('acme', { invoiceId: 'INV-2' });
      expect(recorded?.payload).toMatchObject({ invoices: ['INV-2'], rendered: { subject: 'Invoice INV-2' } });
    } finally {
      await close();
    }
  });

  it('records a gap in planning as a maintenance window once, and of two workers at the same moment one skips', async () => {
    const { store, close } = await createWorkspace();
    try {
      const plan = (now: number) => planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now, downtimeThresholdMs: 5 * 60_000 });
      const first = Date.parse('2024-04-01T00:00:00Z');
      expect(await plan(first)).toMatchObject({ downtime: null, skipped: null });
      expect(await store.getPlannedThrough('acme')).toBe(first);
      expect(await plan(first + 60_000)).toMatchObject({ downtime: null });

      const later = Date.parse('2024-04-11T10:00:00Z');
      const [a, b] = await Promise.all([plan(later), plan(later)]);
      expect([a.skipped, b.skipped].filter(Boolean)).toEqual(['another worker planned this workspace at the same time']);
      expect([a.downtime, b.downtime].filter(Boolean)).toEqual([{ from: first + 60_000, to: later }]);
      const windows = (await store.listEvents('acme')).filter((event) => event.type === 'maintenance');
      expect(windows.map((event) => event.payload)).toEqual([{ from: '2024-04-01T00:01:00.000Z', to: '2024-04-11T10:00:00.000Z' }]);
      // Both steps fell in the window: catchUp latest sends the later one and skips the first.
      expect((await store.listEngineActions('acme')).map((action) => [action.step, action.type])).toEqual([
        ['due', 'skip'],
        ['overdue-1', 'send'],
      ]);
    } finally {
      await close();
    }
  });
});

describe('suppressions in planWorkspace', () => {
  it('leaves suppressed addresses out and holds a message left without recipients', async () => {
    const { store, close } = await createWorkspace();
    try {
      await store.upsertCustomers('acme', [
        buildCustomer({ id: 'c2', contacts: [{ email: 'ap@c2.example', name: 'Ana' }, { email: 'cfo@c2.example', name: 'Bo' }] }),
      ]);
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt })]);
      await store.suppress('acme', { email: 'AP@acme.example', reason: 'invalid' });
      await store.suppress('acme', { email: 'cfo@c2.example', reason: 'opted_out' });
      // A suppression that ended before the send does not count.
      await store.suppress('acme', { email: 'ap@c2.example', reason: 'legal_hold', untilAt: Date.parse('2024-04-01T00:00:00Z') });
      const result = await planWorkspace({ store, workspaceId: 'acme', links, documents: createFakeDocuments(), now: Date.parse('2024-04-02T07:00:00Z') });
      expect(result).toMatchObject({ recorded: 2, held: 1 });
      const byInvoice = new Map((await store.listEngineActions('acme')).map((action) => [action.invoiceId, action.payload]));
      expect(byInvoice.get('INV-1')).toMatchObject({ to: [], held: { reason: 'suppressed' } });
      expect(byInvoice.get('INV-2')).toMatchObject({ to: ['ap@c2.example'], rendered: { to: ['ap@c2.example'] } });
    } finally {
      await close();
    }
  });
});

describe('runPlanningPass', () => {
  it('plans every open invoice, customer by customer, and counts what is due', async () => {
    const { store, close } = await createWorkspace();
    try {
      await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', timeZone: 'Asia/Tokyo' })]);
      await store.upsertInvoices('acme', [
        buildInvoice({ id: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt }),
        buildInvoice({ id: 'INV-3', customerId: 'c2', dueOn: '2024-06-01', knownAt: createdAt }),
      ]);
      const { policy } = await loadLivePolicy(store, 'acme');
      const result = await runPlanningPass({ store, workspaceId: 'acme', policy, now: Date.parse('2024-04-02T07:00:00Z'), customersPerBatch: 1 });
      expect(result).toMatchObject({ customers: 2, invoices: 3, planned: 2 });
      // c1's day-0 step (07:00Z) is due; c2's (09:00 JST = 00:00Z) went by at the start of the pass: due as well.
      expect(result.dueNow).toBe(2);
    } finally {
      await close();
    }
  });
});
