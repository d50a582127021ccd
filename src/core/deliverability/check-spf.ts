import type { DomainCheck } from './domain-check.ts';
import { joinTxtRecord } from './join-txt-record.ts';
import { ip4RangeContains, isSpfRecord, parseIp4Range, parseMechanism, parseSpfRecord, type SpfMechanism, type SpfRecord } from './parse-spf-record.ts';

export type SpfReason =
  | 'missing'
  | 'multiple'
  | 'syntax'
  | 'pass_all'
  | 'too_many_lookups'
  | 'sender_not_permitted'
  | 'neutral_all'
  | 'sender_unconfirmed'
  | 'redirect_unchecked'
  | 'ok';

export interface CheckSpfInput {
  domain: string;
  /** The TXT records at the domain itself, each as the character-strings DNS returned. */
  txtRecords: readonly (readonly string[])[];
  /**
   * The term that lets Plixo's mail server send for the domain: a mechanism (`include:_spf.google.com`,
   * `ip4:203.0.113.7`, `mx`) or a bare domain, read as `include:` it.
   */
  expectedInclude?: string;
}

/** RFC 7208 §4.6.4: more than ten DNS-querying terms make the whole record a permerror. */
const maxDnsLookups = 10;
const lookupMechanisms: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

export function checkSpf({ domain, txtRecords, expectedInclude }: CheckSpfInput): DomainCheck<SpfReason> {
  const found = txtRecords.map(joinTxtRecord).filter(isSpfRecord);
  const check = (result: DomainCheck['result'], reason: SpfReason, message: string, notes: string[] = []): DomainCheck<SpfReason> => ({
    name: 'spf',
    result,
    reason,
    message,
    notes,
  });
  if (found.length === 0) return check('fail', 'missing', `${domain} publishes no SPF record (a TXT record starting "v=spf1").`);
  // Receivers treat two SPF records as a permerror, so mail fails SPF everywhere.
  if (found.length > 1) return check('fail', 'multiple', `${domain} publishes ${found.length} SPF records; merge them into one.`);

  const record = parseSpfRecord(found[0]!);
  if (record.invalidTerms.length > 0) return check('fail', 'syntax', `The SPF record has terms receivers reject: ${record.invalidTerms.join(' ')}.`);
  const lookups = countDnsLookups(record);
  const notes = [`${lookups} of ${maxDnsLookups} DNS lookups used at the top level (includes may use more).`];
  const allTerm = record.mechanisms.find((mechanism) => mechanism.name === 'all');
  if (allTerm?.qualifier === '+') return check('fail', 'pass_all', 'The record ends in "+all": anyone may send as this domain.', notes);
  if (lookups > maxDnsLookups) return check('fail', 'too_many_lookups', `The record needs ${lookups} DNS lookups; receivers stop at ${maxDnsLookups}.`, notes);

  const sender = expectedInclude === undefined ? null : judgeSender(record, expectedInclude);
  if (sender === 'absent') return check('fail', 'sender_not_permitted', `The record does not permit Plixo's sender (${expectedInclude}).`, notes);
  if (allTerm === undefined && record.redirect === null) {
    return check('warn', 'neutral_all', 'The record has no "all" term, so receivers treat other senders as neutral; end it with "-all" or "~all".', notes);
  }
  if (allTerm?.qualifier === '?') return check('warn', 'neutral_all', 'The record ends in "?all": other senders are neutral, not refused.', notes);
  if (sender === 'maybe') {
    return check('warn', 'sender_unconfirmed', `${expectedInclude} is not listed directly; it may sit inside an include, which Plixo does not follow yet.`, notes);
  }
  if (allTerm === undefined && sender === null) {
    return check('warn', 'redirect_unchecked', `The record defers to ${record.redirect}, which this check does not read.`, notes);
  }
  // "~all" is what Google and most providers publish: with DMARC enforcing, softfail is refused
  // anyway, so it passes here and is only noted.
  if (allTerm?.qualifier === '~') notes.push('Ends in "~all" (softfail): other senders are marked, not refused, unless DMARC enforces.');
  return check('pass', 'ok', `${domain} has one valid SPF record${sender === 'listed' ? ` that permits ${expectedInclude}` : ''}.`, notes);
}

function countDnsLookups(record: SpfRecord): number {
  const mechanisms = record.mechanisms.filter((mechanism) => lookupMechanisms.has(mechanism.name)).length;
  return mechanisms + (record.redirect === null ? 0 : 1);
}

/**
 * 'listed': a passing term before "all" (or the redirect) covers the sender; 'maybe': an include
 * or redirect could cover it; 'absent': nothing in the record can.
 */
function judgeSender(record: SpfRecord, expectedInclude: string): 'listed' | 'maybe' | 'absent' {
  const expected = parseExpected(expectedInclude);
  const allIndex = record.mechanisms.findIndex((mechanism) => mechanism.name === 'all');
  // Terms after "all" are never evaluated.
  const evaluated = allIndex === -1 ? record.mechanisms : record.mechanisms.slice(0, allIndex);
  const passing = evaluated.filter((mechanism) => mechanism.qualifier === '+');
  if (expected && passing.some((mechanism) => covers(mechanism, expected))) return 'listed';
  if (allIndex === -1 && expected?.name === 'include' && record.redirect === expected.value) return 'listed';
  const canNest = passing.some((mechanism) => mechanism.name === 'include') || (allIndex === -1 && record.redirect !== null);
  return canNest ? 'maybe' : 'absent';
}

function parseExpected(text: string): SpfMechanism | null {
  const trimmed = text.trim();
  const asWritten = parseMechanism(trimmed);
  if (asWritten && (asWritten.value !== null || asWritten.name === 'a' || asWritten.name === 'mx')) return asWritten;
  return parseMechanism(`include:${trimmed}`);
}

function covers(mechanism: SpfMechanism, expected: SpfMechanism): boolean {
  if (mechanism.name !== expected.name) return false;
  if (mechanism.name === 'ip4') {
    const outer = parseIp4Range(mechanism.value ?? '');
    const inner = parseIp4Range(expected.value ?? '');
    return outer !== null && inner !== null && ip4RangeContains(outer, inner);
  }
  return mechanism.value === expected.value && mechanism.cidr === expected.cidr;
}
