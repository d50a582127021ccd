import type { SendingDomainState } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import { findSendingDomain, uncheckedDomainState } from './find-sending-domain.ts';

export interface ResumeSendingDomainInput {
  store: Store;
  workspaceId: string;
  domain: string;
  /** Who, for the audit trail: 'cli:<os user>', a user's email. */
  actor: string;
  /** Why mail may flow again (the list was cleaned); optional, kept in the audit entry. */
  reason?: string | null;
  now: number;
}

/**
 * An operator lets a paused domain send again; its queued messages go out from the next claim.
 * The bounces that paused it stay in its last 200 sends: the rule looks again at the next bounce
 * (evaluateDomainHealth), and pauses it again if the window still holds too many by then.
 */
export async function resumeSendingDomain({ store, workspaceId, domain: given, actor, reason = null, now }: ResumeSendingDomainInput): Promise<{ state: SendingDomainState; changed: boolean }> {
  return store.transaction(async (tx) => {
    const { domain, state } = await findSendingDomain(tx, workspaceId, given);
    if (!state?.paused) return { state: state ?? uncheckedDomainState(workspaceId, domain), changed: false };
    const resumed = await tx.setDomainPaused(workspaceId, domain, { paused: false, reason: null, at: now });
    await tx.appendAudit({
      workspaceId,
      at: now,
      actor,
      action: 'domain.resume',
      subject: `domain ${domain}`,
      detail: { reason: reason?.trim() || null, pausedReason: state.pausedReason, pausedAt: state.pausedAt },
    });
    return { state: resumed, changed: true };
  });
}

