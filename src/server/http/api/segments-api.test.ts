import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// Segments with their health and the Autopilot switch, and nudges, over HTTP with API tokens.

const now = Date.UTC(2026, 11, 2, 12); // Wednesday, 12:00 UTC
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const tokens: Record<'manager' | 'sales', string> = { manager: '', sales: '' };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind', timeZone: 'UTC' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'N-1', customerId: 'c1', issuedOn: '2026-11-01', dueOn: '2026-12-01', knownAt: now - 3_600_000 })]);
  const by = { kind: 'user' as const, id: 'u1', label: 'carla@acme.example', role: 'controller' as const };
  tokens.manager = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'manager', role: 'ar_manager' })).secret;
  tokens.sales = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'sales', role: 'sales' })).secret;
});
afterAll(async () => {
  await server.close();
});

const call = (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: object, key?: string) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}`, ...(key ? { 'idempotency-key': key } : {}) }, ...(body ? { payload: body } : {}) });

describe('segments and nudges over the API', () => {
  it('lists segments with health and switches one to Autopilot (an A/R manager), which Sales may not', async () => {
    const listed = (await call('sales', 'GET', '/api/orgs/acme/segments')).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ segment: 'everyone', mode: 'shadow', version: 1, health: expect.objectContaining({ openInvoices: 1, coverage: 1 }), autopilotBlockers: [], publishBlocker: null }),
    ]);
    expect((await call('sales', 'POST', '/api/orgs/acme/segments/everyone/mode', { mode: 'autopilot' })).statusCode).toBe(403);
    const switched = await call('manager', 'POST', '/api/orgs/acme/segments/everyone/mode', { mode: 'autopilot', reason: 'ready' });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ mode: 'autopilot', fileMode: 'shadow', switchedBy: 'token:manager', switchedAt: new Date(now).toISOString() });
  });

  it('previews a segment of unsaved files for an A/R manager, refuses Sales, and names the file and field of a bad filter', async () => {
    const files = buildPolicyFiles({ 'segments.yaml': 'kind: Segment\nname: late\npriority: 10\nmatch:\n  invoice.daysPastDue: { gte: 1 }\ncadence: standard\nmode: shadow\n---\nkind: Segment\nname: everyone\npriority: 20\ncadence: standard\nmode: shadow\n' });
    // INV-1 was due on 1 Dec 2026, one day before now.
    const preview = await call('manager', 'POST', '/api/orgs/acme/segments/preview', { files, segment: 'late' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ segment: 'late', openInvoices: 1, matched: 1, governed: 1, overlaps: [], invoices: [{ id: 'INV-1', customerName: 'Northwind', daysPastDue: 1, balance: { minor: 120_000, currency: 'EUR' } }] });
    expect((await call('sales', 'POST', '/api/orgs/acme/segments/preview', { files, segment: 'late' })).statusCode).toBe(403);
    const bad = await call('manager', 'POST', '/api/orgs/acme/segments/preview', { files: buildPolicyFiles({ 'segments.yaml': 'kind: Segment\nname: late\nmatch:\n  invoice.balance: { lt: lots }\ncadence: standard\nmode: shadow\n' }), segment: 'late' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'policy_invalid', field: 'segments.yaml: match.invoice.balance.lt' });
  });

  it('sends a nudge as Sales once per idempotency key, and names the field of a bad template', async () => {
    const first = await call('sales', 'POST', '/api/orgs/acme/invoices/INV-1/nudge', { note: 'asked at lunch' }, 'nudge-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'send', status: 'queued', invoiceIds: ['INV-1'], template: 'reminder', waitsFor: [], existing: false, to: ['ap@acme.example'] });
    const replay = await call('sales', 'POST', '/api/orgs/acme/invoices/INV-1/nudge', { note: 'asked at lunch' }, 'nudge-1');
    expect([replay.statusCode, replay.json().id]).toEqual([201, first.json().id]);
    const bad = await call('sales', 'POST', '/api/orgs/acme/invoices/INV-1/nudge', { template: 'nope' }, 'nudge-2');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'template' });
    expect((await call('sales', 'POST', '/api/orgs/acme/invoices/NOPE/nudge', {}, 'nudge-3')).statusCode).toBe(404);
  });
});
