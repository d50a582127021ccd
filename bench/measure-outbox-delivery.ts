import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer, { type SendMailOptions, type SMTPPoolOptions } from 'nodemailer';
import { createSmtpMailer } from '../src/adapters/mail/smtp/create-smtp-mailer.ts';
import { parseSmtpUrl } from '../src/adapters/mail/smtp/parse-smtp-url.ts';
import { toMailOptions } from '../src/adapters/mail/smtp/to-mail-options.ts';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../src/adapters/storage/open-database.ts';
import { defaultBatchSize, defaultConcurrency, deliverOutbox, toOutgoingMessage } from '../src/app/delivery/deliver-outbox.ts';
import type { Store } from '../src/app/ports/store.ts';
import { seedOutbox } from '../src/server/worker/testing/outbox-fixture.ts';
import { collectGarbage } from './create-memory-probe.ts';
import { recordStoreCalls, replayStoreCalls, type StoreCallCost } from './record-store-calls.ts';
import { startSmtpServerProcess, type SmtpServerReport } from './start-smtp-server-process.ts';

// Messages per second from the outbox to a loopback SMTP server (issue 4), against a bare
// nodemailer loop sending the same messages through the same pool to the same kind of server.
// Each run gets a fresh server (in a process of its own) and, for the outbox, a freshly seeded
// SQLite file; the two sides alternate, and every run is checked: each message arrived exactly
// once, over STARTTLS, with the same content as every other run's copy of it.

export type OutboxContenderId = 'outbox' | 'bare';

export interface OutboxTask {
  kind: 'outbox';
  messages: number;
  /** Timed runs of each side. */
  runs: number;
  /** Messages of the untimed run of each side before the timed ones. */
  warmupMessages: number;
  /** SMTP connections, on both sides; the outbox hands this many messages to the mailer at once. */
  poolSize: number;
  /** Where the SQLite files go. */
  workDir: string;
}

export interface OutboxRun {
  side: OutboxContenderId;
  ms: number;
  /** CPU time (user + system) of the sending process during the run. */
  cpuMs: number;
  /** CPU time of the SMTP server's process over the run. */
  serverCpuMs: number;
}

export interface OutboxMeasurement {
  kind: 'outbox';
  messages: number;
  poolSize: number;
  /** Messages per claim: deliverOutbox's default. */
  batchSize: number;
  /** deliverOutbox's default concurrency, which the worker uses (the bench passes the pool size). */
  defaultConcurrency: number;
  warmupMessages: number;
  /** Average size of a message as the server received it. */
  messageBytes: number;
  /** Every timed run, in the order they ran. */
  runs: OutboxRun[];
  /** Runs checked (warm-ups included): each message once, over STARTTLS, the same bytes on both sides. */
  checkedRuns: number;
  /** The outbox's store calls of one delivery, made again one after the other and timed. */
  storeCalls: StoreCallCost[];
  /** JSON.parse of every message's stored content alone (part of the claims). */
  parseContentMs: number;
  /** Wall time of the delivery whose store calls were recorded (not one of the timed runs). */
  recordedDeliveryMs: number;
}

const workspaceId = 'acme';

