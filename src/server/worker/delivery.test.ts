// The worker end to end: engine → outbox → a real SMTP server on loopback, on SQLite, with a
// clock the test moves. Each SMTP reply the issue names (421, 451, 550, a dropped connection)
// is played by the server and must end as the outbox promises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../adapters/mail/smtp/create-smtp-mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { approveDraft, discardDraft, editDraft } from '../../app/delivery/review-drafts.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import type { Mailer } from '../../app/ports/mailer.ts';
import type { Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createFakeDocuments } from '../../app/testing/fake-documents.ts';
import { startWorker, type Worker } from './start-worker.ts';

const policyText = `kind: Workspace
timezone: Europe/Berlin
locale: en-GB
currency: EUR
plan: growth
senders:
  - domain: ar.acme.example
    address: ar@ar.acme.example
branding:
  companyName: Acme Corp
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
name: key-accounts
priority: 10
match:
  customer.tags: { includes: key }
cadence: standard
mode: shadow
---
kind: Segment
name: all
priority: 100
cadence: standard
mode: autopilot
`;

const createdAt = Date.parse('2024-03-01T00:00:00Z');
// Due Tue 2024-04-02: day 0 goes at 09:00 Berlin (CEST) = 07:00Z.
const dueInstant = Date.parse('2024-04-02T07:00:00Z');

