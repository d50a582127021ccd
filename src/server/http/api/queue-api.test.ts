import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { refreshCollectionsQueue } from '../../../app/collections/refresh-collections-queue.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';

// The collections queue over HTTP: ranks across pages, today's focus, and the names a person reads.

const now = Date.UTC(2026, 11, 2, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind', timeZone: 'UTC' })]);
  // Five invoices, each ten days later due than the one before: the oldest ranks first.
  await store.upsertInvoices(
    'acme',
    [0, 1, 2, 3, 4].map((index) => buildInvoice({ id: `INV-${index}`, number: `N-${index}`, customerId: 'c1', issuedOn: '2026-06-01', dueOn: `2026-${String(7 + index).padStart(2, '0')}-15`, knownAt: now })),
  );
  await refreshCollectionsQueue({ store, workspaceId: 'acme', now });
  const by = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  token = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'viewer', role: 'viewer' })).secret;
});
afterAll(async () => {
  await server.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('the collections queue over the API', () => {
  it('ranks across pages, marks the top three as today’s focus, and names invoices and customers', async () => {
    const first = (await get('/api/orgs/acme/queue?limit=2')).json();
    expect(first.refreshedAt).toBe(new Date(now).toISOString());
    expect(first.items.map((item: { rank: number; focus: boolean; invoiceNumber: string }) => [item.rank, item.focus, item.invoiceNumber])).toEqual([
      [1, true, 'N-0'],
      [2, true, 'N-1'],
    ]);
    expect(first.items[0]).toMatchObject({ customerName: 'Northwind', daysPastDue: 140, reasons: [{ code: 'aging', text: 'more than 90 days past due' }, { code: 'amount' }] });
    const second = (await get(`/api/orgs/acme/queue?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((item: { rank: number; focus: boolean }) => [item.rank, item.focus])).toEqual([
      [3, true],
      [4, false],
    ]);
    const last = (await get(`/api/orgs/acme/queue?limit=2&cursor=${second.nextCursor}`)).json();
    expect([last.items.length, last.nextCursor]).toEqual([1, null]);
  });
});
