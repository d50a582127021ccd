import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../../adapters/dns/testing/start-dns-server.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { buildSentMessage, sendMessages } from '../../app/inbound/testing/seed-inbound-workspace.ts';
import { rsa2048PublicKey, splitTxtRecord } from '../../core/deliverability/testing/dkim-keys.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import { runCliCaptured } from '../testing-run-cli.ts';

const workspaceYaml = 'kind: Workspace\nname: acme\ntimezone: Europe/Berlin\nlocale: en-US\ncurrency: EUR\nplan: growth\nsenders:\n  - domain: mail.acme.example\n  - domain: new.acme.example\n';

describe('plixo domains', () => {
  let folder: string;
  let dns: TestDnsServer;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'plixo-domains-'));
    const bundle = join(folder, 'policy');
    await mkdir(bundle);
    for (const file of buildPolicyFiles({ 'workspace.yaml': workspaceYaml })) await writeFile(join(bundle, file.path), file.text);
    dns = await startDnsServer({
      'mail.acme.example': [['v=spf1 include:_spf.plixo.example -all']],
      'plixo._domainkey.mail.acme.example': [splitTxtRecord(`v=DKIM1; k=rsa; p=${rsa2048PublicKey}`)],
      '_dmarc.mail.acme.example': [['v=DMARC1; p=none; rua=mailto:dmarc@acme.example']],
    });
  });
  afterAll(async () => {
    await dns.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists, checks, pauses and resumes the sending domains, with rates over the last 200 sends', async () => {
    const databaseUrl = `file:${join(folder, 'one.db')}`;
    const cli = (...args: string[]) => runCliCaptured(args, { env: { DATABASE_URL: databaseUrl }, cwd: folder });
    expect((await cli('policy', 'apply', 'policy')).code).toBe(0);

    const fresh = await cli('domains', 'list');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^WORKSPACE +DOMAIN +DNS +SPF +DKIM +DMARC +LAST CHECK +SENDING +BOUNCES +COMPLAINTS$/m);
    expect(fresh.stdout).toMatch(/^acme +mail\.acme\.example +- +- +- +- +never +active +0\.0 % \(0\/0\) +0\.0 % \(0\/0\)$/m);

    // mail.acme.example is set up but for a monitoring-only DMARC policy; new.acme.example has no records yet.
    const check = await cli('domains', 'check', '--dns-server', dns.address, '--dkim-selector', 'plixo', '--spf-include', '_spf.plixo.example');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('acme  mail.acme.example  warn (spf pass, dkim pass, dmarc warn)');
    expect(check.stdout).toContain('acme  new.acme.example  fail (spf fail, dkim fail, dmarc fail)');
    expect(check.stdout).toMatch(/^ {2}dmarc: /m);

    // 200 sends from mail.acme.example, 11 bounced and 1 complained about.
    const database = openDatabase(databaseUrl);
    const store = createStore(database);
    await store.upsertCustomers('acme', [{ id: 'c1', name: 'Customer 1', contacts: [{ email: 'ap@customer.example' }] }]);
    await store.upsertInvoices('acme', [
      { id: 'INV-1', customerId: 'c1', number: 'INV-1', issuedOn: '2026-01-01', dueOn: '2026-02-01', amountMinor: 100, balanceMinor: 100, currency: 'EUR', knownAt: Date.UTC(2026, 0, 1), status: 'open' },
    ]);
    const at = Date.UTC(2026, 2, 1);
    const messages = Array.from({ length: 200 }, (_, index) =>
      buildSentMessage({ key: `m-${index}`, customerId: 'c1', invoiceId: 'INV-1', to: ['ap@customer.example'], messageId: `<m-${index}@mail.acme.example>`, at }),
    );
    const sent = await sendMessages({ store, messages, at });
    for (const message of sent.slice(0, 11)) await store.markOutboxFeedback('acme', message.id, { kind: 'bounce', at });
    await store.markOutboxFeedback('acme', sent[199]!.id, { kind: 'complaint', at });
    await database.close();

    const listed = await cli('domains', 'list');
    expect(listed.stdout).toMatch(/^acme +mail\.acme\.example +warn +pass +pass +warn +\d{4}-\d\d-\d\d \d\d:\d\dZ +active +5\.5 % \(11\/200\) +0\.5 % \(1\/200\)$/m);

    const paused = await cli('domains', 'pause', 'mail.acme.example', '--reason', 'spam trap hits');
    expect(paused).toMatchObject({ code: 0, stdout: 'acme: mail.acme.example paused: spam trap hits\n' });
    const json = (await cli('domains', 'list', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json[0]).toMatchObject({ workspaceId: 'acme', domain: 'mail.acme.example', paused: true, pausedReason: 'spam trap hits', sends: 200, bounces: 11, complaints: 1 });
    expect((await cli('domains', 'list')).stdout).toMatch(/^ {2}mail\.acme\.example paused at .*: spam trap hits$/m);

    expect(await cli('domains', 'resume', 'mail.acme.example', '--workspace', 'acme', '--reason', 'list cleaned')).toMatchObject({ code: 0, stdout: 'acme: mail.acme.example resumed\n' });
    expect((await cli('domains', 'resume', 'mail.acme.example')).stdout).toContain('was not paused; nothing changed');

    const reopened = openDatabase(databaseUrl);
    const audit = (await createStore(reopened).listAudit({ workspaceId: 'acme' })).filter((entry) => entry.action !== 'policy.apply');
    await reopened.close();
    expect(audit.map((entry) => [entry.action, entry.subject, entry.actor.startsWith('cli:')])).toEqual([
      ['domain.resume', 'domain mail.acme.example', true],
      ['domain.pause', 'domain mail.acme.example', true],
    ]);
  });

  it('refuses what it cannot do, with exit code 2 and the reason', async () => {
    const cli = (...args: string[]) => runCliCaptured(args, { env: { DATABASE_URL: `file:${join(folder, 'two.db')}` }, cwd: folder });
    await cli('policy', 'apply', 'policy');
    const typo = await cli('domains', 'pause', 'mail.acme.exmaple', '--reason', 'x');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('plixo domains: "mail.acme.exmaple" is not a sending domain of workspace acme');
    expect((await cli('domains', 'pause', 'mail.acme.example')).code).toBe(2);
    const noSelector = await cli('domains', 'check', '--dns-server', dns.address);
    expect(noSelector).toMatchObject({ code: 2, stderr: expect.stringContaining('--dkim-selector') });
    expect((await cli('domains', 'list', '--workspace', 'nobody')).code).toBe(2);
  });
});
