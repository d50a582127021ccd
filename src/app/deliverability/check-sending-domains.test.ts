import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeDnsResolver } from '../../adapters/dns/create-node-dns-resolver.ts';
import { startDnsServer, type TestDnsServer } from '../../adapters/dns/testing/start-dns-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { rsa2048PublicKey, splitTxtRecord } from '../../core/deliverability/testing/dkim-keys.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import { applyPolicy } from '../apply-policy.ts';
import type { DnsResolver } from '../ports/dns-resolver.ts';
import type { Store } from '../ports/store.ts';
import { checkSendingDomains } from './check-sending-domains.ts';

const now = Date.UTC(2026, 2, 5, 10);
const workspaceYaml = (domains: string[]) =>
  `kind: Workspace\nname: acme\ntimezone: Europe/Berlin\nlocale: en-US\ncurrency: EUR\nplan: growth\nsenders:\n${domains.map((domain) => `  - domain: ${domain}\n`).join('')}`;

describe('checkSendingDomains against a DNS server on loopback', () => {
  let dns: TestDnsServer;
  let database: DatabaseHandle;
  let store: Store;

  beforeAll(async () => {
    dns = await startDnsServer({
      'mail.acme.example': [['v=spf1 include:_spf.plixo.example -all']],
      'plixo._domainkey.mail.acme.example': [splitTxtRecord(`v=DKIM1; k=rsa; p=${rsa2048PublicKey}`)],
      '_dmarc.mail.acme.example': [['v=DMARC1; p=reject; rua=mailto:dmarc@acme.example']],
      'broken.acme.example': 'servfail',
    });
  });
  afterAll(() => dns.close());
  beforeEach(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
  });
  afterEach(() => database.close());

  const check = () => checkSendingDomains({ store, resolver: createNodeDnsResolver({ servers: [dns.address], tries: 1 }), dkimSelector: 'plixo', expectedSpfInclude: '_spf.plixo.example', now });

  it("checks every sender of each workspace's live policy and saves the status with the time of the check", async () => {
    await applyPolicy({ store, files: buildPolicyFiles({ 'workspace.yaml': workspaceYaml(['Mail.Acme.example', 'new.acme.example']) }) });
    await store.upsertWorkspace({ id: 'no-policy', name: 'No policy yet', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    const outcomes = await check();
    expect(outcomes.map((outcome) => [outcome.workspaceId, outcome.domain, outcome.ok && outcome.state.status])).toEqual([
      ['acme', 'mail.acme.example', 'pass'],
      ['acme', 'new.acme.example', 'fail'],
    ]);
    expect(await store.listSendingDomains('acme')).toEqual([
      expect.objectContaining({ domain: 'mail.acme.example', status: 'pass', spf: 'pass', dkim: 'pass', dmarc: 'pass', lastCheckedAt: now, paused: false }),
      expect.objectContaining({
        domain: 'new.acme.example',
        status: 'fail',
        spf: 'fail',
        dkim: 'fail',
        dmarc: 'fail',
        lastCheckedAt: now,
        detail: expect.objectContaining({ spf: expect.objectContaining({ result: 'fail', reason: 'missing' }) }),
      }),
    ]);
    expect(await store.listSendingDomains('no-policy')).toEqual([]);
  });

  it('a lookup that fails is a warning for that record, not a failure', async () => {
    await applyPolicy({ store, files: buildPolicyFiles({ 'workspace.yaml': workspaceYaml(['broken.acme.example']) }) });
    const [outcome] = await check();
    // SPF's server failed (warn); DKIM and DMARC are simply not there (fail).
    expect(outcome).toMatchObject({ ok: true, state: { spf: 'warn', dkim: 'fail', status: 'fail' } });
    expect(outcome?.ok && outcome.evaluation.checks[0]).toMatchObject({ reason: 'lookup_failed' });
  });

  it('a selector DNS would not take is reported per domain, and nothing is saved', async () => {
    await applyPolicy({ store, files: buildPolicyFiles({ 'workspace.yaml': workspaceYaml(['mail.acme.example']) }) });
    const outcomes = await checkSendingDomains({ store, resolver: createNodeDnsResolver({ servers: [dns.address] }), dkimSelector: 'not a selector', now });
    expect(outcomes).toEqual([{ workspaceId: 'acme', domain: 'mail.acme.example', ok: false, message: expect.stringContaining('DKIM selector') }]);
    expect(await store.listSendingDomains('acme')).toEqual([]);
  });

  it('a resolver that throws for one domain is reported for that domain; the others are still checked', async () => {
    await applyPolicy({ store, files: buildPolicyFiles({ 'workspace.yaml': workspaceYaml(['throws.acme.example', 'mail.acme.example']) }) });
    const dnsResolver = createNodeDnsResolver({ servers: [dns.address], tries: 1 });
    const resolver: DnsResolver = {
      resolveTxt: async (name) => {
        if (name.endsWith('throws.acme.example')) throw new Error('resolver crashed');
        return dnsResolver.resolveTxt(name);
      },
    };
    const outcomes = await checkSendingDomains({ store, resolver, dkimSelector: 'plixo', expectedSpfInclude: '_spf.plixo.example', now });
    expect(outcomes).toEqual([
      { workspaceId: 'acme', domain: 'throws.acme.example', ok: false, message: expect.any(String) },
      expect.objectContaining({ workspaceId: 'acme', domain: 'mail.acme.example', ok: true, state: expect.objectContaining({ status: 'pass' }) }),
    ]);
    expect((await store.listSendingDomains('acme')).map((domain) => domain.domain)).toEqual(['mail.acme.example']);
  });
});