describe('the worker delivering over SMTP', () => {
  let folder: string;
  let database: DatabaseHandle;
  let store: Store;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let clock: number;
  let worker: Worker;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plixo-delivery-'));
    database = openDatabase(`file:${join(folder, 'plixo.db')}`);
    await migrateToLatest(database);
    clock = createdAt;
    store = createStore(database, { now: () => clock });
    await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
    await store.upsertCustomers('acme', [
      buildCustomer({ id: 'c1', tags: [], contacts: [{ email: 'ap@one.example', isPrimary: true }] }),
      buildCustomer({ id: 'c2', tags: [], contacts: [{ email: 'ap@two.example', isPrimary: true }] }),
      buildCustomer({ id: 'k1', tags: ['key'], contacts: [{ email: 'ap@key.example', isPrimary: true }] }),
    ]);
    await store.upsertInvoices('acme', [
      buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', dueOn: '2024-04-02', knownAt: createdAt }),
      buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt }),
      buildInvoice({ id: 'INV-K', number: 'INV-K', customerId: 'k1', dueOn: '2024-04-02', knownAt: createdAt }),
    ]);
    await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, allowSelfSignedCertificate: true, retry: { random: () => 0.5 } });
    worker = startWorker({
      store,
      mailer,
      links: createPreviewLinks('https://plixo.example', 'a-test-secret-of-at-least-32-characters'),
      documents: createFakeDocuments(),
      workerId: 'test-worker',
      tickMs: 30_000,
      clock: () => clock,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      autoStart: false,
      downtimeAfterMs: Number.POSITIVE_INFINITY,
    });
  });

  afterEach(async () => {
    await worker.stop();
    await mailer.close();
    await smtp.stop();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const messageIdsReceived = async () => Promise.all(smtp.received.map(async (message) => (await simpleParser(message.raw)).messageId));
  const outbox = async () => (await store.listOutboxMessages('acme')).sort((a, b) => a.id - b.id);

  it('sends each autopilot message once, with its Message-ID and one-click unsubscribe, and drafts the shadow one', async () => {
    clock = dueInstant;
    await worker.tick();
    await worker.tick();

    expect(smtp.received.map((message) => message.to).sort()).toEqual([['ap@one.example'], ['ap@two.example']]);
    const parsed = await simpleParser(smtp.received.find((message) => message.to.includes('ap@one.example'))!.raw);
    const rows = await outbox();
    const sent = rows.find((row) => row.customerId === 'c1')!;
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.from?.value).toEqual([{ address: 'ar@ar.acme.example', name: 'Acme Corp' }]);
    expect(parsed.subject).toBe('Invoice INV-1');
    const header = (name: string) => parsed.headerLines.find((line) => line.key === name)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <https:\/\/plixo\.example\/unsubscribe\/[\w.-]+>$/);
    expect(rows.map((row) => [row.customerId, row.kind, row.status])).toEqual([
      ['c1', 'send', 'sent'],
      ['c2', 'send', 'sent'],
      ['k1', 'draft', 'draft'],
    ]);
    expect(sent).toMatchObject({ sentAt: dueInstant, attempts: 1, response: expect.stringMatching(/^250/) });
    expect((await store.listScheduledJobs()).filter((job) => job.lastStatus !== null).map((job) => [job.name, job.lastStatus])).toEqual([
      ['planning', 'ok'],
      ['sending', 'ok'],
      ['queue', 'ok'],
    ]);
    expect((await store.listHeartbeats())[0]).toMatchObject({ workerId: 'test-worker', seenAt: dueInstant });
  });

  it('rescores the collections queue after planning changed something, and every five minutes; a paused queue job waits', async () => {
    await store.setScheduledJobPaused('queue', { paused: true, reason: 'test', at: clock, by: 'test' });
    clock = dueInstant;
    await worker.tick();
    expect(await store.getCollectionQueueRefreshedAt('acme')).toBeNull();
    expect(smtp.received).toHaveLength(2);

    await store.setScheduledJobPaused('queue', { paused: false, reason: null, at: clock, by: 'test' });
    clock += 1_000;
    await worker.tick();
    expect(await store.getCollectionQueueRefreshedAt('acme')).toBe(clock);
    const firstPage = await store.pageCollectionQueue('acme', { limit: 10 });
    expect(firstPage.map((entry) => entry.invoiceId).sort()).toEqual(['INV-1', 'INV-2', 'INV-K']);

    // Nothing changed and the scores are fresh: no rescoring.
    const scoredAt = clock;
    clock += 60_000;
    await worker.tick();
    expect(await store.getCollectionQueueRefreshedAt('acme')).toBe(scoredAt);

    // Five minutes on, aging has moved: rescored.
    clock = scoredAt + 5 * 60_000;
    await worker.tick();
    expect(await store.getCollectionQueueRefreshedAt('acme')).toBe(clock);
  });

  it('withdraws a queued message when a payment arrives before it goes out', async () => {
    clock = dueInstant;
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt })]);
    await store.transaction(async (tx) => {
      // The planning job ran, then the sending job was paused: the messages wait in the outbox.
      await tx.setScheduledJobPaused('sending', { paused: true, reason: 'test', at: clock, by: 'test' });
    });
    await worker.tick();
    expect((await outbox()).filter((row) => row.status === 'queued')).toHaveLength(2);

    clock += 60_000;
    await store.appendEvents('acme', [{ at: clock, type: 'payment', invoiceId: 'INV-1', payload: { amount: '1200.00' } }]);
    await store.setScheduledJobPaused('sending', { paused: false, reason: null, at: clock, by: 'test' });
    await worker.tick();

    expect(smtp.received.map((message) => message.to)).toEqual([['ap@two.example']]);
    expect((await outbox()).find((row) => row.customerId === 'c1')).toMatchObject({
      status: 'withdrawn',
      statusReason: 'invoice INV-1 is paid',
    });
  });

  it('sends nothing while maintenance is on, and the messages go once it is off', async () => {
    await store.setMaintenance({ on: true, reason: 'relay migration', at: clock, by: 'test' });
    clock = dueInstant;
    await worker.tick();
    expect(await outbox()).toEqual([]);
    expect(smtp.received).toEqual([]);

    await store.setMaintenance({ on: false, reason: null, at: clock, by: 'test' });
    await worker.tick();
    expect(smtp.received).toHaveLength(2);
  });

  it('retries a 421 and a 451 later with the same Message-ID, and sends once', async () => {
    smtp.behaviour.afterData = 421;
    clock = dueInstant;
    await worker.tick();
    expect(smtp.received).toEqual([]);
    const [first] = await outbox();
    expect(first).toMatchObject({ status: 'queued', attempts: 1, statusReason: expect.stringContaining('temporary (421)') });
    expect(first!.nextAttemptAt).toBeGreaterThan(clock);

    smtp.behaviour.afterData = 451;
    clock = first!.nextAttemptAt;
    await worker.tick();
    expect((await outbox())[0]).toMatchObject({ status: 'queued', attempts: 2, statusReason: expect.stringContaining('temporary (451)') });

    delete smtp.behaviour.afterData;
    clock = Math.max(...(await outbox()).filter((row) => row.status === 'queued').map((row) => row.nextAttemptAt));
    await worker.tick();
    await worker.tick();
    const ids = await messageIdsReceived();
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids).toContain(first!.messageId);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('fails a 550 for good and suppresses the address as invalid; the next step for it is held', async () => {
    smtp.behaviour.rcptToCode = (address) => (address === 'ap@one.example' ? 550 : undefined);
    clock = dueInstant;
    await worker.tick();

    const rows = await outbox();
    expect(rows.find((row) => row.customerId === 'c1')).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('refused permanently (550)') });
    expect(await store.listSuppressions('acme')).toMatchObject([{ email: 'ap@one.example', reason: 'invalid' }]);

    // A week later the next step is decided without the suppressed address: held, not sent.
    delete smtp.behaviour.rcptToCode;
    clock = Date.parse('2024-04-09T07:00:00Z');
    await worker.tick();
    const next = (await outbox()).filter((row) => row.customerId === 'c1');
    expect(next.map((row) => [row.status, row.statusReason])).toEqual([
      ['failed', expect.any(String)],
      ['held', 'every recipient is on the suppression list'],
    ]);
    expect(smtp.received.flatMap((message) => message.to)).not.toContain('ap@one.example');
  });

  it('resends after a dropped connection with the same Message-ID, so the copy is recognisable', async () => {
    smtp.behaviour.afterData = 'keep-and-drop';
    clock = dueInstant;
    await worker.tick();
    const afterDrop = await outbox();
    expect(afterDrop.filter((row) => row.kind === 'send').map((row) => row.status)).toEqual(['queued', 'queued']);
    expect(afterDrop[0]!.statusReason).toContain('same Message-ID');

    delete smtp.behaviour.afterData;
    clock = Math.max(...afterDrop.filter((row) => row.status === 'queued').map((row) => row.nextAttemptAt));
    await worker.tick();
    const ids = await messageIdsReceived();
    // Each message arrived twice (kept before the drop, then resent), always under its own id.
    expect(ids.filter((id) => id === afterDrop[0]!.messageId)).toHaveLength(2);
    expect(ids.filter((id) => id === afterDrop[1]!.messageId)).toHaveLength(2);
    expect((await outbox()).filter((row) => row.kind === 'send').map((row) => row.status)).toEqual(['sent', 'sent']);
  });

  it('sends an approved draft inside the guardrails, and keeps an edited text', async () => {
    clock = dueInstant;
    await worker.tick();
    const draft = (await outbox()).find((row) => row.kind === 'draft')!;
    await editDraft({ store, workspaceId: 'acme', id: draft.id, by: 'ana@acme.example', now: clock, subject: 'A friendly note on INV-K', text: 'Dear team,\n\nplease pay INV-K.' });
    // Approved at 22:30 Berlin on a Tuesday: quiet hours (20:00-08:00 by default) hold it to 08:00.
    clock = Date.parse('2024-04-02T20:30:00Z');
    const approved = await approveDraft({ store, workspaceId: 'acme', id: draft.id, by: 'ana@acme.example', now: clock });
    expect(approved).toMatchObject({ status: 'queued', reviewedBy: 'ana@acme.example', edited: true });
    expect(new Date(approved.notBefore).toISOString()).toBe('2024-04-03T06:00:00.000Z');

    await worker.tick();
    expect(smtp.received.filter((message) => message.to.includes('ap@key.example'))).toEqual([]);
    clock = approved.notBefore;
    await worker.tick();
    const [received] = smtp.received.filter((message) => message.to.includes('ap@key.example'));
    const parsed = await simpleParser(received!.raw);
    expect(parsed.subject).toBe('A friendly note on INV-K');
    expect(parsed.text?.trim()).toBe('Dear team,\n\nplease pay INV-K.');
    // The HTML part keeps the branded layout around the edited body.
    expect(parsed.html).toContain('<p style="margin:0 0 16px 0;">please pay INV-K.</p>');
    expect(parsed.html).toContain('Acme Corp');
    expect(parsed.html).not.toContain('Please pay');
    expect((await store.listAudit({ workspaceId: 'acme' })).map((entry) => entry.action)).toEqual(['draft.approve', 'draft.edit']);
  });

  it('withdraws a draft whose invoice was paid, and refuses to approve or discard it afterwards', async () => {
    clock = dueInstant;
    await worker.tick();
    const draft = (await outbox()).find((row) => row.kind === 'draft')!;
    clock += 3_600_000;
    await store.appendEvents('acme', [{ at: clock, type: 'payment', invoiceId: 'INV-K', payload: { amount: '1200.00' } }]);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-K', number: 'INV-K', customerId: 'k1', dueOn: '2024-04-02', knownAt: createdAt, balanceMinor: 0, status: 'closed' })]);
    await worker.tick();

    expect(await store.getOutboxMessage('acme', draft.id)).toMatchObject({ status: 'withdrawn', statusReason: 'invoice INV-K is closed' });
    await expect(approveDraft({ store, workspaceId: 'acme', id: draft.id, by: 'ana', now: clock })).rejects.toThrow(`draft ${draft.id}: it is withdrawn (invoice INV-K is closed), not a draft awaiting review`);
    await expect(discardDraft({ store, workspaceId: 'acme', id: draft.id, by: 'ana', now: clock })).rejects.toThrow(/not a draft awaiting review/);
  });

  it('after downtime, sends only the latest late step (catchUp: latest), and records the gap', async () => {
    const resumed = startWorker({
      store,
      mailer,
      links: createPreviewLinks('https://plixo.example', 'a-test-secret-of-at-least-32-characters'),
      documents: createFakeDocuments(),
      workerId: 'resumed-worker',
      tickMs: 30_000,
      clock: () => clock,
      logger: pino({ level: 'silent' }),
      autoStart: false,
    });
    try {
      // Planning ran before anything was due, then the worker was down for ten days: both the
      // due-day step (04-02) and the day-7 step (04-09) fell inside the gap.
      clock = Date.parse('2024-04-01T00:00:00Z');
      await resumed.tick();
      clock = Date.parse('2024-04-11T10:00:00Z');
      await resumed.tick();

      const sent = (await outbox()).filter((row) => row.customerId === 'c1');
      expect(sent).toHaveLength(1);
      expect((await store.listEngineActions('acme', { invoiceId: 'INV-1' })).map((action) => [action.step, action.type, action.reason])).toEqual([
        ['due', 'skip', 'superseded'],
        ['overdue-1', 'send', null],
      ]);
      expect(smtp.received.filter((message) => message.to.includes('ap@one.example'))).toHaveLength(1);
      const [window] = (await store.listEvents('acme')).filter((event) => event.type === 'maintenance');
      expect(window?.payload).toEqual({ from: '2024-04-01T00:00:00.000Z', to: '2024-04-11T10:00:00.000Z' });
      expect((await store.listAudit({ workspaceId: 'acme' })).map((entry) => entry.action)).toContain('worker.downtime');
    } finally {
      await resumed.stop();
    }
  });

  it('fails a message refused as a whole (550 after the data) without suppressing its recipients', async () => {
    smtp.behaviour.afterData = 550;
    clock = dueInstant;
    await worker.tick();
    const rows = (await outbox()).filter((row) => row.kind === 'send');
    expect(rows.map((row) => row.status)).toEqual(['failed', 'failed']);
    expect(rows[0]!.statusReason).toContain('refused permanently (550)');
    expect(await store.listSuppressions('acme')).toEqual([]);
    expect(await store.domainSendStats('acme', 'ar.acme.example', 200)).toEqual({ sends: 0, bounces: 0, complaints: 0 });
  });

  it('counts an address refused at RCPT TO as a bounce of the sending domain', async () => {
    smtp.behaviour.rcptToCode = (address) => (address === 'ap@one.example' ? 550 : undefined);
    clock = dueInstant;
    await worker.tick();
    expect(await store.domainSendStats('acme', 'ar.acme.example', 200)).toEqual({ sends: 2, bounces: 1, complaints: 0 });
  });

  it('retries a message whose sending failed unexpectedly, and sends the others', async () => {
    const failing: Mailer = {
      send: (message, options) => (message.to.includes('ap@one.example') ? Promise.reject(new Error('disk full while signing')) : mailer.send(message, options)),
      verify: () => mailer.verify(),
      close: async () => undefined,
    };
    const { deliverOutbox } = await import('../../app/delivery/deliver-outbox.ts');
    clock = dueInstant;
    await store.setScheduledJobPaused('sending', { paused: true, reason: 'test', at: clock, by: 'test' });
    await worker.tick();
    await store.setScheduledJobPaused('sending', { paused: false, reason: null, at: clock, by: 'test' });
    const result = await deliverOutbox({ store, mailer: failing, workerId: 'w', clock: () => clock });
    expect(result).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    expect((await outbox()).find((row) => row.customerId === 'c1')).toMatchObject({ status: 'queued', statusReason: 'temporary: unexpected error: disk full while signing' });
    expect(smtp.received.map((message) => message.to)).toEqual([['ap@two.example']]);
  });
});
