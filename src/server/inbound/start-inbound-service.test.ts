import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createTransport, type Transporter } from 'nodemailer';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { inboundWorkspaceId as workspaceId, seedInboundWorkspace } from '../../app/inbound/testing/seed-inbound-workspace.ts';
import { applyPolicy } from '../../app/apply-policy.ts';
import type { Store } from '../../app/ports/store.ts';
import { startInboundService, type InboundService } from './start-inbound-service.ts';

const now = Date.UTC(2026, 2, 5, 10);
const samples = new URL('../../adapters/mail/inbound/samples/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(`${name}.eml`, samples));

describe('startInboundService: real samples over SMTP on loopback into SQLite', () => {
  let database: DatabaseHandle;
  let store: Store;
  let service: InboundService;
  let client: Transporter;
  let logLines: { msg: string; level: number; [key: string]: unknown }[];

  beforeEach(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    await seedInboundWorkspace({ store, now });
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        callback();
      },
    });
    service = await startInboundService({ store, host: '127.0.0.1', port: 0, clock: () => now, logger: pino({ level: 'info' }, sink) });
    client = createTransport({ host: '127.0.0.1', port: service.port, secure: false, ignoreTLS: true });
  });
  afterEach(async () => {
    client.close();
    await service.close();
    await database.close();
  });

  /** As a sending MTA would: the envelope says where it goes, the raw bytes are the message. */
  const deliver = (name: string, envelope: { from: string; to: string[] }) => client.sendMail({ envelope, raw: sample(name) });

  it("accepts mail for every workspace's sending domains", () => {
    expect(service.domains).toEqual(['acme.example', 'mail.acme.example']);
  });

  it('accepts a sending domain added to a policy while it runs, without a restart', async () => {
    const refreshing = await startInboundService({ store, host: '127.0.0.1', port: 0, clock: () => now, logger: pino({ level: 'silent' }), refreshDomainsMs: 50 });
    const sender = createTransport({ host: '127.0.0.1', port: refreshing.port, secure: false, ignoreTLS: true });
    try {
      const send = () => sender.sendMail({ envelope: { from: 'maria.keller@gmail.com', to: ['ar@new.acme.example'] }, raw: sample('gmail-reply') }).then(() => 250, (error: { responseCode?: number }) => error.responseCode);
      expect(await send()).toBe(550);
      const live = await store.getLivePolicyVersion(workspaceId);
      const bundle = live!.bundle.map((file) => (file.path === 'workspace.yaml' ? { ...file, text: file.text.replace('  - domain: acme.example', '  - domain: acme.example\n  - domain: new.acme.example') } : file));
      await applyPolicy({ store, files: bundle });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(refreshing.domains).toContain('new.acme.example');
      expect(await send()).toBe(250);
    } finally {
      sender.close();
      await refreshing.close();
    }
  });

  it('a reply becomes a reply event; delivered again, nothing happens twice', async () => {
    const sent = await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@acme.example'] });
    expect(sent.response).toMatch(/^250 /);
    await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@acme.example'] });
    expect(await store.listEvents(workspaceId)).toEqual([expect.objectContaining({ type: 'reply', customerId: 'c-1042', at: now })]);
    expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'reply', customerId: 'c-1042' })]);
    expect(logLines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['inbound message received', 'inbound message received before; nothing done again']),
    );
  });

  it('an out-of-office reply is noted and does not pause anything', async () => {
    await deliver('exchange-out-of-office', { from: 's.martin@contoso.example', to: ['ar@acme.example'] });
    expect(await store.listEvents(workspaceId)).toEqual([]);
    expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'auto_reply', customerId: 'c-3107' })]);
  });

  it('a bounce to the VERP address (empty reverse path) suppresses the address as invalid', async () => {
    await deliver('postfix-undelivered', { from: '', to: ['bounces+inv-0913@mail.acme.example'] });
    await deliver('exchange-ndr', { from: '', to: ['ar@acme.example'] });
    expect((await store.listSuppressions(workspaceId)).map((entry) => [entry.email, entry.reason])).toEqual([
      ['billing@fabrikam.example', 'invalid'],
      ['p.novak@contoso.example', 'invalid'],
    ]);
    expect(logLines.filter((line) => line.msg === 'inbound message received').map((line) => [line.mailFrom, line.kind])).toEqual([
      [null, 'bounce'],
      [null, 'bounce'],
    ]);
  });

  it('a feedback-loop complaint suppresses the complainant as opted out', async () => {
    await deliver('arf-complaint', { from: 'fbl@feedback.mailbox-provider.example', to: ['abuse@acme.example'] });
    expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ email: 'd.okafor@mailbox-provider.example', reason: 'opted_out' })]);
  });

  it('answers 451 while the inbound job is paused, then takes the retried message once resumed', async () => {
    await store.setScheduledJobPaused('inbound', { paused: true, reason: 'checking a mail loop', at: now, by: 'cli:ops' });
    const deferred = await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@acme.example'] }).then(
      () => null,
      (error: { responseCode?: number }) => error,
    );
    expect(deferred?.responseCode).toBe(451);
    expect(await store.listInboundMessages(workspaceId)).toEqual([]);

    await store.setScheduledJobPaused('inbound', { paused: false, reason: null, at: now, by: 'cli:ops' });
    await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@acme.example'] });
    expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'reply' })]);
    expect((await store.listScheduledJobs()).find((job) => job.name === 'inbound')).toMatchObject({ lastStatus: 'ok', lastFinishedAt: now });
  });

  it('refuses a recipient at a domain no workspace sends from with 550, and records nothing', async () => {
    const refused = await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@elsewhere.example'] }).then(
      () => null,
      (error: { responseCode?: number }) => error,
    );
    expect(refused?.responseCode).toBe(550);
    expect(await store.listInboundMessages(workspaceId)).toEqual([]);
  });

  it('answers 451 when the database fails, so the sending server retries, and logs why', async () => {
    await database.close();
    const failed = await deliver('gmail-reply', { from: 'maria.keller@gmail.com', to: ['ar@acme.example'] }).then(
      () => null,
      (error: { responseCode?: number }) => error,
    );
    expect(failed?.responseCode).toBe(451);
    expect(logLines.find((line) => line.msg === 'inbound message could not be processed; the sender will retry')).toBeDefined();
  });
});
