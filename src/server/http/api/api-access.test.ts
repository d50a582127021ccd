import { createDocumentRenderer } from '../../../adapters/pdf/create-document-renderer.ts';
import { createPreviewLinks } from '../../../app/messages/create-preview-links.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgon2Hasher } from '../../../adapters/crypto/create-argon2-hasher.ts';
import { createStore } from '../../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../../adapters/storage/open-database.ts';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { can } from '../../../core/access/permissions.ts';
import { roles, type Role } from '../../../core/policy/policy-schema.ts';
import { createHttpServer } from '../create-http-server.ts';
import { apiRoutes } from './api-routes.ts';
import type { ApiRoute } from './define-route.ts';

// The real HTTP server in-process over a fresh SQLite: every route, as every role of two
// organisations, by session and by API token, and from the other organisation.

const now = Date.UTC(2026, 11, 2, 9);
const hasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const organisations = ['org-a', 'org-b'] as const;

interface Caller {
  role: Role;
  organisation: string;
  cookie: string;
  csrf: string;
  token: string;
}

let database: DatabaseHandle;
let store: Store;
let app: FastifyInstance;
const callers: Caller[] = [];
const sent: string[] = [];
const texts: string[] = [];

beforeAll(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  app = createHttpServer({
    store,
    secret: 'a-test-secret-that-is-long-enough-1234',
    version: 'test',
    startedAt: now,
    clock: () => now,
    api: {
      hasher,
      userMailer: { send: async (message) => (sent.push(message.to), texts.push(message.text), { sent: true, detail: 'ok' }) },
      settings: defaultAccessSettings,
      baseUrl: 'http://127.0.0.1:3000/',
      secureCookies: true,
      signUpOpen: true,
      messages: { links: createPreviewLinks('http://127.0.0.1:3000/', 'a-test-secret-that-is-long-enough-1234'), previewLinks: createPreviewLinks('http://127.0.0.1:3000/', 'a-test-secret-that-is-long-enough-1234'), documents: createDocumentRenderer() },
    },
  });
  const passwordHash = await hasher.hash('a long enough password');
  for (const organisation of organisations) {
    await store.upsertWorkspace({ id: organisation, name: organisation.toUpperCase(), timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
    await store.upsertCustomers(organisation, [buildCustomer({ id: `${organisation}-customer` })]);
    await store.upsertInvoices(organisation, [buildInvoice({ id: `${organisation}-SECRET-INVOICE`, customerId: `${organisation}-customer` })]);
    for (const role of roles) {
      const user = (await store.createUser({ id: `${organisation}-${role}`, email: `${role}@${organisation}.example`, name: role, passwordHash }))!;
      await store.addMembership({ workspaceId: organisation, userId: user.id, role, createdAt: now });
      const session = await startSession({ store, userId: user.id, now, settings: defaultAccessSettings });
      const controller = { kind: 'user' as const, id: `${organisation}-controller`, label: 'controller', role: 'controller' as const };
      const { secret } = await createApiToken({ store, now, workspaceId: organisation, by: controller, name: `${role} token`, role });
      callers.push({ role, organisation, cookie: `plixo_session=${session.token}`, csrf: session.csrfToken, token: secret });
    }
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function urlFor(route: ApiRoute, organisation: string): string {
  return route.path.replace(':orgId', organisation).replace(/:[A-Za-z]+/g, 'nothing-here');
}

async function call(route: ApiRoute, organisation: string, caller: Caller | null, by: 'session' | 'token') {
  const headers: Record<string, string> = {};
  if (caller && by === 'session') Object.assign(headers, { cookie: caller.cookie, 'x-csrf-token': caller.csrf });
  if (caller && by === 'token') headers.authorization = `Bearer ${caller.token}`;
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  return app.inject({ method: route.method, url: urlFor(route, organisation), headers, ...(hasBody ? { payload: {} } : {}) });
}

const organisationRoutes = apiRoutes.filter((route) => route.access.kind === 'organisation');

describe('every organisation route × every role × two organisations', () => {
  it('covers every route of the API', () => {
    expect(organisationRoutes.length).toBeGreaterThan(8);
    expect(apiRoutes.every((route) => ['public', 'signed_in', 'organisation'].includes(route.access.kind))).toBe(true);
  });

  for (const route of organisationRoutes) {
    const permission = route.access.kind === 'organisation' ? route.access.permission : null;
    it(`${route.method} ${route.path} (${permission})`, async () => {
      for (const by of ['session', 'token'] as const) {
        for (const caller of callers) {
          const other = organisations.find((organisation) => organisation !== caller.organisation)!;
          const own = await call(route, caller.organisation, caller, by);
          const label = `${by} of ${caller.role} in ${caller.organisation}`;
          if (can(caller.role, permission!)) {
            expect([401, 403], `${label} was refused: ${own.body}`).not.toContain(own.statusCode);
            expect(own.body, label).not.toContain(`${other}-SECRET`);
          } else {
            expect(own.statusCode, label).toBe(403);
            expect(own.json().error.code).toBe('forbidden');
          }
          const across = await call(route, other, caller, by);
          expect(across.statusCode, `${label} reaching into ${other}`).toBe(404);
          expect(across.json().error.message).toContain('you are not a member');
        }
      }
      const anonymous = await call(route, 'org-a', null, 'session');
      expect(anonymous.statusCode).toBe(401);
    });
  }

  it('lists only the organisation’s own invoices', async () => {
    const viewer = callers.find((caller) => caller.organisation === 'org-a' && caller.role === 'viewer')!;
    const response = await app.inject({ method: 'GET', url: '/api/orgs/org-a/invoices', headers: { cookie: viewer.cookie } });
    expect(response.json().items.map((invoice: { id: string }) => invoice.id)).toEqual(['org-a-SECRET-INVOICE']);
  });
});

describe('sessions and CSRF', () => {
  const controllerA = () => callers.find((caller) => caller.organisation === 'org-a' && caller.role === 'controller')!;

  it('refuses a change from a session without the CSRF token, with a wrong one, or from another site', async () => {
    const caller = controllerA();
    const payload = { name: 'ci', role: 'viewer' };
    const missing = await app.inject({ method: 'POST', url: '/api/orgs/org-a/api-tokens', headers: { cookie: caller.cookie }, payload });
    expect([missing.statusCode, missing.json().error.field]).toEqual([403, 'x-csrf-token']);
    const wrong = await app.inject({ method: 'POST', url: '/api/orgs/org-a/api-tokens', headers: { cookie: caller.cookie, 'x-csrf-token': 'guess' }, payload });
    expect(wrong.statusCode).toBe(403);
    const foreign = await app.inject({ method: 'POST', url: '/api/orgs/org-a/api-tokens', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf, origin: 'https://evil.example', host: 'plixo.example' }, payload });
    expect([foreign.statusCode, foreign.json().error.field]).toEqual([403, 'origin']);
    const right = await app.inject({ method: 'POST', url: '/api/orgs/org-a/api-tokens', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf }, payload });
    expect(right.statusCode).toBe(201);
    expect((await store.listApiTokens('org-a')).filter((token) => token.name === 'ci')).toHaveLength(1);
  });

  it('needs no CSRF token from an API token, which no browser sends by itself', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/orgs/org-a/api-tokens', headers: { authorization: `Bearer ${controllerA().token}` }, payload: { name: 'from a program', role: 'viewer' } });
    expect(response.statusCode).toBe(201);
  });

  it('signs up the first user as Controller, sets a Secure HttpOnly SameSite cookie, and rotates it on sign-in', async () => {
    const signup = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { organisation: { name: 'Gamma Ltd', timeZone: 'Europe/London', locale: 'en-GB', currency: 'GBP' }, name: 'Gia', email: 'gia@gamma.example', password: 'a long enough password' } });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().organisations).toEqual([expect.objectContaining({ name: 'Gamma Ltd', role: 'controller' })]);
    const cookie = String(signup.headers['set-cookie']);
    expect(cookie).toMatch(/^plixo_session=plx_ses_[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    const first = cookie.split(';')[0]!;
    const signin = await app.inject({ method: 'POST', url: '/api/auth/signin', headers: { cookie: first }, payload: { email: 'GIA@gamma.example', password: 'a long enough password' } });
    expect(signin.statusCode).toBe(200);
    const second = String(signin.headers['set-cookie']).split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: first } })).statusCode).toBe(401);
    const session = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: second } });
    expect(session.json().user.email).toBe('gia@gamma.example');
    const signout = await app.inject({ method: 'POST', url: '/api/auth/signout', headers: { cookie: second, 'x-csrf-token': session.json().csrfToken } });
    expect(signout.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: second } })).statusCode).toBe(401);
  });

  it('answers a wrong password and bad input with the error body, naming the field', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/signin', payload: { email: 'viewer@org-a.example', password: 'not it at all' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'unauthenticated', message: 'the email or the password is wrong', field: 'password' } });
    const bad = await app.inject({ method: 'PATCH', url: '/api/orgs/org-a/members/org-a-viewer', headers: { cookie: controllerA().cookie, 'x-csrf-token': controllerA().csrf }, payload: { role: 'owner' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'role' });
  });

  it('runs a POST once per Idempotency-Key and refuses the key for another body', async () => {
    const caller = controllerA();
    const headers = { authorization: `Bearer ${caller.token}`, 'idempotency-key': 'invite-eve-1' };
    const first = await app.inject({ method: 'POST', url: '/api/orgs/org-a/invitations', headers, payload: { email: 'eve@org-a.example', role: 'legal' } });
    const again = await app.inject({ method: 'POST', url: '/api/orgs/org-a/invitations', headers, payload: { email: 'eve@org-a.example', role: 'legal' } });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(sent.filter((to) => to === 'eve@org-a.example')).toHaveLength(1);
    const other = await app.inject({ method: 'POST', url: '/api/orgs/org-a/invitations', headers, payload: { email: 'eve@org-a.example', role: 'viewer' } });
    expect(other.statusCode).toBe(409);
  });
});

