import { payerLinkState } from '../../core/portal/payer-link-state.ts';
import type { StoredPayerLink } from '../ports/payer-portal-store.ts';
import { StorageInputError, type Store } from '../ports/store.ts';
import { newPayerLinkId } from './payer-link-token.ts';

// The link a message carries for an invoice: the live one, whose last use moves to now (a link in
// a message just sent must not expire sooner than seven days after it), or a new one when the
// current link has expired or was spent (that one is then revoked as superseded) or none exists.

export async function issuePayerLink(input: { store: Store; now: number; workspaceId: string; customerId: string; invoiceId: string }): Promise<StoredPayerLink> {
  const { store, now, workspaceId, customerId, invoiceId } = input;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await store.transaction(async (tx) => {
        const current = await tx.getCurrentPayerLink(workspaceId, invoiceId);
        if (current && payerLinkState(current, now) === 'live') {
          await tx.touchPayerLink(workspaceId, current.id, now);
          return { ...current, lastUsedAt: Math.max(current.lastUsedAt, now) };
        }
        if (current) await tx.revokePayerLink(workspaceId, current.id, { at: now, reason: 'superseded', by: 'system' });
        return tx.createPayerLink(workspaceId, { id: newPayerLinkId(), invoiceId, customerId, createdAt: now });
      });
    } catch (error) {
      // Another message issued the invoice's link at the same moment: take that one.
      if (!(error instanceof StorageInputError) || error.field !== 'invoiceId' || attempt > 0) throw error;
    }
  }
}
