import { AppError } from '../app-error.ts';
import type { SendingDomainState } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import { findSendingDomain } from './find-sending-domain.ts';

export interface PauseSendingDomainInput {
  store: Store;
  workspaceId: string;
  domain: string;
  reason: string;
  /** Who, for the audit trail: 'cli:<os user>', a user's email. */
  actor: string;
  now: number;
}

/**
 * An operator stops a sending domain: its messages stay queued until it is resumed. Pausing a
 * paused domain changes nothing and writes no second audit entry.
 */
export async function pauseSendingDomain({ store, workspaceId, domain: given, reason, actor, now }: PauseSendingDomainInput): Promise<{ state: SendingDomainState; changed: boolean }> {
  if (reason.trim() === '') throw new AppError('invalid_input', 'a pause needs a reason, for the audit trail and the next operator', { field: 'reason' });
  return store.transaction(async (tx) => {
    const { domain, state } = await findSendingDomain(tx, workspaceId, given);
    if (state?.paused) return { state, changed: false };
    const paused = await tx.setDomainPaused(workspaceId, domain, { paused: true, reason: reason.trim(), at: now });
    await tx.appendAudit({ workspaceId, at: now, actor, action: 'domain.pause', subject: `domain ${domain}`, detail: { reason: reason.trim(), automatic: false } });
    return { state: paused, changed: true };
  });
}
