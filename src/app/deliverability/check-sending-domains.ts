import type { DomainCheck } from '../../core/deliverability/domain-check.ts';
import type { DomainEvaluation, DomainStatus } from '../../core/deliverability/evaluate-domain.ts';
import { checkSendingDomain } from '../check-sending-domain.ts';
import type { CheckStatus, DomainCheckInput, SendingDomainState } from '../ports/deliverability-store.ts';
import type { DnsResolver } from '../ports/dns-resolver.ts';
import type { Store } from '../ports/store.ts';
import { listSenderDomains } from './list-sender-domains.ts';

export interface CheckSendingDomainsInput {
  store: Store;
  resolver: DnsResolver;
  /** The DKIM selector Plixo signs with: the key is looked up at `<selector>._domainkey.<domain>`. */
  dkimSelector: string;
  /** How Plixo's mail server must appear in SPF (`include:_spf.example.net`, `ip4:…`); optional. */
  expectedSpfInclude?: string;
  now: number;
  /** Default: every workspace. */
  workspaceIds?: readonly string[];
}

export type DomainCheckOutcome =
  | { workspaceId: string; domain: string; ok: true; state: SendingDomainState; evaluation: DomainEvaluation }
  /** The check could not be made (a domain or selector DNS would not take, a resolver or store error); nothing was saved. */
  | { workspaceId: string; domain: string; ok: false; message: string };

const checkStatusFor: Record<DomainStatus, CheckStatus> = { verified: 'pass', warning: 'warn', failing: 'fail' };

/**
 * The scheduled DNS check: SPF, DKIM and DMARC of every sending domain of every workspace's live
 * policy, each saved with its status and the time of the check. One domain that cannot be
 * checked, for any reason, does not stop the others.
 */
export async function checkSendingDomains(input: CheckSendingDomainsInput): Promise<DomainCheckOutcome[]> {
  const { store, resolver, dkimSelector, expectedSpfInclude, now } = input;
  const workspaceIds = input.workspaceIds ?? (await store.listWorkspaces()).map((workspace) => workspace.id);
  const outcomes: DomainCheckOutcome[] = [];
  for (const workspaceId of workspaceIds) {
    for (const domain of await listSenderDomains(store, workspaceId)) {
      try {
        const evaluation = await checkSendingDomain({ resolver, domain, dkimSelector, expectedSpfInclude, now });
        const state = await store.saveDomainCheck(workspaceId, domain, toDomainCheckInput(evaluation));
        outcomes.push({ workspaceId, domain, ok: true, state, evaluation });
      } catch (error) {
        // Whatever failed (a name DNS would not take, a resolver or the store), it failed for this
        // domain only; the outcome names the domain, and the others are still checked.
        outcomes.push({ workspaceId, domain, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return outcomes;
}

export function toDomainCheckInput(evaluation: DomainEvaluation): DomainCheckInput {
  const byName = new Map(evaluation.checks.map((check) => [check.name, check]));
  const resultOf = (name: DomainCheck['name']): CheckStatus => byName.get(name)?.result ?? 'fail';
  return {
    checkedAt: evaluation.checkedAt,
    status: checkStatusFor[evaluation.status],
    spf: resultOf('spf'),
    dkim: resultOf('dkim'),
    dmarc: resultOf('dmarc'),
    detail: Object.fromEntries(
      evaluation.checks.map((check) => [check.name, { result: check.result, reason: check.reason, message: check.message, notes: [...check.notes] }]),
    ),
  };
}