export async function measureOutboxDelivery(task: OutboxTask): Promise<OutboxMeasurement> {
  // Every database is seeded as of this instant, so every run sends identical messages.
  const seededAt = Date.now();
  const expected = new Map<string, string>();
  let messageBytes = 0;
  let checkedRuns = 0;
  const check = (side: OutboxContenderId, count: number, report: SmtpServerReport) => {
    verifyReceived(side, count, report, expected);
    messageBytes = report.received.reduce((sum, message) => sum + message.bytes, 0) / report.received.length;
    checkedRuns += 1;
  };

  for (const side of ['outbox', 'bare'] as const) {
    const { report } = await runSide(side, task, task.warmupMessages, seededAt, `warmup-${side}`);
    check(side, task.warmupMessages, report);
  }
  // Only the timed runs' messages count from here: the warm-ups sent a prefix of them.
  expected.clear();
  const runs: OutboxRun[] = [];
  for (let round = 0; round < task.runs; round += 1) {
    // Alternate which side goes first, so neither always follows the other's garbage.
    const order: OutboxContenderId[] = round % 2 === 0 ? ['outbox', 'bare'] : ['bare', 'outbox'];
    for (const side of order) {
      const { run, report } = await runSide(side, task, task.messages, seededAt, `run-${round}-${side}`);
      check(side, task.messages, report);
      runs.push(run);
    }
  }

  const costs = await measureStoreCalls(task, seededAt);
  return {
    kind: 'outbox',
    messages: task.messages,
    poolSize: task.poolSize,
    batchSize: defaultBatchSize,
    defaultConcurrency,
    warmupMessages: task.warmupMessages,
    messageBytes,
    runs,
    checkedRuns,
    ...costs,
  };
}

async function runSide(side: OutboxContenderId, task: OutboxTask, count: number, seededAt: number, label: string): Promise<{ run: OutboxRun; report: SmtpServerReport }> {
  const database = await openSeeded(task.workDir, label, count, seededAt);
  const server = await startSmtpServerProcess();
  try {
    const store = createStore(database);
    const send = side === 'outbox' ? await prepareOutbox(store, server.url, task.poolSize) : await prepareBare(store, server.url, task.poolSize);
    collectGarbage();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await send.run();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await send.close();
    if (side === 'outbox') await expectAllSent(store, count);
    const report = await server.report();
    return { run: { side, ms, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs: report.cpuMs }, report };
  } finally {
    await server.stop();
    await database.close();
    removeDatabase(task.workDir, label);
  }
}

interface PreparedSend {
  run(): Promise<void>;
  close(): Promise<void>;
}

/** The worker's path: claim, re-check, send through the SMTP mailer, record the outcome. */
async function prepareOutbox(store: Store, url: string, poolSize: number): Promise<PreparedSend> {
  const mailer = createSmtpMailer({ url, allowSelfSignedCertificate: true, maxConnections: poolSize });
  return {
    async run() {
      const result = await deliverOutbox({ store, mailer, workerId: 'bench', clock: Date.now, concurrency: poolSize });
      if (result.sent !== result.claimed) throw new Error(`outbox bench: ${result.claimed} claimed but ${result.sent} sent (${JSON.stringify(result)})`);
    },
    close: () => mailer.close(),
  };
}

/**
 * nodemailer alone: the options createSmtpMailer gives it (create-smtp-mailer.ts), the messages
 * built before the clock starts exactly as the outbox builds them from the same rows, and as many
 * in flight as the pool has connections, each lane sending its next message when one is accepted.
 */
