import { describe, expect, it } from 'vitest';
import { checkSpf, type SpfReason } from './check-spf.ts';
import type { CheckResult } from './domain-check.ts';

const google = 'v=spf1 include:_spf.google.com ~all';
const microsoft = 'v=spf1 include:spf.protection.outlook.com -all';
const sendgrid = 'v=spf1 include:sendgrid.net -all';
const verification = 'google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ';

interface SpfCase {
  name: string;
  records: string[][];
  expectedInclude?: string;
  result: CheckResult;
  reason: SpfReason;
}

const cases: SpfCase[] = [
  { name: 'Google Workspace, softfail', records: [[google], [verification]], expectedInclude: '_spf.google.com', result: 'pass', reason: 'ok' },
  { name: 'Microsoft 365, hard fail', records: [[microsoft], ['MS=ms12345678']], expectedInclude: 'include:spf.protection.outlook.com', result: 'pass', reason: 'ok' },
  { name: 'SendGrid, no sender expected', records: [[sendgrid]], result: 'pass', reason: 'ok' },
  { name: 'split across strings', records: [['v=spf1 include:_spf.google.com', ' include:sendgrid.net -all']], expectedInclude: 'sendgrid.net', result: 'pass', reason: 'ok' },
  { name: 'case and trailing dot do not matter', records: [['V=SPF1 Include:_SPF.Google.com. -ALL']], expectedInclude: '_spf.google.com', result: 'pass', reason: 'ok' },
  { name: 'sender by address inside a listed range', records: [['v=spf1 ip4:203.0.113.0/24 -all']], expectedInclude: 'ip4:203.0.113.7', result: 'pass', reason: 'ok' },
  { name: 'sender by range inside a wider range', records: [['v=spf1 ip4:198.51.100.0/22 -all']], expectedInclude: 'ip4:198.51.101.0/24', result: 'pass', reason: 'ok' },
  { name: 'sender as the redirect target', records: [['v=spf1 redirect=_spf.mailhost.example']], expectedInclude: '_spf.mailhost.example', result: 'pass', reason: 'ok' },
  { name: 'ip6 sender', records: [['v=spf1 ip6:2001:db8::/32 mx -all']], expectedInclude: 'ip6:2001:db8::/32', result: 'pass', reason: 'ok' },
  { name: 'no record', records: [[verification]], result: 'fail', reason: 'missing' },
  { name: 'no TXT at all', records: [], result: 'fail', reason: 'missing' },
  { name: '"v=spf10" is not SPF', records: [['v=spf10 -all']], result: 'fail', reason: 'missing' },
  { name: 'two records', records: [[google], [sendgrid]], result: 'fail', reason: 'multiple' },
  { name: 'misspelt mechanism', records: [['v=spf1 inclde:_spf.google.com -all']], result: 'fail', reason: 'syntax' },
  { name: 'include without a domain', records: [['v=spf1 include: -all']], result: 'fail', reason: 'syntax' },
  { name: 'bad address', records: [['v=spf1 ip4:203.0.113.300 -all']], result: 'fail', reason: 'syntax' },
  { name: '+all lets anyone send', records: [['v=spf1 include:_spf.google.com +all']], result: 'fail', reason: 'pass_all' },
  { name: 'bare all is +all', records: [['v=spf1 mx all']], result: 'fail', reason: 'pass_all' },
  {
    name: 'eleven lookups',
    records: [[`v=spf1 ${Array.from({ length: 11 }, (_, index) => `include:spf${index}.example.net`).join(' ')} -all`]],
    result: 'fail',
    reason: 'too_many_lookups',
  },
  { name: 'sender missing, nothing to nest it', records: [['v=spf1 ip4:192.0.2.10 mx -all']], expectedInclude: 'sendgrid.net', result: 'fail', reason: 'sender_not_permitted' },
  { name: 'address outside the range', records: [['v=spf1 ip4:203.0.113.0/25 -all']], expectedInclude: 'ip4:203.0.113.200', result: 'fail', reason: 'sender_not_permitted' },
  { name: 'sender listed only after all', records: [['v=spf1 -all include:sendgrid.net']], expectedInclude: 'sendgrid.net', result: 'fail', reason: 'sender_not_permitted' },
  { name: 'sender listed with a fail qualifier', records: [['v=spf1 -include:sendgrid.net ~all']], expectedInclude: 'sendgrid.net', result: 'fail', reason: 'sender_not_permitted' },
  { name: '?all is neutral', records: [['v=spf1 include:sendgrid.net ?all']], expectedInclude: 'sendgrid.net', result: 'warn', reason: 'neutral_all' },
  { name: 'no all and no redirect', records: [['v=spf1 include:sendgrid.net']], result: 'warn', reason: 'neutral_all' },
  { name: 'sender may be inside an include', records: [[google]], expectedInclude: 'sendgrid.net', result: 'warn', reason: 'sender_unconfirmed' },
  { name: 'redirect not followed', records: [['v=spf1 redirect=_spf.mailhost.example']], result: 'warn', reason: 'redirect_unchecked' },
];

describe('checkSpf', () => {
  it.each(cases)('$name: $result ($reason)', ({ records, expectedInclude, result, reason }) => {
    const check = checkSpf({ domain: 'example.com', txtRecords: records, expectedInclude });
    expect({ name: check.name, result: check.result, reason: check.reason }).toEqual({ name: 'spf', result, reason });
  });

  it('notes softfail and the lookup count on a pass', () => {
    const check = checkSpf({ domain: 'example.com', txtRecords: [['v=spf1 include:_spf.google.com include:sendgrid.net a ~all']] });
    expect(check.result).toBe('pass');
    expect(check.notes).toHaveLength(2);
    expect(check.notes[0]).toMatch(/^3 of 10/);
  });

  it('counts exactly ten lookups as allowed', () => {
    const terms = Array.from({ length: 9 }, (_, index) => `include:spf${index}.example.net`).join(' ');
    expect(checkSpf({ domain: 'example.com', txtRecords: [[`v=spf1 ${terms} redirect=spf.example.net`]] }).reason).toBe('redirect_unchecked');
    expect(checkSpf({ domain: 'example.com', txtRecords: [[`v=spf1 ${terms} mx exists:%{i}.rbl.example.net -all`]] }).reason).toBe('too_many_lookups');
  });
});
