// Two workers sharing one outbox while the server is slower than their claims' lease: no message
// may be sent twice. Real SQLite, a real SMTP server on loopback that takes its time to answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../adapters/mail/smtp/create-smtp-mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../../adapters/mail/smtp/testing/start-smtp-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { seedOutbox } from '../../server/worker/testing/outbox-fixture.ts';
import { StorageError, type Store } from '../ports/store.ts';
import { deliverOutbox } from './deliver-outbox.ts';

/** Workers a and b, one SMTP connection and lane each, delivering in turns until nothing is queued or being sent (at most a minute). */
async function runTwoWorkersUntilDrained(store: Store, smtp: TestSmtpServer, options: { clock: () => number; leaseMs: number }): Promise<void> {
  const workers = ['a', 'b'].map((workerId) => {
    const mailer = createSmtpMailer({ url: smtp.url, allowSelfSignedCertificate: true, maxConnections: 1 });
    return { mailer, run: () => deliverOutbox({ store, mailer, workerId, clock: options.clock, concurrency: 1, leaseMs: options.leaseMs }) };
  });
  const pending = async () => (await store.listOutboxMessages('acme', { statuses: ['queued', 'sending'], limit: 1 })).length > 0;
  const keepRunning = async (run: () => Promise<unknown>) => {
    // Bounded by time, not by rounds: a loaded machine takes more rounds, never more sends.
    const until = Date.now() + 60_000;
    while (Date.now() < until && (await pending())) {
      await run();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await Promise.all(workers.map((worker) => keepRunning(worker.run)));
  } finally {
    for (const worker of workers) await worker.mailer.close();
  }
}

/** A fresh SQLite file with `count` messages queued and a loopback SMTP server, for each test of the block. */
function useOutboxOnFile(count: number): { store: () => Store; smtp: () => TestSmtpServer } {
  let folder: string;
  let database: DatabaseHandle;
  let store: Store;
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plixo-outbox-'));
    database = openDatabase(`file:${join(folder, 'plixo.db')}`);
    await migrateToLatest(database);
    store = createStore(database);
    await seedOutbox(store, count);
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.stop();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return { store: () => store, smtp: () => smtp };
}

describe('deliverOutbox with a server slower than the lease', () => {
  const { store, smtp } = useOutboxOnFile(12);

  it('gives back what it cannot send inside its lease, so another worker never sends the same message', async () => {
    // Each answer takes 150 ms; a claim holds 400 ms, so a lane may start a send only in its first 200 ms.
    smtp().behaviour.delayMs = 150;
    // Worker a claims everything at once; worker b keeps looking for claims that ran out.
    await runTwoWorkersUntilDrained(store(), smtp(), { clock: Date.now, leaseMs: 400 });
    const ids = await Promise.all(smtp().received.map(async (message) => (await simpleParser(message.raw)).messageId));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await store().listOutboxMessages('acme', { limit: 100 })).every((message) => message.status === 'sent')).toBe(true);
  });

  it('counts the lease on the clock when the clock runs faster than the wall (the soak test), so a takeover never doubles a send', async () => {
    // 20 clock ms per wall ms: the 40 s lease runs out after 2 s of wall time, while the 12
    // sends of 300 ms take 3.6 s. Counted on the wall, the first lane would go on sending
    // what the second had already taken over.
    smtp().behaviour.delayMs = 300;
    const wallStart = Date.now();
    const clock = () => wallStart + (Date.now() - wallStart) * 20;
    await runTwoWorkersUntilDrained(store(), smtp(), { clock, leaseMs: 40_000 });
    const ids = await Promise.all(smtp().received.map(async (message) => (await simpleParser(message.raw)).messageId));
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });
});

describe('deliverOutbox when the database is briefly busy after a send', () => {
  const { store, smtp } = useOutboxOnFile(3);

  it('keeps trying to record a message the server took, so it is sent once and recorded as sent', async () => {
    // Recording the first two sends fails as a busy database would (a long import holding the lock).
    let failures = 2;
    const busy: Store = {
      ...store(),
      settleOutboxMessage: async (...args) => {
        if (args[2].status === 'sent' && failures > 0) {
          failures -= 1;
          throw new StorageError('the database is busy; try again');
        }
        return store().settleOutboxMessage(...args);
      },
    };
    const mailer = createSmtpMailer({ url: smtp().url, allowSelfSignedCertificate: true, maxConnections: 1 });
    try {
      await deliverOutbox({ store: busy, mailer, workerId: 'w', clock: Date.now, concurrency: 1, leaseMs: 60_000 });
    } finally {
      await mailer.close();
    }
    expect(failures).toBe(0);
    expect(smtp().received).toHaveLength(3);
    expect((await store().listOutboxMessages('acme', { limit: 10 })).map((message) => message.status)).toEqual(['sent', 'sent', 'sent']);
  });
});
