import { describe, expect, it } from 'vitest';
import type { CheckResult, DomainCheck, DomainCheckName } from './domain-check.ts';
import { evaluateDomain, type DomainStatus } from './evaluate-domain.ts';

const checkedAt = Date.UTC(2026, 2, 29, 1, 30); // 29 March 2026, the night Europe's clocks move
const check = (name: DomainCheckName, result: CheckResult): DomainCheck => ({ name, result, reason: result, message: '', notes: [] });

describe('evaluateDomain', () => {
  it.each<[CheckResult, CheckResult, CheckResult, DomainStatus]>([
    ['pass', 'pass', 'pass', 'verified'],
    ['warn', 'pass', 'pass', 'warning'],
    ['pass', 'pass', 'warn', 'warning'],
    ['pass', 'fail', 'pass', 'failing'],
    ['warn', 'warn', 'fail', 'failing'],
  ])('spf %s, dkim %s, dmarc %s: %s', (spf, dkim, dmarc, status) => {
    const evaluation = evaluateDomain({ spf: check('spf', spf), dkim: check('dkim', dkim), dmarc: check('dmarc', dmarc), checkedAt });
    expect(evaluation.status).toBe(status);
    expect(evaluation.checks.map((item) => item.name)).toEqual(['spf', 'dkim', 'dmarc']);
    expect(evaluation.checkedAt).toBe(checkedAt);
  });
});
