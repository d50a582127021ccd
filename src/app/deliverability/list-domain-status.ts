import { sendingHealthWindow, type SendingHealth } from '../../core/deliverability/evaluate-sending-health.ts';
import type { SendingDomainState } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import { describeSendingHealth } from './evaluate-domain-health.ts';
import { uncheckedDomainState } from './find-sending-domain.ts';
import { listSenderDomains } from './list-sender-domains.ts';

export interface DomainStatus {
  /** false for a domain the live policy no longer names that still has a stored state (a pause). */
  inPolicy: boolean;
  state: SendingDomainState;
  /** Bounces and complaints over the domain's last 200 sends. */
  health: SendingHealth;
}

/** Each sending domain of a workspace: its DNS checks, whether it is paused, its bounce and complaint rates. */
export async function listDomainStatus({ store, workspaceId }: { store: Store; workspaceId: string }): Promise<DomainStatus[]> {
  const senders = await listSenderDomains(store, workspaceId);
  const states = new Map((await store.listSendingDomains(workspaceId)).map((state) => [state.domain, state]));
  const domains = [...senders, ...[...states.keys()].filter((domain) => !senders.includes(domain))];
  const statuses: DomainStatus[] = [];
  for (const domain of domains) {
    const stats = await store.domainSendStats(workspaceId, domain, sendingHealthWindow);
    statuses.push({ inPolicy: senders.includes(domain), state: states.get(domain) ?? uncheckedDomainState(workspaceId, domain), health: describeSendingHealth(stats) });
  }
  return statuses;
}
