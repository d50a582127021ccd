// Fault injection: 2,000 messages go from the outbox to a real SMTP server on loopback while the
// worker process (`plixo start --services worker`) is killed with SIGKILL at random points and
// restarted until everything is sent. Every message must arrive; a message may arrive twice only
// when the kill fell inside the unavoidable window between the server's 250 reply and the
// database commit. The test measures that window at each kill (messages the server holds whose
// row is not yet `sent`) and reports the count.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Store } from '../../app/ports/store.ts';
import { createSeededRandom } from '../../core/random/create-seeded-random.ts';
import { seedOutbox, spawnWorker } from './testing/outbox-fixture.ts';

const messageCount = 2_000;

describe('the worker killed at random points while sending', () => {
  let folder: string;
  let database: DatabaseHandle;
  let store: Store;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plixo-faults-'));
    database = openDatabase(`file:${join(folder, 'plixo.db')}`);
    await migrateToLatest(database);
    store = createStore(database);
    await seedOutbox(store, messageCount);
    smtp = await startSmtpServer();
  });

  // A worker left running by a failed or timed-out test is stopped with the suite.
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await smtp?.stop();
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const startWorkerProcess = () => {
    const child = spawnWorker({ databaseUrl: `file:${join(folder, 'plixo.db')}`, smtpUrl: smtp.url });
    children.push(child);
    return child;
  };

  async function unsentRowsHeldByServer(): Promise<string[]> {
    const received = new Set(await Promise.all(smtp.received.map(async (message) => (await simpleParser(message.raw)).messageId)));
    const rows = await store.listOutboxMessages('acme', { limit: messageCount * 2 });
    return rows.filter((row) => row.status !== 'sent' && received.has(row.messageId)).map((row) => row.messageId);
  }

  it('delivers every message, duplicating only inside the 250-to-commit window', async () => {
    const random = createSeededRandom(20261125);
    let kills = 0;
    const insideWindow: string[] = [];
    const stderr: string[] = [];
    for (let life = 0; life < 40; life += 1) {
      const child = startWorkerProcess();
      child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Kill after a random number of sends (a few lives are left to finish the run).
      const killAfter = life < 8 ? 40 + Math.floor(random() * 300) : Number.POSITIVE_INFINITY;
      let sentLines = 0;
      let buffered = '';
      let killed = false;
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.includes('"message sent"')) sentLines += 1;
        if (!killed && sentLines >= killAfter) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      const done = (async () => {
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const pending = await store.listOutboxMessages('acme', { statuses: ['queued', 'sending'], limit: 1 });
          if (pending.length === 0) return true;
          if (killed) return false;
        }
      })();
      const finished = await Promise.race([done, exited.then(() => false)]);
      if (finished) {
        child.kill('SIGTERM');
        await exited;
        break;
      }
      await exited;
      if (!killed) throw new Error(`the worker exited by itself: ${stderr.join('').slice(-2000)}`);
      kills += 1;
      // Messages the server holds whose row is not yet `sent`: the kill fell inside their window.
      insideWindow.push(...(await unsentRowsHeldByServer()));
    }

    const ids = await Promise.all(smtp.received.map(async (message) => (await simpleParser(message.raw)).messageId));
    const copies = new Map<string, number>();
    for (const id of ids) copies.set(id ?? '', (copies.get(id ?? '') ?? 0) + 1);
    const duplicates = [...copies.values()].reduce((sum, count) => sum + count - 1, 0);
    const rows = await store.listOutboxMessages('acme', { limit: messageCount * 2 });

    console.info(`fault injection: ${messageCount} messages, ${kills} SIGKILLs, ${insideWindow.length} inside the 250-to-commit window, ${duplicates} duplicates`);
    expect(kills).toBeGreaterThanOrEqual(8);
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(messageCount);
    expect(copies.size).toBe(messageCount);
    for (const row of rows) expect(copies.get(row.messageId), row.key).toBeGreaterThanOrEqual(1);
    // Duplicates come only from the window: each duplicated message was caught inside it.
    const duplicated = [...copies].filter(([, count]) => count > 1).map(([id]) => id);
    expect(duplicated.filter((id) => !insideWindow.includes(id))).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(insideWindow.length);
  }, 300_000);
});
