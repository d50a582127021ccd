import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import type { ReadinessReport } from '../../app/operations/readiness-report.ts';
import { runCliCaptured } from '../testing-run-cli.ts';

let folder: string;
let count = 0;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-ops-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A CLI on a database file of its own. */
function freshCli(extraEnv: NodeJS.ProcessEnv = {}) {
  const databaseFile = join(folder, `ops-${++count}.db`);
  const env = { DATABASE_URL: `file:${databaseFile}`, USER: 'ana', ...extraEnv };
  return { databaseFile, cli: (...args: string[]) => runCliCaptured(args, { env }) };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('plixo ops maintenance', () => {
  it('switches on with a reason, once, then off, and audits each switch with the OS user', async () => {
    const { cli } = freshCli();
    expect((await cli('ops', 'maintenance', 'on')).code).toBe(2);
    expect((await cli('ops', 'maintenance', 'status')).stdout).toBe('maintenance: off\n');

    const on = await cli('ops', 'maintenance', 'on', '--reason', 'relay migration');
    expect(on).toMatchObject({ code: 0, stdout: 'maintenance is on: nothing is sent until `plixo ops maintenance off`\n' });
    expect((await cli('ops', 'maintenance', 'status')).stdout).toMatch(/^maintenance: on since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ by cli:\S+: relay migration\n$/);
    expect((await cli('ops', 'maintenance', 'on', '--reason', 'again')).stdout).toMatch(/^maintenance was already on since .*: relay migration; nothing changed\n$/);

    expect((await cli('ops', 'maintenance', 'off')).stdout).toBe('maintenance is off: the worker resumes on its next tick and catches up\n');
    expect((await cli('ops', 'maintenance', 'off')).stdout).toBe('maintenance was already off; nothing changed\n');

    const audit = await cli('ops', 'audit', '--json');
    const entries = audit.stdout.trim().split('\n').map((line) => JSON.parse(line) as { action: string; actor: string; detail: object });
    expect(entries.map((entry) => [entry.action, entry.detail])).toEqual([
      ['maintenance.off', { reason: null }],
      ['maintenance.on', { reason: 'relay migration' }],
    ]);
    for (const entry of entries) expect(entry.actor).toMatch(/^cli:\S+$/);
    expect((await cli('ops', 'audit', '--limit', '1')).stdout).toMatch(/^AT +ACTOR +ACTION +SUBJECT +DETAIL\n.*maintenance\.off +maintenance +\{"reason":null\}\n$/);
    expect((await cli('ops', 'audit', '--limit', 'all')).code).toBe(2);
  });
});

describe('plixo ops cron', () => {
  it('lists the jobs, pauses and resumes one, and names the jobs when given another', async () => {
    const { cli } = freshCli();
    expect((await cli('ops', 'cron', 'list')).stdout).toBe(
      [
        'NAME            STATE   LAST RUN  LAST STATUS',
        'planning        active  -         -',
        'sending         active  -         -',
        'queue           active  -         -',
        'inbound         active  -         -',
        'deliverability  active  -         -',
        'retention       active  -         -',
        'webhooks        active  -         -',
        '',
      ].join('\n'),
    );
    expect((await cli('ops', 'cron', 'pause', 'sending', '--reason', 'relay down')).stdout).toBe('job sending paused\n');
    expect((await cli('ops', 'cron', 'pause', 'sending')).stdout).toBe('job sending was already paused; nothing changed\n');
    expect((await cli('ops', 'cron', 'list')).stdout).toContain('sending         paused (relay down)  -');

    const unknown = await cli('ops', 'cron', 'pause', 'nightly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('plixo ops: there is no job "nightly"; the jobs are planning, sending, queue, inbound, deliverability, retention, webhooks\n');

    expect((await cli('ops', 'cron', 'resume', 'sending')).stdout).toBe('job sending resumed\n');
    expect((await cli('ops', 'audit')).stdout).toMatch(/job\.resume +job sending[^\n]*\n.*job\.pause +job sending +\{"reason":"relay down"\}\n$/);
  });
});

describe('plixo ops readiness', () => {
  it('fails on a database that was never migrated, without migrating it', async () => {
    const { cli } = freshCli();
    const first = await cli('ops', 'readiness');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^FAIL database: reachable, but migrations not applied: 0001-initial, /m);
    expect((await cli('ops', 'readiness')).stdout).toMatch(/^FAIL database: .*0001-initial/m);
  });

  it('passes or warns on a migrated install with a writable mailbox, one line per check', async () => {
    const { cli } = freshCli();
    await cli('ops', 'maintenance', 'status');
    const result = await cli('ops', 'readiness');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'PASS database',
      'WARN worker',
      'PASS mail',
      'WARN sending-domains',
      'WARN policies',
      'PASS outbox',
      'PASS maintenance',
      'PASS scheduled-jobs',
      'overall',
    ]);
    expect(lines.at(-1)).toBe('overall: WARN');
    expect(lines[2]).toMatch(/^PASS mail: messages are written to .*mailbox \(no SMTP server is set\)$/);

    const json = await cli('ops', 'readiness', '--json');
    const report = JSON.parse(json.stdout) as ReadinessReport;
    expect(report.status).toBe('warn');
    expect(report.checks).toHaveLength(8);
  });

  it('exits 1 when a check fails: a stale worker and an SMTP server that is not there', async () => {
    const port = await closedPort();
    const { cli, databaseFile } = freshCli({ PLIXO_SMTP_URL: `smtp://127.0.0.1:${port}` });
    await cli('ops', 'maintenance', 'status');
    const database = openDatabase(`file:${databaseFile}`);
    try {
      await createStore(database).recordHeartbeat({ workerId: 'host-a:101', seenAt: Date.now() - 60 * 60_000, detail: {} });
    } finally {
      await database.close();
    }
    const result = await cli('ops', 'readiness');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL worker: no fresh heartbeat: worker host-a:101 was last seen 60 min ago \(limit 2 min\)$/m);
    expect(result.stdout).toContain(`FAIL mail: SMTP server 127.0.0.1:${port} refused the connection (nothing listens there)`);
    expect(result.stdout).toMatch(/overall: FAIL\n$/);
  });
});

