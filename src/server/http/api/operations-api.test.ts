import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// The ops console over HTTP: readiness scoped to the caller's organisation, the installation's
// switches (maintenance, jobs) for a Controller only, audited with who and why.

const now = Date.UTC(2026, 11, 2, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const tokens: Record<'controller' | 'manager' | 'viewer', string> = { controller: '', manager: '', viewer: '' };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  // Another organisation without a published policy: its failing check is its own, not Acme's.
  await store.upsertWorkspace({ id: 'other-secret-org', name: 'Other', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1' })]);
  await store.enqueueOutboxMessages('acme', [buildOutboxMessage({ key: 'k1', notBefore: now - 20 * 60_000 }), buildOutboxMessage({ key: 'k2', notBefore: now + 60_000 })]);
  await store.recordJobRun('deliverability', { startedAt: now - 3_600_000, finishedAt: now - 3_599_000, status: 'ok' });
  const by = { kind: 'user' as const, id: 'u1', label: 'carla@acme.example', role: 'controller' as const };
  tokens.controller = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'controller', role: 'controller' })).secret;
  tokens.manager = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'manager', role: 'ar_manager' })).secret;
  tokens.viewer = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'viewer', role: 'viewer' })).secret;
});
afterAll(async () => {
  await server.close();
});

const call = (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(body ? { payload: body } : {}) });

describe('the ops console over the API', () => {
  it('shows every readiness check with its scope, the organisation’s checks only about the organisation', async () => {
    const response = await call('viewer', 'GET', '/api/orgs/acme/operations');
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.checks.map((check: { name: string; scope: string }) => `${check.name}:${check.scope}`)).toEqual([
      'database:installation',
      'worker:installation',
      'mail:installation',
      'sending-domains:organisation',
      'policies:organisation',
      'outbox:installation',
      'maintenance:installation',
      'scheduled-jobs:installation',
    ]);
    const policies = view.checks.find((check: { name: string }) => check.name === 'policies');
    expect(policies).toMatchObject({ status: 'pass' });
    expect(response.body).not.toContain('other-secret-org');
    expect(view.outbox).toEqual({ queued: 2, sending: 0, failed: 0, held: 0, draft: 0, oldestDueAt: new Date(now - 20 * 60_000).toISOString(), oldestDueAgeMs: 20 * 60_000 });
    const deliverability = view.jobs.find((job: { name: string }) => job.name === 'deliverability');
    expect(deliverability).toMatchObject({ state: 'active', lastStatus: 'ok', nextRunAt: new Date(now - 3_600_000 + 6 * 3_600_000).toISOString() });
    expect(view.jobs.find((job: { name: string }) => job.name === 'planning')).toMatchObject({ state: 'active', nextRunAt: null, lastStartedAt: null });
  });

  it('lets a Controller pause and resume a job, audited with the reason; an A/R manager and a viewer may not', async () => {
    expect((await call('manager', 'POST', '/api/orgs/acme/operations/jobs/sending/pause', { reason: 'smtp move' })).statusCode).toBe(403);
    expect((await call('viewer', 'POST', '/api/orgs/acme/operations/jobs/sending/pause', {})).statusCode).toBe(403);
    const paused = await call('controller', 'POST', '/api/orgs/acme/operations/jobs/sending/pause', { reason: 'smtp move' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ name: 'sending', state: 'paused', pausedReason: 'smtp move', changed: true });
    expect((await call('controller', 'POST', '/api/orgs/acme/operations/jobs/sending/pause', { reason: 'again' })).json()).toMatchObject({ changed: false, pausedReason: 'smtp move' });
    const console = (await call('viewer', 'GET', '/api/orgs/acme/operations')).json();
    expect(console.checks.find((check: { name: string }) => check.name === 'scheduled-jobs')).toMatchObject({ status: 'warn', detail: expect.stringContaining('sending paused (smtp move)') });
    expect((await call('controller', 'POST', '/api/orgs/acme/operations/jobs/sending/resume', {})).json()).toMatchObject({ state: 'active', changed: true });
    const audit = await store.listAudit({ workspaceId: null, action: 'job.' });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['job.resume', 'token:controller'],
      ['job.pause', 'token:controller'],
    ]);
    const unknown = await call('controller', 'POST', '/api/orgs/acme/operations/jobs/mailing/pause', {});
    expect([unknown.statusCode, unknown.json().error.field]).toEqual([400, 'name']);
  });

  it('switches maintenance on only with a reason, shows it as held jobs and a warning, and off again', async () => {
    const missing = await call('controller', 'POST', '/api/orgs/acme/operations/maintenance', { on: true });
    expect([missing.statusCode, missing.json().error.field]).toEqual([400, 'reason']);
    const on = await call('controller', 'POST', '/api/orgs/acme/operations/maintenance', { on: true, reason: 'database upgrade' });
    expect(on.json()).toMatchObject({ on: true, reason: 'database upgrade', changedBy: 'token:controller', changed: true });
    const view = (await call('viewer', 'GET', '/api/orgs/acme/operations')).json();
    expect(view.maintenance).toMatchObject({ on: true, reason: 'database upgrade' });
    expect(view.jobs.filter((job: { state: string }) => job.state === 'held').map((job: { name: string }) => job.name)).toEqual(['planning', 'sending']);
    expect(view.checks.find((check: { name: string }) => check.name === 'maintenance')).toMatchObject({ status: 'warn' });
    expect((await call('controller', 'POST', '/api/orgs/acme/operations/maintenance', { on: false })).json()).toMatchObject({ on: false, changed: true });
    expect((await store.listAudit({ workspaceId: null, action: 'maintenance.' })).map((entry) => entry.action)).toEqual(['maintenance.off', 'maintenance.on']);
  });
});
