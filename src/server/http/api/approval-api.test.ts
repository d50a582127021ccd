import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';

// Approvals over HTTP: an operator asks, the approvers' inbox shows it, the requester cannot
// approve it, a Controller can, and the email links to it.

const now = Date.UTC(2026, 11, 2, 12);
const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\ncaps:\n  credit:\n    - upTo: 100\n    - approvers: [controller]\n';
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const sessions: Record<string, { token: string; csrfToken: string }> = {};

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'cadence.yaml': cadence }), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', timeZone: 'UTC' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-12-20', knownAt: now })]);
  for (const [id, role] of [['olu', 'operator'], ['cy', 'controller']] as const) {
    await store.createUser({ id, email: `${id}@acme.example`, name: id, passwordHash: '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA' });
    await store.addMembership({ workspaceId: 'acme', userId: id, role, createdAt: now });
    sessions[id] = await startSession({ store, userId: id, now, settings: defaultAccessSettings });
  }
});
afterAll(async () => {
  await server.close();
});

const as = (who: string) => (method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: `plixo_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrfToken }, ...(payload ? { payload } : {}) });

describe('approvals over the API', () => {
  it('routes a credit to the Controller, refuses the requester, and applies it when the Controller approves', async () => {
    const asked = await as('olu')('POST', '/api/orgs/acme/approvals', { invoiceId: 'INV-1', kind: 'credit', amount: '250.00', reason: 'damaged pallet' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', awaiting: ['controller'], amount: { value: '250.00', currency: 'EUR' }, explanation: 'cadence standard, credit cap above the last bound: approved by controller' });
    const id = asked.json().id as number;
    expect(server.mail.map((message) => message.to)).toEqual(['cy@acme.example']);
    expect(server.mail[0]!.text).toContain(`http://127.0.0.1:3000/approvals/${id}`);

    expect((await as('cy')('GET', '/api/orgs/acme/approvals?awaiting=me')).json().items.map((item: { id: number }) => item.id)).toEqual([id]);
    expect((await as('olu')('GET', '/api/orgs/acme/approvals?awaiting=me')).json().items).toEqual([]);

    const own = await as('olu')('POST', `/api/orgs/acme/approvals/${id}/decision`, { decision: 'approve', rationale: 'looks right' });
    expect(own.statusCode).toBe(403);
    const approved = await as('cy')('POST', `/api/orgs/acme/approvals/${id}/decision`, { decision: 'approve', rationale: 'photos attached' });
    expect(approved.json()).toMatchObject({ status: 'approved', awaiting: [], decisions: [{ role: 'controller', decision: 'approve', by: 'cy@acme.example', rationale: 'photos attached' }] });
    expect((await store.listEvents('acme')).map((event) => [event.type, event.payload.amount])).toEqual([['credit', '250.00']]);
    expect((await as('olu')('GET', `/api/orgs/acme/approvals/${id}`)).json().status).toBe('approved');
  });
});
