// Why a message left the queue without going out, or went back to it: a closed list per outcome,
// for counting (metrics labels) where the outbox's own reason is a sentence for people.

/** The customer's events that make a written message wrong (the last look, recheck-message.ts). */
export const recheckedEventTypes = ['payment', 'payment_reversed', 'credit', 'promise', 'plan', 'dispute', 'pause', 'reply'] as const;
export type RecheckedEventType = (typeof recheckedEventTypes)[number];

export type WithdrawalCause = 'invoice_missing' | 'invoice_closed' | 'invoice_paid' | 'suppressed' | `new_${RecheckedEventType}`;

export const withdrawalCauses: readonly WithdrawalCause[] = [
  'invoice_missing',
  'invoice_closed',
  'invoice_paid',
  'suppressed',
  ...recheckedEventTypes.map((type) => `new_${type}` as const),
];

/** A refusal for now (4xx), a connection lost mid-send, or anything unexpected: tried again later. */
export const deferralCauses = ['temporary', 'connection_lost', 'error'] as const;
export type DeferralCause = (typeof deferralCauses)[number];

/** Refused for good (5xx), given up after the attempts, or too late to be worth sending. */
export const failureCauses = ['rejected', 'gave_up', 'too_late'] as const;
export type FailureCause = (typeof failureCauses)[number];
