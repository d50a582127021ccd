// What one DNS check of a sending domain concluded. `reason` is a stable code for programs and
// tests; `message` is for people and may change wording at any time.

export type CheckResult = 'pass' | 'warn' | 'fail';
export type DomainCheckName = 'spf' | 'dkim' | 'dmarc';

export interface DomainCheck<Reason extends string = string> {
  name: DomainCheckName;
  result: CheckResult;
  reason: Reason;
  message: string;
  /** Facts worth showing beside the result (where reports go, how many lookups), never a verdict. */
  notes: string[];
}

/** The lookup itself failed (server failure, timeout): the record may be fine, so this never claims `fail`. */
export function lookupFailedCheck(name: DomainCheckName, detail: string): DomainCheck<'lookup_failed'> {
  return { name, result: 'warn', reason: 'lookup_failed', message: `The DNS lookup failed (${detail}); checked again on the next run.`, notes: [] };
}
