import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentRenderer } from '../../../adapters/pdf/create-document-renderer.ts';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { signUp } from '../../../app/access/sign-up.ts';
import { createPreviewLinks } from '../../../app/messages/create-preview-links.ts';
import { createHttpServer } from '../create-http-server.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// Accepting an invitation: the answer names the organisation joined (a person with other
// organisations lands in the new one), and the email's link opens the web app when it is served.

const now = Date.UTC(2026, 11, 2, 9);
const password = 'a long enough password';
let server: ApiTestServer;

beforeAll(async () => {
  server = await startApiTestServer({ now });
});
afterAll(async () => {
  await server.close();
});

const organisation = (name: string) => ({ name, timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' });

describe('accepting an invitation', () => {
  it('names the organisation joined, for someone who already belongs to another', async () => {
    const { store, hasher, app } = server;
    const host = await signUp({ store, hasher, now, organisation: organisation('Host GmbH'), user: { name: 'Hanna', email: 'hanna@host.example', password } });
    const guest = await signUp({ store, hasher, now, organisation: organisation('Guest AG'), user: { name: 'Gerd', email: 'gerd@guest.example', password } });
    const by = { kind: 'user' as const, id: host.user.id, label: host.user.email, role: 'controller' as const };
    const { secret } = await createApiToken({ store, now, workspaceId: host.workspace.id, by, name: 'admin', role: 'controller' });
    const invited = await app.inject({ method: 'POST', url: `/api/orgs/${host.workspace.id}/invitations`, headers: { authorization: `Bearer ${secret}` }, payload: { email: 'gerd@guest.example', role: 'legal' } });
    expect(invited.statusCode).toBe(201);
    const link = new URL(/http:\/\/\S+/.exec(server.mail.at(-1)!.text)![0]);

    const wrong = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: link.searchParams.get('token'), password: 'not the right one at all' } });
    expect([wrong.statusCode, wrong.json().error.field]).toEqual([401, 'password']);
    const accepted = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: link.searchParams.get('token'), password } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().organisationId).toBe(host.workspace.id);
    expect(accepted.json().organisations).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: guest.workspace.id, role: 'controller' }), expect.objectContaining({ id: host.workspace.id, role: 'legal' })]),
    );
  });

  it('serves the web app’s page at the email’s link when the web app is built, the plain page otherwise', async () => {
    const plain = await server.app.inject({ method: 'GET', url: '/accept-invitation?token=plx_inv_x' });
    expect([plain.statusCode, plain.body.includes('/api/invitations/accept')]).toEqual([200, true]);

    const folder = await mkdtemp(join(tmpdir(), 'plixo-web-page-'));
    await writeFile(join(folder, 'index.html'), '<!doctype html><div id="root"></div>');
    const secret = 'a-test-secret-that-is-long-enough-1234';
    const withWebApp = createHttpServer({
      store: server.store,
      secret,
      version: 'test',
      startedAt: now,
      clock: () => now,
      webApp: folder,
      api: {
        hasher: server.hasher,
        userMailer: { send: async () => ({ sent: true, detail: 'ok' }) },
        settings: defaultAccessSettings,
        baseUrl: 'http://127.0.0.1:3000/',
        secureCookies: true,
        signUpOpen: true,
        messages: { links: createPreviewLinks('http://127.0.0.1:3000/', secret), previewLinks: createPreviewLinks('http://127.0.0.1:3000/', secret), documents: createDocumentRenderer() },
      },
    });
    try {
      const page = await withWebApp.inject({ method: 'GET', url: '/accept-invitation?token=plx_inv_x' });
      expect([page.statusCode, page.headers['referrer-policy'], page.body]).toEqual([200, 'no-referrer', '<!doctype html><div id="root"></div>']);
    } finally {
      await withWebApp.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
