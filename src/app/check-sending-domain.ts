import { checkDkim } from '../core/deliverability/check-dkim.ts';
import { checkDmarc } from '../core/deliverability/check-dmarc.ts';
import { checkSpf } from '../core/deliverability/check-spf.ts';
import { lookupFailedCheck, type DomainCheck, type DomainCheckName } from '../core/deliverability/domain-check.ts';
import { evaluateDomain, type DomainEvaluation } from '../core/deliverability/evaluate-domain.ts';
import { AppError } from './app-error.ts';
import type { DnsResolver, TxtLookup } from './ports/dns-resolver.ts';

export interface CheckSendingDomainInput {
  resolver: DnsResolver;
  domain: string;
  dkimSelector: string;
  /** How Plixo's mail server appears in SPF (`include:_spf.example.net`, `ip4:…`); see checkSpf. */
  expectedSpfInclude?: string;
  /** Recorded as the check time, UTC epoch milliseconds. */
  now: number;
}

const hostnamePattern = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)+$/;

/** Reads the sending domain's SPF, DKIM and DMARC records and judges them. */
export async function checkSendingDomain({ resolver, domain, dkimSelector, expectedSpfInclude, now }: CheckSendingDomainInput): Promise<DomainEvaluation> {
  const name = normalizeName(domain);
  const selector = normalizeName(dkimSelector);
  if (!hostnamePattern.test(name)) throw new AppError('invalid_input', `"${domain}" is not a domain name.`, { field: 'domain' });
  if (!hostnamePattern.test(`${selector}._domainkey.${name}`)) {
    throw new AppError('invalid_input', `"${dkimSelector}" is not a DKIM selector.`, { field: 'dkimSelector' });
  }
  const [spfLookup, dkimLookup, dmarcLookup] = await Promise.all([
    resolver.resolveTxt(name),
    resolver.resolveTxt(`${selector}._domainkey.${name}`),
    resolver.resolveTxt(`_dmarc.${name}`),
  ]);
  const judge = (check: DomainCheckName, lookup: TxtLookup, decide: (txtRecords: string[][]) => DomainCheck): DomainCheck => {
    if (lookup.ok) return decide(lookup.records);
    // NXDOMAIN or no TXT data is an answer: the record is missing, and the check says so.
    return lookup.reason === 'not_found' ? decide([]) : lookupFailedCheck(check, lookup.detail);
  };
  return evaluateDomain({
    spf: judge('spf', spfLookup, (txtRecords) => checkSpf({ domain: name, txtRecords, expectedInclude: expectedSpfInclude })),
    dkim: judge('dkim', dkimLookup, (txtRecords) => checkDkim({ selector, domain: name, txtRecords })),
    dmarc: judge('dmarc', dmarcLookup, (txtRecords) => checkDmarc({ domain: name, txtRecords })),
    checkedAt: now,
  });
}

function normalizeName(text: string): string {
  const trimmed = text.trim().toLowerCase();
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
