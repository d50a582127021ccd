import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMailbox } from '../../adapters/mail/mailbox/list-mailbox.ts';
import { runCliCaptured } from '../testing-run-cli.ts';

const root = join(import.meta.dirname, '../../..');
const bundle = join(root, 'examples/acme');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-data-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const data = {
  customers: [{ id: 'c1', name: 'Acme GmbH', timezone: 'Europe/Berlin', tags: ['smb'], contacts: [{ name: 'Ana', email: 'ap@acme.example' }] }],
  invoices: [{ id: 'INV-1', customer: 'c1', number: 'INV-1', issuedOn: '2024-03-01', dueOn: '2024-03-31', amount: '1200.00', currency: 'EUR', knownAt: '2024-03-01T00:00:00Z' }],
  events: [{ at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'INV-1', amount: '1200.00' }],
};

describe('plixo policy apply, import and run', () => {
  it('applies a bundle once, imports idempotently and catches up to an instant once', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'one.db')}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: root });
    const dataFile = join(folder, 'data.json');
    await writeFile(dataFile, JSON.stringify(data));

    expect((await cli('policy', 'apply', bundle)).stdout).toContain('published policy version 1');
    expect((await cli('policy', 'apply', bundle)).stdout).toContain('nothing changed');
    // Publishing is audited once, by the person who ran the command; the no-op is not.
    expect((await cli('ops', 'audit')).stdout.match(/policy\.apply/g)).toHaveLength(1);
    expect((await cli('import', '--data', dataFile)).stdout).toContain('1 customers, 1 invoices, 1 new events (0 already there)');
    expect((await cli('import', '--data', dataFile)).stdout).toContain('0 new events (1 already there)');

    // Due Sun 03-31: heads-up Thu 03-28 08:00Z, due moved to Mon 04-01 07:00Z, day 7 (Sun) to
    // Mon 04-08 07:00Z; the payment on 04-10 ends the cadence.
    const first = await cli('run', '--until', '2024-05-01T00:00:00Z');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('3 newly recorded');
    expect((await cli('run', '--until', '2024-05-01T00:00:00Z')).stdout).toContain('0 newly recorded');

    expect(first.stdout).toContain('outbox: 3 sent to the mailbox folder');

    // The outbox lists the three messages, newest first, sent each at its own instant.
    const outbox = await cli('outbox', '--json');
    const entries = outbox.stdout.trim().split('\n').map((line) => JSON.parse(line) as { at: string; sentAt: string; status: string; subject: string; to: string[]; reason: string | null; messageId: string });
    expect(entries.map((entry) => entry.at)).toEqual(['2024-04-08T07:00:00.000Z', '2024-04-01T07:00:00.000Z', '2024-03-28T08:00:00.000Z']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ status: 'sent', sentAt: entry.at, to: ['ap@acme.example'], reason: null });
      expect(entry.subject).toContain('INV-1');
    }
    expect((await cli('outbox')).stdout).toMatch(/^3 messages$/m);
    // Without PLIXO_SMTP_URL the messages are .eml files in the mailbox folder beside the database.
    const mailbox = await listMailbox(join(folder, 'mailbox'));
    expect(mailbox.map((entry) => entry.messageId).sort()).toEqual(entries.map((entry) => entry.messageId).sort());
  });

  it('refuses bad data with the record and field and writes nothing', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'two.db')}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: root });
    await cli('policy', 'apply', bundle);
    const bad = join(folder, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...data, invoices: [...data.invoices, { ...data.invoices[0], id: 'INV-2', dueOn: '2024-02-30' }] }));
    const run = await cli('import', '--data', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invoices[1] (INV-2): dueOn');
    const good = join(folder, 'good.json');
    await writeFile(good, JSON.stringify(data));
    // Nothing of the refused file was written: the good file's customer is new.
    expect((await cli('import', '--data', good)).stdout).toContain('1 new events (0 already there)');
  });

  it('replays time only into the mailbox folder, and names a workspace it does not know', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'four.db')}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: root });
    await cli('policy', 'apply', bundle);
    const withSmtp = await runCliCaptured(['run', '--until', '2024-05-01T00:00:00Z'], { env: { ...env, PLIXO_SMTP_URL: 'smtp://127.0.0.1:2525' }, cwd: root });
    expect(withSmtp.code).toBe(2);
    expect(withSmtp.stderr).toContain('writes to the mailbox folder only: unset PLIXO_SMTP_URL');
    const unknown = await cli('run', '--until', '2024-05-01T00:00:00Z', '--workspace', 'nope');
    expect(unknown).toMatchObject({ code: 2, stderr: 'plixo: no workspace "nope"\n' });
    // Without --until it is a worker tick now, SMTP or not.
    const now = await runCliCaptured(['run'], { env: { ...env, PLIXO_SMTP_URL: 'smtp://127.0.0.1:1' }, cwd: root });
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/^acme: \d+ actions decided up to /m);
    expect(now.stdout).toContain("outbox: 0 sent to SMTP 127.0.0.1:1");
  });

  it('asks for a policy before data', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'three.db')}` };
    const dataFile = join(folder, 'data3.json');
    await writeFile(dataFile, JSON.stringify(data));
    const run = await runCliCaptured(['import', '--data', dataFile], { env, cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('policy apply');
  });
});
