import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from '../../server/http/api/testing/start-api-test-server.ts';
import { readBundleFiles } from '../../adapters/files/read-bundle-files.ts';
import { createApiToken } from '../../app/access/manage-api-tokens.ts';
import type { Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { basePolicyParts } from '../../core/policy/testing/build-policy-files.ts';
import { runCliCaptured } from '../testing-run-cli.ts';

// `plixo policy publish` and `plixo policy diff` against a real Plixo HTTP server on loopback,
// with API tokens, as a CI pipeline runs them.

const now = Date.UTC(2026, 11, 2, 12);
const cadence = (day: number) => `kind: Cadence\nname: standard\ntone: neutral\nsteps:\n  - id: due\n    day: ${day}\n    template: reminder\n`;

let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let url: string;
let root: string;
const tokens: Record<string, string> = {};

async function writeBundle(name: string, day: number): Promise<string> {
  const folder = join(root, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const [path, text] of Object.entries({ ...basePolicyParts, 'cadence.yaml': cadence(day) })) await writeFile(join(folder, path), text);
  return folder;
}

const plixo = (args: string[], role = 'ar_manager') => runCliCaptured(args, { cwd: root, env: { PLIXO_URL: url, PLIXO_ORG: 'acme', PLIXO_TOKEN: tokens[role]! } });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plixo-policy-remote-'));
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', issuedOn: '2026-11-07', dueOn: '2026-12-07', knownAt: now - 86_400_000 })]);
  const v1 = await writeBundle('v1', 0);
  await store.savePolicyVersion('acme', { version: 1, bundle: (await readBundleFiles(v1)).map(({ path, text }) => ({ path, text })), status: 'published' });
  const by = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  for (const role of ['ar_manager', 'viewer'] as const) tokens[role] = (await createApiToken({ store, now, workspaceId: 'acme', by, name: role, role })).secret;
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('plixo policy publish and diff over the API', () => {
  // The customer is in Berlin: 09:00 there is 08:00 UTC in December.
  it('shows what a bundle changes, then publishes it with its impact, and does nothing for the same bundle again', async () => {
    const bundle = await writeBundle('v2', 2);
    const diff = await plixo(['policy', 'diff', 'v2']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('-    day: 0\n+    day: 2\n');
    expect(diff.stdout).toContain('1 file changed: cadence.yaml (changed, +1 -1)');

    const published = await plixo(['policy', 'publish', bundle, '--note', 'two days of grace']);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('draft: version 2 (1 file changed against the live version 1)');
    expect(published.stdout).toContain('impact: 1 of 1 open invoices change their next action');
    expect(published.stdout).toContain('INV-1: draft standard/due at 2026-12-07 08:00 UTC -> draft standard/due at 2026-12-09 08:00 UTC');
    expect(published.stdout).toContain('published version 2 to every segment (publish revision 2)');
    expect(await store.getPolicyPublishState('acme')).toMatchObject({ liveVersion: 2, revision: 2 });
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'policy.publish' });
    expect(audit).toMatchObject({ actor: 'token:ar_manager', detail: { rationale: 'two days of grace' } });

    const again = await plixo(['policy', 'publish', 'v2']);
    expect([again.code, again.stdout]).toEqual([0, 'the bundle is the live version 2 already; nothing to publish\n']);
    const versions = await plixo(['policy', 'diff', '--from', '1', '--to', '2']);
    expect(versions.code).toBe(1);
    expect(versions.stdout).toContain('+++ b/cadence.yaml');
  });

  it('stops after the preview on a dry run', async () => {
    await writeBundle('v3', 4);
    const dry = await plixo(['policy', 'publish', 'v3', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/dry run: version \d+ stays a draft/);
    expect((await store.getPolicyPublishState('acme')).liveVersion).toBe(2);
  });

  it('names the segment it cannot publish to, and refuses a role without the permission', async () => {
    await writeBundle('v4', 5);
    const nowhere = await plixo(['policy', 'publish', 'v4', '--segments', 'nowhere']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('segments[0] "nowhere" is not a segment of policy version');
    const viewer = await plixo(['policy', 'publish', 'v4'], 'viewer');
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('may not policy.view');
  });

  it('says what is missing before calling anything', async () => {
    const bare = await runCliCaptured(['policy', 'diff', 'v4'], { cwd: root, env: { PLIXO_URL: url, PLIXO_ORG: 'acme' } });
    expect([bare.code, bare.stderr]).toEqual([2, expect.stringContaining('set PLIXO_TOKEN')]);
  });
});
