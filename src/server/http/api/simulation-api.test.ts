import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { addTestMember, startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// The simulator over HTTP: the engine's timeline for one customer with the reasons it moved, a
// draft simulated before it is published, and clear refusals naming the field.

const now = Date.UTC(2026, 11, 2, 12);
// Quiet hours until 10:00 in the customer's zone (Berlin), and a step planned at 09:00 local.
const workspace = 'kind: Workspace\nname: acme\ntimezone: Europe/Berlin\nlocale: en-US\ncurrency: USD\nplan: growth\nguardrails:\n  sendAt: "09:00"\n  quietHours: { from: "20:00", to: "10:00" }\nsenders:\n  - domain: ar.acme.example\n';
const cadence = (day: number) => `kind: Cadence\nname: standard\ntone: neutral\nsteps:\n  - id: due\n    day: ${day}\n    template: reminder\n`;

let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let session: { token: string; csrfToken: string };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'en-US', currency: 'USD' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  // Due Thursday 10 December 2026.
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', issuedOn: '2026-11-10', dueOn: '2026-12-10', knownAt: now - 86_400_000 })]);
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'workspace.yaml': workspace, 'cadence.yaml': cadence(0) }), status: 'published' });
  await store.savePolicyVersion('acme', { version: 2, bundle: buildPolicyFiles({ 'workspace.yaml': workspace, 'cadence.yaml': cadence(1) }), status: 'draft' });
  await addTestMember(store, { workspaceId: 'acme', id: 'u1', email: 'ana@acme.example', role: 'operator', createdAt: now });
  session = await startSession({ store, userId: 'u1', now, settings: defaultAccessSettings });
});
afterAll(async () => {
  await server.close();
});

const simulate = (payload: object) => app.inject({ method: 'POST', url: '/api/orgs/acme/simulate', headers: { cookie: `plixo_session=${session.token}`, 'x-csrf-token': session.csrfToken }, payload });

describe('the simulator over the API', () => {
  it('moves the due-date message out of quiet hours, naming where it was planned', async () => {
    const response = await simulate({ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z', customerId: 'c1' });
    expect(response.statusCode).toBe(200);
    const drafts = response.json().actions.filter((action: { type: string }) => action.type === 'draft' || action.type === 'send');
    expect(drafts).toHaveLength(1);
    // 09:00 in Berlin (08:00Z) is inside quiet hours until 10:00 (09:00Z).
    expect(drafts[0]).toMatchObject({ at: '2026-12-10T09:00:00.000Z', plannedAt: '2026-12-10T08:00:00.000Z', moves: ['quiet_hours'], steps: [{ invoice: 'INV-1', cadence: 'standard', step: 'due' }] });
  });

  it('simulates a draft before it is published', async () => {
    const response = await simulate({ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z', customerId: 'c1', version: 2 });
    expect(response.json().version).toBe(2);
    const messages = response.json().actions.filter((action: { type: string }) => action.type === 'draft' || action.type === 'send');
    expect(messages[0].at).toBe('2026-12-11T09:00:00.000Z');
  });

  it('refuses a bad range, a missing choice and unknown names, naming the field', async () => {
    const cases: [object, number, string][] = [
      [{ from: '2026-12-03T00:00:00Z', to: 'soon', customerId: 'c1' }, 400, 'to'],
      [{ from: '2026-12-10T00:00:00Z', to: '2026-12-03T00:00:00Z', customerId: 'c1' }, 400, 'to'],
      [{ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z' }, 400, 'customerId'],
      [{ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z', customerId: 'c404' }, 404, 'customerId'],
      [{ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z', segment: 'nope' }, 404, 'segment'],
      [{ from: '2026-12-03T00:00:00Z', to: '2026-12-20T00:00:00Z', customerId: 'c1', version: 9 }, 404, 'version'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await simulate(payload);
      expect([response.statusCode, response.json().error.field], JSON.stringify(payload)).toEqual([status, field]);
    }
  });
});