async function prepareBare(store: Store, url: string, poolSize: number): Promise<PreparedSend> {
  const rows = await store.listOutboxMessages(workspaceId, { statuses: ['queued'], limit: Number.MAX_SAFE_INTEGER });
  rows.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  const messages: SendMailOptions[] = rows.map((row) => toMailOptions(toOutgoingMessage(row, row.content?.to ?? [])));
  const endpoint = parseSmtpUrl(url);
  const options: SMTPPoolOptions & { pool: true } = {
    pool: true,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    maxConnections: poolSize,
    maxMessages: 100,
    maxRequeues: 0,
    tls: { rejectUnauthorized: false },
  };
  if (endpoint.auth) options.auth = endpoint.auth;
  const transport = nodemailer.createTransport(options);
  return {
    async run() {
      let next = 0;
      const lane = async () => {
        while (next < messages.length) {
          const info = await transport.sendMail(messages[next++]!);
          if (info.rejected.length > 0) throw new Error(`bare bench: the server refused ${info.rejected.join(', ')}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(poolSize, messages.length) }, lane));
    },
    async close() {
      transport.close();
    },
  };
}

async function openSeeded(workDir: string, label: string, count: number, seededAt: number): Promise<DatabaseHandle> {
  removeDatabase(workDir, label);
  const database = openDatabase(`file:${databasePath(workDir, label)}`);
  await migrateToLatest(database);
  await seedOutbox(createStore(database), count, seededAt);
  return database;
}

function databasePath(workDir: string, label: string): string {
  return join(workDir, `outbox-${label}.db`);
}

function removeDatabase(workDir: string, label: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath(workDir, label)}${suffix}`, { force: true });
}

async function expectAllSent(store: Store, count: number): Promise<void> {
  const rows = await store.listOutboxMessages(workspaceId, { limit: count + 1 });
  const notSent = rows.filter((row) => row.status !== 'sent');
  if (rows.length !== count || notSent.length > 0) {
    throw new Error(`outbox bench: ${rows.length} rows, ${notSent.length} not sent (first: ${notSent[0]?.status ?? '-'} ${notSent[0]?.statusReason ?? ''})`);
  }
}

/** The numbers mean nothing unless every message arrived once, over TLS, and each side sent the same bytes. */
function verifyReceived(side: OutboxContenderId, count: number, report: SmtpServerReport, expected: Map<string, string>): void {
  const fail = (problem: string) => {
    throw new Error(`outbox bench (${side}): ${problem}, so the run is not counted`);
  };
  if (report.received.length !== count) fail(`the server received ${report.received.length} messages, not ${count}`);
  if (report.secure !== count) fail(`${count - report.secure} messages came without STARTTLS`);
  const seen = new Set<string>();
  for (const { messageId, digest } of report.received) {
    if (seen.has(messageId)) fail(`message ${messageId} arrived twice`);
    seen.add(messageId);
    const known = expected.get(messageId);
    if (known === undefined) expected.set(messageId, digest);
    else if (known !== digest) fail(`message ${messageId} differs from its copy in an earlier run`);
  }
  if (expected.size !== count) fail(`${expected.size} distinct messages across the runs, not ${count}`);
}

/** One more delivery, its store calls recorded, then replayed one by one on a second seeded file. */
async function measureStoreCalls(task: OutboxTask, seededAt: number): Promise<Pick<OutboxMeasurement, 'storeCalls' | 'parseContentMs' | 'recordedDeliveryMs'>> {
  const recordedLabel = 'recorded';
  const replayLabel = 'replayed';
  const recorded = await openSeeded(task.workDir, recordedLabel, task.messages, seededAt);
  const replayed = await openSeeded(task.workDir, replayLabel, task.messages, seededAt);
  const server = await startSmtpServerProcess();
  try {
    const recording = recordStoreCalls(createStore(recorded));
    const contents = (await recording.store.listOutboxMessages(workspaceId, { limit: task.messages })).map((row) => JSON.stringify(row.content));
    recording.calls.length = 0;
    const send = await prepareOutbox(recording.store, server.url, task.poolSize);
    const started = performance.now();
    await send.run();
    const recordedDeliveryMs = performance.now() - started;
    await send.close();
    collectGarbage();
    const storeCalls = await replayStoreCalls(createStore(replayed), recording.calls);
    await expectAllSent(createStore(replayed), task.messages);
    collectGarbage();
    const parseStarted = performance.now();
    let parsed = 0;
    for (const content of contents) parsed += (JSON.parse(content) as { to: string[] }).to.length;
    const parseContentMs = performance.now() - parseStarted;
    if (parsed < contents.length) throw new Error('outbox bench: a message without a recipient');
    return { storeCalls, parseContentMs, recordedDeliveryMs };
  } finally {
    await server.stop();
    await recorded.close();
    await replayed.close();
    removeDatabase(task.workDir, recordedLabel);
    removeDatabase(task.workDir, replayLabel);
  }
}
