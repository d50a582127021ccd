import { describe, expect, it } from 'vitest';
import { rsa2048PublicKey, splitTxtRecord } from '../core/deliverability/testing/dkim-keys.ts';
import { AppError } from './app-error.ts';
import { checkSendingDomain } from './check-sending-domain.ts';
import type { DnsResolver, TxtLookup } from './ports/dns-resolver.ts';

/** Answers from a map and records what was asked; names absent from the map are NXDOMAIN. */
function createRecordingResolver(answers: Record<string, string[][] | 'unreachable'>): DnsResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolveTxt(name: string): Promise<TxtLookup> {
      asked.push(name);
      const answer = answers[name];
      if (answer === undefined) return { ok: false, reason: 'not_found', detail: 'ENOTFOUND' };
      if (answer === 'unreachable') return { ok: false, reason: 'unreachable', detail: 'ETIMEOUT' };
      return { ok: true, records: answer };
    },
  };
}

const now = Date.UTC(2026, 9, 25, 0, 59, 59); // a second before Europe's clocks go back
const microsoftDomain = {
  'contoso.com': [['v=spf1 include:spf.protection.outlook.com include:sendgrid.net -all'], ['MS=ms48290112']],
  's1._domainkey.contoso.com': [splitTxtRecord(`v=DKIM1; k=rsa; p=${rsa2048PublicKey}`)],
  '_dmarc.contoso.com': [['v=DMARC1; p=quarantine; rua=mailto:dmarc@contoso.com']],
};

describe('checkSendingDomain', () => {
  it('verifies a domain whose three records pass, at the time given', async () => {
    const resolver = createRecordingResolver(microsoftDomain);
    const evaluation = await checkSendingDomain({ resolver, domain: ' CONTOSO.com. ', dkimSelector: 'S1', expectedSpfInclude: 'sendgrid.net', now });
    expect(evaluation.status).toBe('verified');
    expect(evaluation.checkedAt).toBe(now);
    expect(resolver.asked.sort()).toEqual(['_dmarc.contoso.com', 'contoso.com', 's1._domainkey.contoso.com']);
  });

  it('fails every check of a domain with no records', async () => {
    const evaluation = await checkSendingDomain({ resolver: createRecordingResolver({}), domain: 'new-domain.example', dkimSelector: 'plixo', now });
    expect(evaluation.status).toBe('failing');
    expect(evaluation.checks.map((check) => [check.name, check.result, check.reason])).toEqual([
      ['spf', 'fail', 'missing'],
      ['dkim', 'fail', 'missing'],
      ['dmarc', 'fail', 'missing'],
    ]);
  });

  it('warns, and does not fail, when a lookup cannot be made', async () => {
    const resolver = createRecordingResolver({ ...microsoftDomain, '_dmarc.contoso.com': 'unreachable' });
    const evaluation = await checkSendingDomain({ resolver, domain: 'contoso.com', dkimSelector: 's1', now });
    expect(evaluation.status).toBe('warning');
    expect(evaluation.checks[2]).toMatchObject({ name: 'dmarc', result: 'warn', reason: 'lookup_failed' });
  });

  it('warns when the expected sender could only be inside an include', async () => {
    const evaluation = await checkSendingDomain({ resolver: createRecordingResolver(microsoftDomain), domain: 'contoso.com', dkimSelector: 's1', expectedSpfInclude: 'ip4:192.0.2.1', now });
    expect(evaluation.status).toBe('warning');
    expect(evaluation.checks[0]).toMatchObject({ result: 'warn', reason: 'sender_unconfirmed' });
  });

  it.each([
    ['domain', 'not a domain', 's1'],
    ['domain', 'localhost', 's1'],
    ['dkimSelector', 'contoso.com', 'bad selector'],
  ])('refuses an invalid %s', async (field, domain, dkimSelector) => {
    const resolver = createRecordingResolver({});
    const attempt = checkSendingDomain({ resolver, domain, dkimSelector, now });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_input', details: { field } });
    expect(resolver.asked).toEqual([]);
  });
});
