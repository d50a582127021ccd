// The retention job over the real store on SQLite and PostgreSQL, with messages the engine decided
// and a real SMTP server on loopback sent: bodies go after their days, settled messages after
// theirs, and a message deleted from the outbox is never decided or sent again.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../adapters/mail/smtp/create-smtp-mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { listStorageTargets } from '../../adapters/storage/testing/storage-targets.ts';
import { deliverOutbox } from '../delivery/deliver-outbox.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { planWorkspace } from '../plan-workspace.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { applyRetention } from './apply-retention.ts';

// One step per invoice: once it has gone, the engine has nothing more to decide for years.
const policyText = `kind: Workspace
timezone: UTC
locale: en-GB
currency: EUR
plan: growth
senders:
  - domain: ar.acme.example
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t, attach: [statement] }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}."
---
kind: Segment
name: all
cadence: standard
mode: autopilot
`;

const day = 86_400_000;
const createdAt = Date.parse('2024-03-01T00:00:00Z');
// Due Tue 2024-04-02: the step goes at 09:00 UTC.
const dueInstant = Date.parse('2024-04-02T09:00:00Z');
const links = createPreviewLinks('https://plixo.example', 'a-test-secret-of-at-least-32-characters');
const invoiceCount = 5;

for (const target of listStorageTargets()) {
  describe.skipIf(target.skipReason !== null)(`the retention job on ${target.name}`, () => {
    let store: Store;
    let clock: number;
    let smtp: TestSmtpServer;
    let mailer: Mailer;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      const database = await target.openFreshDatabase();
      await migrateToLatest(database);
      clock = createdAt;
      store = createStore(database, { now: () => clock });
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'UTC' }));
      const ids = Array.from({ length: invoiceCount }, (_, index) => String(index + 1));
      await store.upsertCustomers('acme', ids.map((id) => buildCustomer({ id: `c${id}`, contacts: [{ email: `ap${id}@customer.example`, isPrimary: true }] })));
      await store.upsertInvoices('acme', ids.map((id) => buildInvoice({ id: `INV-${id}`, number: `INV-${id}`, customerId: `c${id}`, dueOn: '2024-04-02', knownAt: createdAt })));
      await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
      smtp = await startSmtpServer();
      mailer = createSmtpMailer({ url: smtp.url, allowSelfSignedCertificate: true });
    });
    afterEach(async () => {
      await mailer.close();
      await smtp.stop();
    });

    const plan = () => planWorkspace({ store, workspaceId: 'acme', now: clock, links, documents: createFakeDocuments() });
    const deliver = () => deliverOutbox({ store, mailer, workerId: 'w1', clock: () => clock });
    const outbox = () => store.listOutboxMessages('acme', { limit: 1000 });

    it('drops bodies after their days and deletes settled messages after theirs, in bounded batches', async () => {
      clock = dueInstant;
      expect((await plan()).enqueued).toBe(invoiceCount);
      expect((await deliver()).sent).toBe(invoiceCount);
      const sent = await outbox();
      expect(sent.every((message) => message.content!.attachments[0]!.contentBase64 !== '' && message.content!.text !== '')).toBe(true);

      // 30 days on, nothing is old enough for either step.
      clock = dueInstant + 30 * day;
      expect(await applyRetention({ store, now: clock, bodyKeepDays: 90, messageKeepDays: 400, batchSize: 2 })).toEqual({ droppedBodies: 0, deletedMessages: 0 });

      clock = dueInstant + 91 * day;
      expect(await applyRetention({ store, now: clock, bodyKeepDays: 90, messageKeepDays: 400, batchSize: 2 })).toEqual({ droppedBodies: invoiceCount, deletedMessages: 0 });
      const kept = await outbox();
      expect(kept.map((message) => [message.key, message.status, message.sentAt, message.content?.subject, message.content?.to, message.content?.text, message.content?.attachments[0]?.contentBase64, message.bodyDroppedAt])).toEqual(
        sent.map((message) => [message.key, 'sent', dueInstant, message.content?.subject, message.content?.to, '', '', clock]),
      );

      clock = dueInstant + 401 * day;
      expect(await applyRetention({ store, now: clock, bodyKeepDays: 90, messageKeepDays: 400, batchSize: 2 })).toEqual({ droppedBodies: 0, deletedMessages: invoiceCount });
      expect(await outbox()).toEqual([]);
    });

    it('never sends a deleted message again: the engine keeps each decision under its key', async () => {
      clock = dueInstant;
      await plan();
      await deliver();
      expect(smtp.received).toHaveLength(invoiceCount);
      const decisions = await store.listEngineActions('acme');

      clock = dueInstant + 401 * day;
      expect((await applyRetention({ store, now: clock, bodyKeepDays: 90, messageKeepDays: 400 })).deletedMessages).toBe(invoiceCount);
      expect(await outbox()).toEqual([]);

      // The engine replays from the workspace's start and decides the same steps again; none is new.
      const replanned = await plan();
      expect(replanned.decided).toBeGreaterThanOrEqual(invoiceCount);
      expect(replanned).toMatchObject({ recorded: 0, enqueued: 0 });
      expect((await deliver()).claimed).toBe(0);
      expect(await outbox()).toEqual([]);
      expect(smtp.received).toHaveLength(invoiceCount);
      expect(await store.listEngineActions('acme')).toEqual(decisions);
    });
  });
}
