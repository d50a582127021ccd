import { AppError } from '../app-error.ts';
import type { SendingDomainState } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import { listSenderDomains, normalizeDomain } from './list-sender-domains.ts';

/**
 * A domain an operator names: one of the live policy's senders, or one with a stored state (a
 * domain the policy dropped can still be resumed). A typo is refused rather than paused.
 */
export async function findSendingDomain(store: Store, workspaceId: string, given: string): Promise<{ domain: string; state: SendingDomainState | null }> {
  if (!(await store.getWorkspace(workspaceId))) throw new AppError('not_found', `no workspace "${workspaceId}"`, { field: 'workspaceId' });
  const domain = normalizeDomain(given);
  const state = (await store.listSendingDomains(workspaceId)).find((entry) => entry.domain === domain) ?? null;
  const senders = await listSenderDomains(store, workspaceId);
  if (!state && !senders.includes(domain)) {
    const known = senders.length > 0 ? `its sending domains are ${senders.join(', ')}` : 'its live policy names no sending domain';
    throw new AppError('not_found', `"${given}" is not a sending domain of workspace ${workspaceId}: ${known}`, { field: 'domain' });
  }
  return { domain, state };
}

/** The state of a sender that was never checked nor paused: it has no row yet. */
export function uncheckedDomainState(workspaceId: string, domain: string): SendingDomainState {
  return { workspaceId, domain, status: null, spf: null, dkim: null, dmarc: null, detail: {}, lastCheckedAt: null, paused: false, pausedReason: null, pausedAt: null };
}
