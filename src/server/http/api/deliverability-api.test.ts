import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage } from '../../../app/testing/build-store-inputs.ts';
import { basePolicyParts, buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// Sending domains (DNS, warm-up, rates, pause and resume) and the suppression list by page with
// its bulk import, over HTTP.

const now = Date.UTC(2026, 11, 2, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const tokens: Record<'manager' | 'operator' | 'sales', string> = { manager: '', operator: '', sales: '' };

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  const workspace = basePolicyParts['workspace.yaml'].replace('  - domain: ar.acme.example\n', '  - domain: ar.acme.example\n    warmupStart: 2026-11-30\n    warmupRamp: [20, 40]\n');
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'workspace.yaml': workspace }), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1' })]);
  await store.enqueueOutboxMessages('acme', [buildOutboxMessage({ key: 'k1', notBefore: now - 60_000 }), buildOutboxMessage({ key: 'k2', notBefore: now - 60_000 })]);
  const [first, second] = await store.claimOutboxMessages({ now, limit: 2, workerId: 'w', leaseMs: 60_000 });
  await store.settleOutboxMessage(first!.id, 'w', { status: 'sent', at: now - 1_000, response: '250' });
  await store.settleOutboxMessage(second!.id, 'w', { status: 'sent', at: now - 86_400_000, response: '250' });
  await store.markOutboxFeedback('acme', second!.id, { kind: 'bounce', at: now - 3_600_000 });
  await store.saveDomainCheck('acme', 'ar.acme.example', {
    checkedAt: now - 600_000,
    status: 'warn',
    spf: 'pass',
    dkim: 'warn',
    dmarc: 'fail',
    detail: { spf: { result: 'pass', reason: 'ok', message: 'v=spf1 ends in -all', notes: [] }, dkim: { result: 'warn', reason: 'short', message: '1024-bit key', notes: [] }, dmarc: { result: 'fail', reason: 'missing', message: 'no DMARC record', notes: [] } },
  });
  const by = { kind: 'user' as const, id: 'u1', label: 'carla@acme.example', role: 'controller' as const };
  tokens.manager = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'manager', role: 'ar_manager' })).secret;
  tokens.operator = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'operator', role: 'operator' })).secret;
  tokens.sales = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'sales', role: 'sales' })).secret;
});
afterAll(async () => {
  await server.close();
});

const call = (who: keyof typeof tokens, method: 'GET' | 'POST', url: string, body?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(body ? { payload: body } : {}) });

