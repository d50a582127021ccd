import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestMember, startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';

// Drafts, the suppression list and the audit export over HTTP, as an A/R operator signed in.

const now = Date.UTC(2026, 11, 2, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let session: { token: string; csrfToken: string };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  for (const id of ['acme', 'beta']) {
    await store.upsertWorkspace({ id, name: id, timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    await store.savePolicyVersion(id, { version: 1, bundle: buildPolicyFiles(), status: 'published' });
    await store.upsertCustomers(id, [buildCustomer({ id: 'c1', timeZone: 'UTC' })]);
    await store.upsertInvoices(id, [buildInvoice({ id: 'INV-1', customerId: 'c1', dueOn: '2026-12-20', knownAt: now - 86_400_000 })]);
    await store.enqueueOutboxMessages(id, [
      { ...buildOutboxMessage({ key: 'draft:c1:INV-1/standard/due', kind: 'draft', status: 'draft', decidedAt: now, notBefore: now }), writtenAt: now },
      { ...buildOutboxMessage({ key: 'draft:c1:INV-1/standard/late', kind: 'draft', status: 'draft', decidedAt: now, notBefore: now }), writtenAt: now },
    ]);
  }
  await store.appendAudit({ workspaceId: 'beta', at: now, actor: 'someone@beta.example', action: 'beta.secret', subject: 'beta only' });
  await addTestMember(store, { workspaceId: 'acme', id: 'u1', email: 'olu@acme.example', role: 'operator', createdAt: now });
  await addTestMember(store, { workspaceId: 'acme', id: 'u2', email: 'cy@acme.example', role: 'controller', createdAt: now });
  session = await startSession({ store, userId: 'u1', now, settings: defaultAccessSettings });
});
afterAll(async () => {
  await server.close();
});

const as = (sessionOf: { token: string; csrfToken: string }) => (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: `plixo_session=${sessionOf.token}`, 'x-csrf-token': sessionOf.csrfToken }, ...(payload ? { payload } : {}) });

describe('drafts over the API', () => {
  it('lists drafts, edits one, approves it once, and discards the other with a reason, each audited with the role', async () => {
    const operator = as(session);
    const list = await operator('GET', '/api/orgs/acme/outbox?status=draft&limit=1');
    expect(list.json().items).toHaveLength(1);
    const second = await operator('GET', `/api/orgs/acme/outbox?status=draft&limit=1&cursor=${list.json().nextCursor}`);
    expect(second.json()).toMatchObject({ items: [{ status: 'draft' }], nextCursor: null });
    const [first, other] = [list.json().items[0].id, second.json().items[0].id];

    const edited = await operator('PUT', `/api/orgs/acme/drafts/${first}`, { subject: 'A friendly reminder', text: 'Hello, invoice INV-1 is open.' });
    expect(edited.json()).toMatchObject({ subject: 'A friendly reminder', text: 'Hello, invoice INV-1 is open.', edited: true });
    const approved = await operator('POST', `/api/orgs/acme/drafts/${first}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'queued', reviewedBy: 'olu@acme.example' });
    const again = await operator('POST', `/api/orgs/acme/drafts/${first}/approve`);
    expect(again.statusCode).toBe(409);
    expect((await operator('POST', `/api/orgs/acme/drafts/${other}/discard`, { reason: 'customer called' })).statusCode).toBe(204);

    const audit = await store.listAudit({ workspaceId: 'acme', action: 'draft.' });
    expect(audit.map((entry) => [entry.action, entry.actor, entry.detail.role])).toEqual([
      ['draft.discard', 'olu@acme.example', 'operator'],
      ['draft.approve', 'olu@acme.example', 'operator'],
      ['draft.edit', 'olu@acme.example', 'operator'],
    ]);
  });
});

describe('suppressions and the audit export over the API', () => {
  it('suppresses an address until a date, lists it, and lifts it', async () => {
    const operator = as(session);
    const added = await operator('POST', '/api/orgs/acme/suppressions', { email: 'AP@Acme.example', reason: 'legal_hold', until: '2027-01-31T00:00:00.000Z', note: 'counsel asked' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'ap@acme.example', reason: 'legal_hold', untilAt: '2027-01-31T00:00:00.000Z' });
    expect((await operator('GET', '/api/orgs/acme/suppressions?active=true')).json().items.map((item: { email: string }) => item.email)).toEqual(['ap@acme.example']);
    const bad = await operator('POST', '/api/orgs/acme/suppressions', { email: 'x@acme.example', reason: 'because' });
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'reason']);
    expect((await operator('DELETE', '/api/orgs/acme/suppressions/ap@acme.example')).statusCode).toBe(204);
    expect((await operator('DELETE', '/api/orgs/acme/suppressions/ap@acme.example')).statusCode).toBe(404);
  });

  it('exports the organisation’s own audit trail as CSV and JSON Lines, and only to roles that may read it', async () => {
    const controller = as(await startSession({ store, userId: 'u2', now, settings: defaultAccessSettings }));
    const csv = await controller('GET', '/api/orgs/acme/audit/export?format=csv&action=suppression.');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="audit-acme-2026-12-02.csv"');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,workspace,actor,action,subject,detail,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['suppression.add', 'suppression.remove']);
    const json = await controller('GET', '/api/orgs/acme/audit/export?format=json');
    const entries = json.body.trimEnd().split('\n').map((line) => JSON.parse(line) as { workspaceId: string; action: string });
    expect(entries.length).toBeGreaterThan(4);
    expect(entries.every((entry) => entry.workspaceId === 'acme')).toBe(true);
    expect(json.body).not.toContain('beta only');
    expect((await as(session)('GET', '/api/orgs/acme/audit/export')).statusCode).toBe(403);
  });
});