describe('plixo ops plan', () => {
  it("shows the plan with usage and limits, changes it with an audit entry, and refuses one too small for what the organisation holds", async () => {
    const { cli, databaseFile } = freshCli();
    await cli('ops', 'maintenance', 'status');
    const database = openDatabase(`file:${databaseFile}`);
    try {
      const store = createStore(database);
      await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
      await store.upsertCustomers('acme', [{ id: 'c1', name: 'One', timeZone: null, locale: null, tags: [], region: null, industry: null, score: null, tier: null, contacts: [] }]);
      await store.upsertInvoices('acme', [
        { id: 'I1', customerId: 'c1', number: 'I1', issuedOn: '2026-11-01', dueOn: '2026-12-01', amountMinor: 2_000_000_00, balanceMinor: 2_000_000_00, currency: 'USD', knownAt: Date.UTC(2026, 10, 1), status: 'open' },
      ]);
    } finally {
      await database.close();
    }
    const shown = await cli('ops', 'plan');
    expect(shown.stdout).toBe('acme: Growth plan; 1 customers (5,000), 2,000,000 open balance (25,000,000)\n');
    const down = await cli('ops', 'plan', 'starter', '--reason', 'trial ended');
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('the Starter plan holds 250 customers and 1,000,000: the Growth plan holds this');
    const up = await cli('ops', 'plan', 'enterprise', '--reason', 'signed');
    expect(up.stdout).toBe('acme: Enterprise plan; 1 customers (no limit), 2,000,000 open balance (no limit)\n');
    const audit = await cli('ops', 'audit', '--json');
    expect(audit.stdout).toContain('"action":"organisation.plan"');
    expect((await cli('ops', 'plan', 'platinum')).stderr).toContain('plan must be one of starter, growth, scale, enterprise');
  });
});
