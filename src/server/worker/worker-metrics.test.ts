// The worker's ticks move the Prometheus counters: engine → outbox → a real SMTP server on
// loopback, on SQLite, with a clock the test moves; and each job writes a structured log line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../adapters/mail/smtp/create-smtp-mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../adapters/metrics/create-prometheus-metrics.ts';
import { parsePrometheusText, sampleKey as key } from '../../adapters/metrics/testing/parse-prometheus-text.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
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
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}."
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
// Tue 2024-04-02 09:00 in Berlin (CEST).
const tuesday = Date.parse('2024-04-02T07:00:00Z');
// INV-3 is due on Saturday 04-06: its step waits for Monday 04-08 09:00.
const monday = Date.parse('2024-04-08T07:00:00Z');

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

describe('the worker reporting to the metrics', () => {
  let folder: string;
  let database: DatabaseHandle;
  let store: Store;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let clock: number;
  let worker: Worker;
  let prometheus: PrometheusMetrics;
  let lines: LogLine[];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plixo-worker-metrics-'));
    database = openDatabase(`file:${join(folder, 'plixo.db')}`);
    await migrateToLatest(database);
    clock = createdAt;
    store = createStore(database, { now: () => clock });
    await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
    await store.upsertCustomers('acme', [
      buildCustomer({ id: 'c1', tags: [], contacts: [{ email: 'ap@one.example', isPrimary: true }] }),
      buildCustomer({ id: 'c2', tags: [], contacts: [{ email: 'ap@two.example', isPrimary: true }] }),
      buildCustomer({ id: 'c3', tags: [], contacts: [{ email: 'ap@three.example', isPrimary: true }] }),
      buildCustomer({ id: 'k1', tags: ['key'], contacts: [{ email: 'ap@key.example', isPrimary: true }] }),
    ]);
    await store.upsertInvoices('acme', [
      buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', dueOn: '2024-04-02', knownAt: createdAt }),
      buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c2', dueOn: '2024-04-02', knownAt: createdAt }),
      buildInvoice({ id: 'INV-3', number: 'INV-3', customerId: 'c3', dueOn: '2024-04-06', knownAt: createdAt }),
      buildInvoice({ id: 'INV-K', number: 'INV-K', customerId: 'k1', dueOn: '2024-04-02', knownAt: createdAt }),
    ]);
    await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
    smtp = await startSmtpServer();
    mailer = createSmtpMailer({ url: smtp.url, allowSelfSignedCertificate: true, retry: { random: () => 0.5 } });
    prometheus = createPrometheusMetrics({ measureOutbox: (now) => store.measureOutbox(now), clock: () => clock, version: 'test', processMetrics: false });
    lines = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    worker = startWorker({
      store,
      mailer,
      links: createPreviewLinks('https://plixo.example', 'a-test-secret-of-at-least-32-characters'),
      documents: createFakeDocuments(),
      workerId: 'test-worker',
      tickMs: 30_000,
      clock: () => clock,
      logger: pino({ level: 'debug' }, destination),
      metrics: prometheus.metrics,
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

  const scrape = async () => parsePrometheusText(await prometheus.render()).samples;

  it('counts what was planned, sent, deferred, withdrawn and failed, and how long each tick and job took', async () => {
    // Tuesday: INV-1 goes, INV-2's server says "try later", INV-K is drafted for review.
    smtp.behaviour.rcptToCode = (address) => (address === 'ap@two.example' ? 451 : undefined);
    clock = tuesday;
    await worker.tick();
    let samples = await scrape();
    expect(samples.get(key('plixo_actions_planned_total', { type: 'send' }))).toBe(2);
    expect(samples.get(key('plixo_actions_planned_total', { type: 'draft' }))).toBe(1);
    expect(samples.get(key('plixo_messages_sent_total'))).toBe(1);
    expect(samples.get(key('plixo_messages_deferred_total', { reason: 'temporary' }))).toBe(1);
    expect(samples.get(key('plixo_outbox_messages', { status: 'queued' }))).toBe(1);
    expect(samples.get(key('plixo_outbox_messages', { status: 'draft' }))).toBe(1);

    // Both INV-2 and INV-K are paid before the retry: the queued message and the draft are withdrawn.
    delete smtp.behaviour.rcptToCode;
    const [retry] = await store.listOutboxMessages('acme', { statuses: ['queued'] });
    expect(retry!.nextAttemptAt).toBeGreaterThan(tuesday + 1);
    await store.appendEvents('acme', [
      { at: tuesday + 1, type: 'payment', invoiceId: 'INV-2', payload: { amount: '1200.00' } },
      { at: tuesday + 1, type: 'payment', invoiceId: 'INV-K', payload: { amount: '1200.00' } },
    ]);
    clock = retry!.nextAttemptAt;
    await worker.tick();
    samples = await scrape();
    expect(samples.get(key('plixo_messages_withdrawn_total', { reason: 'invoice_paid' }))).toBe(2);
    expect(samples.get(key('plixo_outbox_messages', { status: 'queued' }))).toBe(0);
    expect(samples.get(key('plixo_outbox_messages', { status: 'draft' }))).toBe(0);

    // Monday: INV-3's step, moved from Saturday for the weekend, is refused for good.
    smtp.behaviour.rcptToCode = (address) => (address === 'ap@three.example' ? 550 : undefined);
    clock = monday;
    await worker.tick();
    samples = await scrape();
    expect(samples.get(key('plixo_actions_planned_total', { type: 'send' }))).toBe(3);
    expect(samples.get(key('plixo_actions_deferred_total', { reason: 'weekend' }))).toBe(1);
    expect(samples.get(key('plixo_messages_failed_total', { reason: 'rejected' }))).toBe(1);
    expect(samples.get(key('plixo_messages_sent_total'))).toBe(1);
    expect(samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBe(0);
    expect(smtp.received.map((message) => message.to)).toEqual([['ap@one.example']]);

    expect(samples.get(key('plixo_worker_tick_duration_seconds_count'))).toBe(3);
    expect(samples.get(key('plixo_job_duration_seconds_count', { job: 'planning', status: 'ok' }))).toBe(3);
    expect(samples.get(key('plixo_job_duration_seconds_count', { job: 'sending', status: 'ok' }))).toBe(3);
    expect(samples.get(key('plixo_job_duration_seconds_count', { job: 'queue', status: 'ok' }))).toBe(3);
  });

  it('writes each job and workspace as a JSON line with stable fields: job, workspaceId, durationMs and counts', async () => {
    clock = tuesday;
    await worker.tick();

    const planned = lines.find((line) => line.msg === 'engine recorded new actions');
    expect(planned).toMatchObject({ level: 30, workspaceId: 'acme', durationMs: expect.any(Number), decided: 3, recorded: 3, enqueued: 3, held: 0, plannedByType: { send: 2, draft: 1 } });
    const jobs = lines.filter((line) => line.msg === 'scheduled job done');
    expect(jobs.map((line) => [line.job, line.level])).toEqual([
      ['planning', 30],
      ['sending', 30],
      ['queue', 30],
    ]);
    expect(jobs[0]).toMatchObject({ durationMs: expect.any(Number), recorded: 3, enqueued: 3, withdrawnDrafts: 0 });
    expect(jobs[1]).toMatchObject({ durationMs: expect.any(Number), claimed: 2, sent: 2, retried: 0, failed: 0, withdrawn: 0 });
    expect(lines.find((line) => line.msg === 'message sent')).toMatchObject({ level: 30, outboxId: expect.any(Number), key: expect.stringContaining('INV-') });
    expect(lines.find((line) => line.msg === 'worker tick done')).toMatchObject({ level: 20, durationMs: expect.any(Number) });
    // Nothing written for a payer's eyes reaches the log: no address, no subject.
    expect(JSON.stringify(lines)).not.toMatch(/ap@(one|two|key)\.example|Please pay/);

    // A tick with nothing to do logs its jobs at debug only.
    lines.length = 0;
    clock += 60_000;
    await worker.tick();
    expect(lines.filter((line) => line.level >= 30)).toEqual([]);
  });
});
