import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSendingDomain } from '../../app/check-sending-domain.ts';
import { rsa2048PublicKey, splitTxtRecord } from '../../core/deliverability/testing/dkim-keys.ts';
import { createNodeDnsResolver } from './create-node-dns-resolver.ts';
import { startDnsServer, type TestDnsServer } from './testing/start-dns-server.ts';

const dkimRecord = `v=DKIM1; k=rsa; p=${rsa2048PublicKey}`;

describe('createNodeDnsResolver against a DNS server on loopback', () => {
  let server: TestDnsServer;
  let silent: Socket;

  beforeAll(async () => {
    server = await startDnsServer({
      // A busy apex, as verification tokens pile up: too big for a 512-byte UDP answer.
      'example.com': [
        ['v=spf1 include:_spf.google.com ~all'],
        ...['google-site-verification=', 'MS=ms', 'facebook-domain-verification=', 'docusign=', 'atlassian-domain-verification=', 'apple-domain-verification='].map(
          (prefix, index) => [`${prefix}${'x'.repeat(60)}${index}`],
        ),
      ],
      'google._domainkey.example.com': [splitTxtRecord(dkimRecord)],
      '_dmarc.example.com': [['v=DMARC1; p=reject; rua=mailto:dmarc@example.com']],
      'split.example.com': [['v=spf1 ', 'include:sendgrid.net ', '-all']],
      'mail.example.com': [],
      'broken.example.com': 'servfail',
    });
    // A server that never answers, for the timeout.
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('returns each record as its character-strings', async () => {
    const resolver = createNodeDnsResolver({ servers: [server.address] });
    const lookup = await resolver.resolveTxt('split.example.com');
    expect(lookup).toEqual({ ok: true, records: [['v=spf1 ', 'include:sendgrid.net ', '-all']] });
  });

  it('reads a 2048-bit DKIM key published in several strings', async () => {
    const resolver = createNodeDnsResolver({ servers: [server.address] });
    const lookup = await resolver.resolveTxt('google._domainkey.example.com');
    expect(lookup.ok).toBe(true);
    if (!lookup.ok) return;
    expect(lookup.records).toHaveLength(1);
    expect(lookup.records[0]!.length).toBeGreaterThan(1);
    expect(lookup.records[0]!.join('')).toBe(dkimRecord);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const resolver = createNodeDnsResolver({ servers: [server.address] });
    const before = server.queries.length;
    const lookup = await resolver.resolveTxt('example.com');
    expect(lookup.ok && lookup.records).toHaveLength(7);
    expect(server.queries.slice(before).filter((query) => query.name === 'example.com').map((query) => query.transport)).toEqual(['udp', 'tcp']);
  });

  it.each([
    ['an unknown name (NXDOMAIN)', 'nowhere.example.com', 'not_found', 'ENOTFOUND'],
    ['a name without TXT records (NODATA)', 'mail.example.com', 'not_found', 'ENODATA'],
    ['a server failure (SERVFAIL)', 'broken.example.com', 'unreachable', 'ESERVFAIL'],
  ])('turns %s into a value', async (_case, name, reason, detail) => {
    const resolver = createNodeDnsResolver({ servers: [server.address], tries: 1 });
    expect(await resolver.resolveTxt(name)).toEqual({ ok: false, reason, detail });
  });

  it('reports a server that never answers as unreachable', async () => {
    const port = (silent.address() as AddressInfo).port;
    const resolver = createNodeDnsResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 100, tries: 1 });
    expect(await resolver.resolveTxt('example.com')).toEqual({ ok: false, reason: 'unreachable', detail: 'ETIMEOUT' });
  });

  it('verifies a Google Workspace domain end to end', async () => {
    const resolver = createNodeDnsResolver({ servers: [server.address] });
    const now = Date.UTC(2026, 2, 1, 9, 30);
    const evaluation = await checkSendingDomain({ resolver, domain: 'Example.com.', dkimSelector: 'google', expectedSpfInclude: '_spf.google.com', now });
    expect(evaluation.checks.map((check) => [check.name, check.result, check.reason])).toEqual([
      ['spf', 'pass', 'ok'],
      ['dkim', 'pass', 'ok'],
      ['dmarc', 'pass', 'ok'],
    ]);
    expect(evaluation).toMatchObject({ status: 'verified', checkedAt: now });
  });
});