describe('invitations over HTTP', () => {
  it('emails a link to a page that joins with the invited role and signs the person in', async () => {
    const controller = callers.find((caller) => caller.organisation === 'org-b' && caller.role === 'controller')!;
    const invited = await app.inject({ method: 'POST', url: '/api/orgs/org-b/invitations', headers: { cookie: controller.cookie, 'x-csrf-token': controller.csrf }, payload: { email: 'fay@org-b.example', role: 'csm' } });
    expect(invited.statusCode).toBe(201);
    const link = new URL(/http:\/\/\S+/.exec(texts[sent.lastIndexOf('fay@org-b.example')]!)![0]);
    expect(link.pathname).toBe('/accept-invitation');
    const page = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect([page.statusCode, page.headers['referrer-policy']]).toEqual([200, 'no-referrer']);
    expect(page.body).toContain('/api/invitations/accept');
    const accepted = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: link.searchParams.get('token'), name: 'Fay', password: 'a long enough password' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().organisations).toEqual([expect.objectContaining({ id: 'org-b', role: 'csm' })]);
    const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ method: 'GET', url: '/api/orgs/org-b', headers: { cookie } })).json().yourRole).toBe('csm');
    expect((await app.inject({ method: 'GET', url: '/api/orgs/org-a', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('the API description', () => {
  it('describes every route in OpenAPI 3.1, with who may call it', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    for (const route of apiRoutes) {
      const operation = document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')][route.method.toLowerCase()];
      expect(operation.summary).toBe(route.summary);
    }
    expect(document.paths['/api/orgs/{orgId}/members'].get.description).toBe('Permission `users.manage`: Controller.');
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toContain('/api/orgs/{orgId}/invoices');
  });
});
