import { describe, expect, it } from 'vitest';
import { checkDmarc, type DmarcReason } from './check-dmarc.ts';
import type { CheckResult } from './domain-check.ts';

const cases: { name: string; records: string[][]; result: CheckResult; reason: DmarcReason }[] = [
  { name: 'reject with reports', records: [['v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com; adkim=s; aspf=s']], result: 'pass', reason: 'ok' },
  { name: 'quarantine, split strings', records: [['v=DMARC1; p=quarantine; ', 'rua=mailto:a@example.com']], result: 'pass', reason: 'ok' },
  { name: 'quarantine at pct=100', records: [['v=DMARC1; p=quarantine; pct=100']], result: 'pass', reason: 'ok' },
  { name: 'monitoring only', records: [['v=DMARC1; p=none; rua=mailto:dmarc@example.com']], result: 'warn', reason: 'monitor_only' },
  { name: 'quarantine for a quarter of mail', records: [['v=DMARC1; p=quarantine; pct=25']], result: 'warn', reason: 'partial' },
  { name: 'nothing published', records: [], result: 'fail', reason: 'missing' },
  { name: 'an unrelated TXT record', records: [['some-verification=abc']], result: 'fail', reason: 'missing' },
  { name: 'v= not first', records: [['p=reject; v=DMARC1']], result: 'fail', reason: 'missing' },
  { name: 'two records', records: [['v=DMARC1; p=reject'], ['v=DMARC1; p=none']], result: 'fail', reason: 'multiple' },
  { name: 'no policy', records: [['v=DMARC1; rua=mailto:dmarc@example.com']], result: 'fail', reason: 'syntax' },
  { name: 'unknown policy', records: [['v=DMARC1; p=block']], result: 'fail', reason: 'syntax' },
];

describe('checkDmarc', () => {
  it.each(cases)('$name: $result ($reason)', ({ records, result, reason }) => {
    const check = checkDmarc({ domain: 'example.com', txtRecords: records });
    expect({ name: check.name, result: check.result, reason: check.reason }).toEqual({ name: 'dmarc', result, reason });
  });

  it('notes where aggregate reports go, or that none are asked for', () => {
    expect(checkDmarc({ domain: 'example.com', txtRecords: [['v=DMARC1; p=reject; rua=mailto:d@example.com']] }).notes).toEqual([
      'Aggregate reports go to mailto:d@example.com.',
    ]);
    expect(checkDmarc({ domain: 'example.com', txtRecords: [['v=DMARC1; p=reject; sp=none']] }).notes).toHaveLength(2);
  });
});