describe('sending domains over the API', () => {
  it('shows each record’s result, the warm-up day with today’s cap and sends, the rates and the thresholds', async () => {
    const response = await call('sales', 'GET', '/api/orgs/acme/sending-domains');
    expect(response.statusCode).toBe(200);
    const { items, thresholds } = response.json();
    expect(thresholds).toEqual({ bounceRateTarget: 0.02, complaintRateTarget: 0.001, pauseAfterBounces: 10, window: 200 });
    expect(items).toEqual([
      expect.objectContaining({
        domain: 'ar.acme.example',
        inPolicy: true,
        status: 'warn',
        dns: { spf: { result: 'pass', message: 'v=spf1 ends in -all' }, dkim: { result: 'warn', message: '1024-bit key' }, dmarc: { result: 'fail', message: 'no DMARC record' } },
        paused: false,
        health: expect.objectContaining({ sends: 2, bounces: 1, bounceRate: 0.5 }),
        warmup: { startOn: '2026-11-30', day: 3, rampDays: 14, allowanceToday: 20, sentToday: 1, todayOn: '2026-12-02' },
      }),
    ]);
  });

  it('pauses with a reason and resumes a domain for an A/R manager, audited; Sales may not; a typo is refused', async () => {
    expect((await call('sales', 'POST', '/api/orgs/acme/sending-domains/ar.acme.example/pause', { reason: 'x' })).statusCode).toBe(403);
    const noReason = await call('manager', 'POST', '/api/orgs/acme/sending-domains/ar.acme.example/pause', { reason: ' ' });
    expect([noReason.statusCode, noReason.json().error.field]).toEqual([400, 'reason']);
    const paused = await call('manager', 'POST', '/api/orgs/acme/sending-domains/AR.acme.example/pause', { reason: 'bounces from the old list' });
    expect(paused.json()).toMatchObject({ domain: 'ar.acme.example', paused: true, pausedReason: 'bounces from the old list', changed: true, warmup: expect.objectContaining({ day: 3 }) });
    const resumed = await call('manager', 'POST', '/api/orgs/acme/sending-domains/ar.acme.example/resume', { reason: 'list cleaned' });
    expect(resumed.json()).toMatchObject({ paused: false, changed: true });
    expect((await store.listAudit({ workspaceId: 'acme', action: 'domain.' })).map((entry) => [entry.action, entry.actor])).toEqual([
      ['domain.resume', 'token:manager'],
      ['domain.pause', 'token:manager'],
    ]);
    expect((await call('manager', 'POST', '/api/orgs/acme/sending-domains/ar.acme.exmaple/pause', { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('the suppression list over the API', () => {
  it('previews a CSV import naming each bad line and field, refuses it whole, and writes nothing', async () => {
    await store.suppress('acme', { email: 'known@acme.example', reason: 'legal_hold' });
    const bad = 'email,reason,note\nana@acme.example,opted_out,asked by phone\nnot-an-address,invalid\nbo@acme.example,whatever\nKNOWN@acme.example,invalid\n';
    const preview = await call('operator', 'POST', '/api/orgs/acme/suppressions/import', { csv: bad, dryRun: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      imported: false,
      toAdd: 1,
      alreadySuppressed: 1,
      rows: [expect.objectContaining({ line: 2, email: 'ana@acme.example', reason: 'opted_out', note: 'asked by phone', alreadySuppressed: false }), expect.objectContaining({ line: 5, alreadySuppressed: true })],
      issues: [expect.objectContaining({ line: 3, field: 'email' }), expect.objectContaining({ line: 4, field: 'reason' })],
    });
    const refused = await call('operator', 'POST', '/api/orgs/acme/suppressions/import', { csv: bad });
    expect([refused.statusCode, refused.json().error.field]).toEqual([400, 'email']);
    expect(refused.json().error.message).toContain('line 3');
    expect((await store.listSuppressions('acme')).map((entry) => entry.email)).toEqual(['known@acme.example']);

  });

  it('imports all good lines in one go, audited per address, and pages the list with a search', async () => {
    const csv = 'ana@acme.example,opted_out,asked by phone\nbo@acme.example,legal hold,"court order, 2026"\ncy@acme.example,invalid,,2027-01-01\n';
    const imported = await call('operator', 'POST', '/api/orgs/acme/suppressions/import', { csv });
    expect(imported.json()).toMatchObject({ imported: true, added: 3, issues: [] });
    expect((await store.listSuppressions('acme', { emails: ['bo@acme.example'] }))[0]).toMatchObject({ reason: 'legal_hold', note: 'court order, 2026' });
    expect((await store.listAudit({ workspaceId: 'acme', action: 'suppression.add' })).map((entry) => entry.subject).sort()).toEqual(['address ana@acme.example', 'address bo@acme.example', 'address cy@acme.example']);

    const first = (await call('operator', 'GET', '/api/orgs/acme/suppressions/search?limit=2')).json();
    expect(first.items.map((entry: { email: string }) => entry.email)).toEqual(['ana@acme.example', 'bo@acme.example']);
    const second = (await call('operator', 'GET', `/api/orgs/acme/suppressions/search?limit=2&cursor=${first.nextCursor}`)).json();
    expect([second.items.map((entry: { email: string }) => entry.email), second.nextCursor]).toEqual([['cy@acme.example', 'known@acme.example'], null]);
    expect((await call('operator', 'GET', '/api/orgs/acme/suppressions/search?search=KNOWN')).json().items).toHaveLength(1);
    expect((await call('sales', 'GET', '/api/orgs/acme/suppressions/search')).statusCode).toBe(403);
  });
});
