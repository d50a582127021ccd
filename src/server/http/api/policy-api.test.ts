import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestMember, startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';

// Policies over HTTP with an API token, as `plixo policy publish` uses them: drafts, the refusal
// to edit a published version, the preview, publishing, two publishes at once, and diffs.

const now = Date.UTC(2026, 11, 2, 12);
const cadence = (day: number) => `kind: Cadence\nname: standard\ntone: neutral\nsteps:\n  - id: due\n    day: ${day}\n    template: reminder\n`;
const files = (day: number) => buildPolicyFiles({ 'cadence.yaml': cadence(day) });

let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let token: string;
let starterToken: string;
let starterSession: { token: string; csrfToken: string };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', issuedOn: '2026-11-07', dueOn: '2026-12-07', knownAt: now - 86_400_000 })]);
  await store.savePolicyVersion('acme', { version: 1, bundle: files(0), status: 'published' });
  const by = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  token = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'ci', role: 'ar_manager' })).secret;
  await store.upsertWorkspace({ id: 'tiny', name: 'Tiny', timeZone: 'UTC', locale: 'en-US', currency: 'USD', plan: 'starter' });
  await store.savePolicyVersion('tiny', { version: 1, bundle: files(0), status: 'published' });
  starterToken = (await createApiToken({ store, now, workspaceId: 'tiny', by, name: 'ci', role: 'controller' })).secret;
  await addTestMember(store, { workspaceId: 'tiny', id: 'u-tiny', email: 'tia@tiny.example', role: 'controller', createdAt: now });
  starterSession = await startSession({ store, userId: 'u-tiny', now, settings: defaultAccessSettings });
});
afterAll(async () => {
  await server.close();
});

const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('policies over the API', () => {
  it('refuses to edit a published version, pointing to a draft', async () => {
    const response = await send('PUT', '/api/orgs/acme/policy/versions/1', { files: files(3), revision: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'conflict', field: 'status' });
    expect(response.json().error.message).toContain('create a draft');
  });

  it('drafts, previews and publishes; the same preview cannot publish twice; diffs show the change', async () => {
    const created = await send('POST', '/api/orgs/acme/policy/versions', { files: files(2), note: 'grace' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 2, status: 'draft', revision: 1, createdBy: 'token:ci', live: false, issues: [] });

    const preview = await send('POST', '/api/orgs/acme/policy/versions/2/preview', { segments: 'all' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ considered: 1, changed: 1, expectedRevision: 1, expectedDraftRevision: 1 });
    expect(preview.json().sample[0].after.next.at.slice(0, 10)).toBe('2026-12-09');

    const diff = await send('GET', '/api/orgs/acme/policy/diff?from=1&to=2');
    expect(diff.json().files.map((entry: { path: string }) => entry.path)).toEqual(['cadence.yaml']);
    expect(diff.json().files[0].patch).toContain('-    day: 0\n+    day: 2');

    const third = await send('POST', '/api/orgs/acme/policy/versions', { basedOn: 1 });
    const { expectedRevision, expectedDraftRevision } = preview.json();
    const [a, b] = await Promise.all([
      send('POST', '/api/orgs/acme/policy/versions/2/publish', { segments: 'all', expectedRevision, expectedDraftRevision }),
      send('POST', `/api/orgs/acme/policy/versions/${third.json().version}/publish`, { segments: 'all', expectedRevision }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.json().error).toMatchObject({ code: 'conflict', field: 'expectedRevision' });
    expect(winner.json()).toMatchObject({ kind: 'publish', state: { revision: 2 } });

    const policy = await send('GET', '/api/orgs/acme/policy');
    expect(policy.json().state.liveVersion).toBe(winner.json().version.version);
    expect(policy.json().segments).toEqual([{ segment: 'everyone', version: winner.json().version.version, priority: 100, mode: 'shadow', cadence: 'standard' }]);

    const pending = await send('POST', '/api/orgs/acme/policy/diff', { files: files(5) });
    expect(pending.json()).toMatchObject({ from: `version ${winner.json().version.version}`, to: 'the files given' });
    expect(pending.json().files).toHaveLength(1);
  });

  it('names the field of a bad publish', async () => {
    const response = await send('POST', '/api/orgs/acme/policy/versions/1/publish', { segments: ['nowhere'], expectedRevision: 0 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'segments[0]' });
  });
});

describe('policies on the Starter plan', () => {
  const escalating = `kind: Cadence\nname: standard\ntone: neutral\nsteps:\n  - id: due\n    day: 0\n    template: reminder\nescalations:\n  - id: no-response\n    day: 21\n    assignTo: operator\n`;
  const asPerson = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: `plixo_session=${starterSession.token}`, 'x-csrf-token': starterSession.csrfToken }, ...(payload ? { payload } : {}) });

  it('refuses the policy-as-code API to a token, naming the plan that has it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/orgs/tiny/policy', headers: { authorization: `Bearer ${starterToken}` } });
    expect(response.statusCode).toBe(402);
    expect(response.json().error.code).toBe('plan_required');
    expect(response.json().error.message).toContain('the Growth plan does');
  });

  it('lets people edit basic cadences from the app, and refuses to publish an escalation', async () => {
    expect((await asPerson('GET', '/api/orgs/tiny/policy')).statusCode).toBe(200);
    const draft = await asPerson('POST', '/api/orgs/tiny/policy/versions', { files: buildPolicyFiles({ 'cadence.yaml': escalating }) });
    expect(draft.statusCode).toBe(201);
    const publish = await asPerson('POST', `/api/orgs/tiny/policy/versions/${draft.json().version}/publish`, { segments: 'all', expectedRevision: 1 });
    expect(publish.statusCode).toBe(402);
    expect(publish.json().error.message).toContain('escalations (cadence standard, escalation no-response)');
    expect(publish.json().error.message).toContain('the Growth plan does');
    expect((await store.getPolicyPublishState('tiny')).liveVersion).toBe(1);
  });
});
