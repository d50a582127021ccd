import type { InboundKind } from '../ports/deliverability-store.ts';
import type { BounceRecipient, InboundEmail } from '../ports/inbound-email.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredSuppression } from '../ports/store.ts';
import type { InboundOrigin } from './match-inbound-message.ts';

// What an inbound email means for the workspace, decided before anything is written, so the
// record of the message and its effects go in together (or, for a redelivery, not at all).

export type InboundEffect =
  /** A customer answered: a `reply` event (the engine opens a task and pauses the cadence). */
  | { type: 'reply'; customerId: string }
  | { type: 'suppress'; email: string; reason: 'invalid' | 'opted_out'; note: string }
  /** Notes the bounce or complaint on our message; its domain's sending health counts it. */
  | { type: 'feedback'; message: StoredOutboxMessage; kind: 'bounce' | 'complaint' };

export interface InboundDecision {
  kind: InboundKind;
  /** What was done about it, in words, for the record and the log. */
  outcome: string;
  effects: InboundEffect[];
}

export interface DecideInboundOutcomeInput {
  email: InboundEmail;
  origin: InboundOrigin | null;
  /** Suppressions in force now, by lower-cased address. */
  suppressions: ReadonlyMap<string, StoredSuppression>;
}

export function decideInboundOutcome({ email, origin, suppressions }: DecideInboundOutcomeInput): InboundDecision {
  if (!origin) {
    const what = email.kind === 'bounce' || email.kind === 'complaint' ? `a ${email.kind} about` : 'not tied to';
    return { kind: 'unmatched', outcome: `${what} no message we sent and no known contact; noted only, nothing changed`, effects: [] };
  }
  switch (email.kind) {
    case 'reply':
      return decideReply(origin);
    case 'other':
      // A new (unthreaded) email from the customer's own contact is an answer too; anything else
      // that is not a reply, auto-reply, bounce or complaint (a delivery-success report) needs nothing.
      if (origin.method === 'address') return decideReply(origin);
      return { kind: 'unmatched', outcome: 'a report that needs nothing (no failure, no complaint); noted only', effects: [] };
    case 'auto_reply':
      return { kind: 'auto_reply', outcome: `auto-reply from customer ${origin.customerId} noted; the cadence goes on`, effects: [] };
    case 'bounce':
      return decideBounce(email, origin, suppressions);
    case 'complaint':
      return decideComplaint(email, origin, suppressions);
  }
}

function decideReply(origin: InboundOrigin): InboundDecision {
  const about = origin.invoiceIds.length > 0 ? ` (answering the message about ${origin.invoiceIds.join(', ')})` : '';
  return { kind: 'reply', outcome: `reply event recorded for customer ${origin.customerId}${about}`, effects: [{ type: 'reply', customerId: origin.customerId }] };
}

/** A 5.x.x failure is for good; a 4.x.x one (even an expired retry) says nothing about the address. */
function failedForGood(recipient: BounceRecipient): boolean {
  return recipient.action === 'failed' && (recipient.status === '' || recipient.status.startsWith('5.'));
}

function decideBounce(email: InboundEmail, origin: InboundOrigin, suppressions: ReadonlyMap<string, StoredSuppression>): InboundDecision {
  const recipients = email.bounce?.recipients ?? [];
  const failed = uniqueBy(recipients.filter(failedForGood), (recipient) => recipient.address.toLowerCase());
  if (failed.length === 0) {
    const listed = recipients.map((recipient) => `${recipient.address}${recipient.status ? ` ${recipient.status}` : ''}`).join(', ') || 'no recipient named';
    return { kind: 'bounce', outcome: `temporary delivery failure (${listed}); noted only, the sending server keeps trying`, effects: [] };
  }
  const effects: InboundEffect[] = [];
  const words: string[] = [];
  for (const recipient of failed) {
    const address = recipient.address.toLowerCase();
    const kept = keptSuppression(suppressions, address);
    if (kept) {
      words.push(`${address} already suppressed (${kept})`);
      continue;
    }
    const note = `bounce ${[recipient.status, recipient.diagnostic].filter(Boolean).join(' ')}`.trim().slice(0, 300);
    effects.push({ type: 'suppress', email: address, reason: 'invalid', note });
    words.push(`suppressed ${address} as invalid${recipient.status ? ` (${recipient.status})` : ''}`);
  }
  if (origin.message) {
    effects.push({ type: 'feedback', message: origin.message, kind: 'bounce' });
    words.push(`bounce noted on message ${origin.message.id}`);
  }
  return { kind: 'bounce', outcome: words.join('; '), effects };
}

function decideComplaint(email: InboundEmail, origin: InboundOrigin, suppressions: ReadonlyMap<string, StoredSuppression>): InboundDecision {
  const feedbackType = email.complaint?.feedbackType ?? 'other';
  if (feedbackType === 'not-spam') return { kind: 'complaint', outcome: 'a "not spam" report; noted only', effects: [] };
  // Providers often redact the complaining address; it can only be inferred when our message had one recipient.
  const to = origin.message?.content?.to ?? [];
  const recipient = (email.complaint?.recipient ?? (to.length === 1 ? to[0] : undefined))?.toLowerCase();
  const effects: InboundEffect[] = [];
  const words: string[] = [];
  const kept = recipient ? keptSuppression(suppressions, recipient) : null;
  if (!recipient) words.push(`complaint (${feedbackType}) without a recipient we can tell; nothing suppressed`);
  else if (kept) words.push(`complaint (${feedbackType}): ${recipient} already suppressed (${kept})`);
  else {
    effects.push({ type: 'suppress', email: recipient, reason: 'opted_out', note: `complaint (${feedbackType})` });
    words.push(`complaint (${feedbackType}): suppressed ${recipient} as opted out`);
  }
  if (origin.message) {
    effects.push({ type: 'feedback', message: origin.message, kind: 'complaint' });
    words.push(`complaint noted on message ${origin.message.id}`);
  }
  return { kind: 'complaint', outcome: words.join('; '), effects };
}

/** An address suppressed for good (no reactivation instant) keeps its entry: the reason may be stronger (legal hold). */
function keptSuppression(suppressions: ReadonlyMap<string, StoredSuppression>, address: string): string | null {
  const existing = suppressions.get(address);
  return existing && existing.untilAt === null ? existing.reason : null;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}
