// What a stored payer link opens at an instant. A link lives until seven days pass without use
// (issued, carried by a message, opened), until a person regenerates it, or until a payment
// started through it completes. The order matters for the page the payer sees: a spent link says
// so even once it would also have expired.

export const payerLinkIdleDays = 7;
export const payerLinkIdleMs = payerLinkIdleDays * 86_400_000;

export type PayerLinkState = 'live' | 'spent' | 'revoked' | 'expired';

/** Why a link opens nothing: `invalid` (altered, cut or not ours), or the state of a genuine link that is not live. */
export type PayerLinkRefusal = Exclude<PayerLinkState, 'live'> | 'invalid';

export interface PayerLinkFacts {
  lastUsedAt: number;
  revokedAt: number | null;
  revokedReason: 'regenerated' | 'superseded' | null;
  spentAt: number | null;
}

export function payerLinkState(link: PayerLinkFacts, now: number): PayerLinkState {
  if (link.spentAt !== null) return 'spent';
  // A link replaced because it had expired is shown as expired, not as revoked by a person.
  if (link.revokedAt !== null && link.revokedReason === 'regenerated') return 'revoked';
  if (now - link.lastUsedAt >= payerLinkIdleMs || link.revokedAt !== null) return 'expired';
  return 'live';
}

/** When the link expires if nobody uses it again. */
export function payerLinkExpiresAt(link: Pick<PayerLinkFacts, 'lastUsedAt'>): number {
  return link.lastUsedAt + payerLinkIdleMs;
}
