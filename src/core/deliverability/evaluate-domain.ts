import type { CheckResult, DomainCheck } from './domain-check.ts';

export type DomainStatus = 'verified' | 'warning' | 'failing';

export interface DomainEvaluation {
  status: DomainStatus;
  checks: DomainCheck[];
  /** When the DNS was read, UTC epoch milliseconds. */
  checkedAt: number;
}

export interface EvaluateDomainInput {
  spf: DomainCheck;
  dkim: DomainCheck;
  dmarc: DomainCheck;
  checkedAt: number;
}

const statusFor: Record<CheckResult, DomainStatus> = { pass: 'verified', warn: 'warning', fail: 'failing' };
const severity: Record<CheckResult, number> = { pass: 0, warn: 1, fail: 2 };

/** The "Verified" badge needs every check to pass; the worst check sets the status. */
export function evaluateDomain({ spf, dkim, dmarc, checkedAt }: EvaluateDomainInput): DomainEvaluation {
  const checks = [spf, dkim, dmarc];
  const worst = checks.reduce<CheckResult>((result, check) => (severity[check.result] > severity[result] ? check.result : result), 'pass');
  return { status: statusFor[worst], checks, checkedAt };
}
