import type { DomainCheck } from './domain-check.ts';
import { joinTxtRecord } from './join-txt-record.ts';
import { parseTagList } from './parse-tag-list.ts';

export type DmarcReason = 'missing' | 'multiple' | 'syntax' | 'monitor_only' | 'partial' | 'ok';

export interface CheckDmarcInput {
  domain: string;
  /** The TXT records at `_dmarc.domain`, each as the character-strings DNS returned. */
  txtRecords: readonly (readonly string[])[];
}

const policies = ['none', 'quarantine', 'reject'] as const;

export function checkDmarc({ domain, txtRecords }: CheckDmarcInput): DomainCheck<DmarcReason> {
  const name = `_dmarc.${domain}`;
  const check = (result: DomainCheck['result'], reason: DmarcReason, message: string, notes: string[] = []): DomainCheck<DmarcReason> => ({
    name: 'dmarc',
    result,
    reason,
    message,
    notes,
  });
  // RFC 7489 §6.6.3: records not starting with "v=DMARC1" are ignored; several usable ones mean none applies.
  const records = txtRecords.map(joinTxtRecord).filter((text) => /^v\s*=\s*DMARC1\s*(;|$)/.test(text.trim()));
  if (records.length === 0) return check('fail', 'missing', `No DMARC record is published at ${name}.`);
  if (records.length > 1) return check('fail', 'multiple', `${name} holds ${records.length} DMARC records; receivers then apply none.`);

  const { tags } = parseTagList(records[0]!, { lowerCaseNames: true });
  const notes = describeReporting(tags);
  const policy = tags.get('p')?.toLowerCase();
  if (!policy || !(policies as readonly string[]).includes(policy)) {
    return check('fail', 'syntax', `The DMARC record at ${name} has no valid "p=" policy.`, notes);
  }
  const subdomainPolicy = tags.get('sp')?.toLowerCase();
  if (subdomainPolicy === 'none' && policy !== 'none') notes.push('Subdomains are only monitored (sp=none).');
  if (policy === 'none') return check('warn', 'monitor_only', `DMARC at ${name} only monitors (p=none); move to quarantine or reject.`, notes);
  const percent = Number(tags.get('pct') ?? '100');
  if (Number.isFinite(percent) && percent < 100) {
    return check('warn', 'partial', `DMARC at ${name} applies p=${policy} to ${percent} % of failing mail.`, notes);
  }
  return check('pass', 'ok', `DMARC at ${name} enforces p=${policy}.`, notes);
}

function describeReporting(tags: ReadonlyMap<string, string>): string[] {
  const aggregate = tags.get('rua');
  return aggregate ? [`Aggregate reports go to ${aggregate}.`] : ['No aggregate reports are requested (no rua=).'];
}
