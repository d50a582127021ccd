import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { OutboxMessageInput } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { checkReadiness, type CheckReadinessInput } from './check-readiness.ts';
import type { ReadinessCheckName, ReadinessReport } from './readiness-report.ts';

// Against the real store (SQLite in memory), with the probes the server would pass replaced by
// plain functions and `now` chosen by the test.

const now = Date.parse('2024-04-02T10:00:00Z');
const minute = 60_000;

const policyText = (template = 't') => `kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: growth
senders:
  - domain: ar.acme.example
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: ${template} }
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

interface Setup {
  store: Store;
  database: DatabaseHandle;
  check: (overrides?: Partial<CheckReadinessInput>) => Promise<ReadinessReport>;
}

async function withStore(work: (setup: Setup) => Promise<void>): Promise<void> {
  const database = openDatabase(':memory:');
  try {
    await migrateToLatest(database);
    const store = createStore(database, { now: () => now });
    const check = (overrides: Partial<CheckReadinessInput> = {}) =>
      checkReadiness({
        store,
        now,
        heartbeatMaxAgeMs: 2 * minute,
        probeMail: async () => ({ ok: true, detail: 'SMTP server relay:587 accepted the connection and the login' }),
        migrationsPending: async () => [],
        ...overrides,
      });
    await work({ store, database, check });
  } finally {
    await database.close();
  }
}

/** A workspace that is ready: a published policy, a verified domain, a fresh worker. */
async function seedReadyInstall(store: Store): Promise<void> {
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
  await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText() }], status: 'published' });
  await store.saveDomainCheck('acme', 'ar.acme.example', { checkedAt: now - 60 * minute, status: 'pass', spf: 'pass', dkim: 'pass', dmarc: 'pass', detail: {} });
  await store.recordHeartbeat({ workerId: 'host-a:101', seenAt: now - 30_000, detail: {} });
}

async function enqueueDue(store: Store, dueAt: number): Promise<void> {
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
  const message: OutboxMessageInput = {
    key: `send:c1:INV-1/standard/due@${dueAt}`,
    kind: 'send',
    status: 'queued',
    customerId: 'c1',
    invoiceIds: ['INV-1'],
    decidedAt: dueAt,
    notBefore: dueAt,
    sendingDomain: 'ar.acme.example',
    messageId: `<m${dueAt}@ar.acme.example>`,
    content: { fromName: 'Acme', fromAddress: 'receivables@ar.acme.example', replyTo: null, to: ['ap@acme.example'], subject: 's', text: 't', html: '<p>t</p>', headers: {}, attachments: [] },
  };
  await store.enqueueOutboxMessages('acme', [message]);
}

function byName(report: ReadinessReport): Record<ReadinessCheckName, { status: string; detail: string }> {
  return Object.fromEntries(report.checks.map(({ name, ...rest }) => [name, rest])) as Record<ReadinessCheckName, { status: string; detail: string }>;
}

describe('checkReadiness', () => {
  it('passes every check of a ready install, in a fixed order', async () => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      const report = await check();
      expect(report.checks.map((entry) => [entry.name, entry.status])).toEqual([
        ['database', 'pass'],
        ['worker', 'pass'],
        ['mail', 'pass'],
        ['sending-domains', 'pass'],
        ['policies', 'pass'],
        ['outbox', 'pass'],
        ['maintenance', 'pass'],
        ['scheduled-jobs', 'pass'],
      ]);
      expect(report.status).toBe('pass');
      expect(report.checkedAt).toBe(now);
      const checks = byName(report);
      expect(checks.database.detail).toBe('reachable, 1 workspace, schema up to date');
      expect(checks.worker.detail).toBe('worker host-a:101 seen 30 s ago (limit 2 min)');
      expect(checks['sending-domains'].detail).toBe('acme ar.acme.example: SPF, DKIM and DMARC pass (checked 2024-04-02T09:00:00.000Z)');
      expect(checks.policies.detail).toBe('acme: version 1, 1 segment');
      expect(checks.outbox.detail).toBe('0 pending, none overdue');
    });
  });

  it('warns on an empty install: no workspace, no worker yet, no mail probe', async () => {
    await withStore(async ({ check }) => {
      const report = await check({ probeMail: undefined, migrationsPending: undefined });
      const checks = byName(report);
      expect(report.status).toBe('warn');
      expect(checks.worker).toEqual({ status: 'warn', detail: expect.stringContaining('no worker has reported yet') });
      expect(checks.mail).toEqual({ status: 'warn', detail: 'not checked: no mailer to probe' });
      expect(checks.policies).toEqual({ status: 'warn', detail: 'no workspace yet' });
      expect(checks.database).toEqual({ status: 'pass', detail: 'reachable, 0 workspaces (migrations not checked)' });
    });
  });

  it('fails on a stale heartbeat, a pending migration and an unreachable mail server', async () => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      await store.recordHeartbeat({ workerId: 'host-a:101', seenAt: now - 5 * minute, detail: {} });
      const report = await check({
        migrationsPending: async () => ['0006-retention'],
        probeMail: async () => ({ ok: false, detail: 'SMTP server relay:587 refused the connection (nothing listens there)' }),
      });
      const checks = byName(report);
      expect(report.status).toBe('fail');
      expect(checks.worker).toEqual({ status: 'fail', detail: 'no fresh heartbeat: worker host-a:101 was last seen 5 min ago (limit 2 min)' });
      expect(checks.database).toEqual({ status: 'fail', detail: 'reachable, but migrations not applied: 0006-retention' });
      expect(checks.mail.status).toBe('fail');
    });
  });

  it('fails a workspace without a published version, and one whose cadence names a missing template', async () => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      await store.savePolicyVersion('acme', { version: 2, bundle: [{ path: 'policy.yaml', text: policyText('reminder') }], status: 'published' });
      await store.upsertWorkspace(buildWorkspace({ id: 'beta' }));
      await store.savePolicyVersion('beta', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText() }], status: 'draft' });
      const checks = byName(await check());
      expect(checks.policies.status).toBe('fail');
      expect(checks.policies.detail).toMatch(/^acme: live version 2 does not load \(1 error\); first: policy\.yaml:\d+:\d+: .*reminder/);
      expect(checks.policies.detail).toContain('beta: no published policy version, so none of its segments run (draft 1 not published)');
      // Neither policy loads, so there is no sending domain to check: the policies check says why.
      expect(checks['sending-domains']).toEqual({ status: 'warn', detail: 'no workspace with a loadable policy to check' });
    });
  });

  it.each([
    { name: 'never checked', seed: async () => {}, status: 'warn', detail: 'acme ar.acme.example: DNS never checked' },
    {
      name: 'failing',
      seed: (store: Store) => store.saveDomainCheck('acme', 'ar.acme.example', { checkedAt: now, status: 'fail', spf: 'pass', dkim: 'fail', dmarc: 'warn', detail: {} }),
      status: 'fail',
      detail: 'acme ar.acme.example: DKIM fail, DMARC warn (checked 2024-04-02T10:00:00.000Z)',
    },
    {
      name: 'paused',
      seed: async (store: Store) => {
        await store.saveDomainCheck('acme', 'ar.acme.example', { checkedAt: now, status: 'pass', spf: 'pass', dkim: 'pass', dmarc: 'pass', detail: {} });
        await store.setDomainPaused('acme', 'ar.acme.example', { paused: true, reason: 'bounce rate 7 % over the last 200 sends', at: now });
      },
      status: 'fail',
      detail: 'acme ar.acme.example: paused (bounce rate 7 % over the last 200 sends)',
    },
  ])('judges a sending domain that is $name', async ({ seed, status, detail }) => {
    await withStore(async ({ store, check }) => {
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
      await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText() }], status: 'published' });
      await seed(store);
      expect(byName(await check())['sending-domains']).toEqual({ status, detail });
    });
  });

  it.each([
    { ageMinutes: 10, status: 'pass' },
    { ageMinutes: 20, status: 'warn' },
    { ageMinutes: 90, status: 'fail' },
  ])('judges an outbox whose oldest due message waits $ageMinutes min: $status', async ({ ageMinutes, status }) => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      await enqueueDue(store, now - ageMinutes * minute);
      const outbox = byName(await check()).outbox;
      expect(outbox.status).toBe(status);
      expect(outbox.detail).toMatch(new RegExp(`^1 pending, the oldest due ${ageMinutes} min ago`));
    });
  });

  it('only warns about a backlog while maintenance is on, and says so', async () => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      await enqueueDue(store, now - 90 * minute);
      await store.setMaintenance({ on: true, reason: 'relay migration', at: now - 100 * minute, by: 'cli:ana' });
      await store.setScheduledJobPaused('retention', { paused: true, reason: 'disk full', at: now, by: 'cli:ana' });
      const report = await check();
      const checks = byName(report);
      expect(report.status).toBe('warn');
      expect(checks.outbox).toEqual({ status: 'warn', detail: '1 pending, the oldest due 90 min ago: maintenance is on' });
      expect(checks.maintenance).toEqual({ status: 'warn', detail: 'on since 2024-04-02T08:20:00.000Z by cli:ana: nothing is sent (relay migration)' });
      expect(checks['scheduled-jobs']).toEqual({ status: 'warn', detail: 'retention paused (disk full)' });
    });
  });

  it('turns a probe that throws or hangs into a failed check and reports the rest', async () => {
    await withStore(async ({ store, check }) => {
      await seedReadyInstall(store);
      const report = await check({
        probeMail: () => Promise.reject(new Error('socket hang up')),
        migrationsPending: () => new Promise<string[]>(() => {}),
        checkTimeoutMs: 50,
      });
      const checks = byName(report);
      expect(report.status).toBe('fail');
      expect(checks.mail).toEqual({ status: 'fail', detail: 'socket hang up' });
      expect(checks.database).toEqual({ status: 'fail', detail: 'no answer within 50 ms' });
      expect(checks.policies.status).toBe('pass');
    });
  });

  it('never throws, even when the database is gone', async () => {
    await withStore(async ({ database, check }) => {
      await database.close();
      const report = await check();
      expect(report.status).toBe('fail');
      for (const name of ['database', 'worker', 'policies', 'outbox', 'maintenance'] as const) expect(byName(report)[name].status).toBe('fail');
    });
  });
});
