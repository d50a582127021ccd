import type { InboundKind } from '../ports/deliverability-store.ts';
import type { BounceRecipient, InboundEmail } from '../ports/inbound-email.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredSuppression } from '../ports/store.ts';
import type { InboundMatch, InboundOrigin } from './match-inbound-message.ts';

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
  match: InboundMatch;
  /** Suppressions in force now, by lower-cased address. */
  suppressions: ReadonlyMap<string, StoredSuppression>;
}

export function decideInboundOutcome({ email, match, suppressions }: DecideInboundOutcomeInput): InboundDecision {
  // Reports first: their suppressions are per address and need no customer.
  if (email.kind === 'bounce') return decideBounce(email, match, suppressions);
  if (email.kind === 'complaint') return decideComplaint(email, match, suppressions);
  const { origin } = match;
  if (!origin) return { kind: 'unmatched', outcome: 'not tied to any message we sent nor to a contact of one customer; noted only, nothing changed', effects: [] };
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
  }
}

const sharedContactWords = 'tied to no message of ours and to no one customer (a contact address several customers share)';

function decideReply(origin: InboundOrigin): InboundDecision {
  const about = origin.invoiceIds.length > 0 ? ` (answering the message about ${origin.invoiceIds.join(', ')})` : '';
  return { kind: 'reply', outcome: `reply event recorded for customer ${origin.customerId}${about}`, effects: [{ type: 'reply', customerId: origin.customerId }] };
}

/** A 5.x.x failure is for good; a 4.x.x one (even an expired retry) says nothing about the address. */
function failedForGood(recipient: BounceRecipient): boolean {
  return recipient.action === 'failed' && (recipient.status === '' || recipient.status.startsWith('5.'));
}

/**
 * Whether a report may act on an address. On a message of ours, any of its recipients. Otherwise
 * only a contact of the workspace (of one customer or several): a report that quotes none of our
 * messages and names nobody we mail is backscatter from mail forged with our domain, or forged
 * itself, and a 5.7.x there says the spam was refused, not that the address is invalid.
 */
function actsOn(match: InboundMatch, address: string): boolean {
  return Boolean(match.origin?.message) || match.contactAddresses.includes(address);
}

function decideBounce(email: InboundEmail, match: InboundMatch, suppressions: ReadonlyMap<string, StoredSuppression>): InboundDecision {
  const all = email.bounce?.recipients ?? [];
  const recipients = all.filter((recipient) => actsOn(match, recipient.address.toLowerCase()));
  const list = (items: readonly BounceRecipient[]) => items.map((recipient) => `${recipient.address}${recipient.status ? ` ${recipient.status}` : ''}`).join(', ') || 'no recipient named';
  if (recipients.length === 0) {
    return { kind: 'unmatched', outcome: `a bounce about no message we sent and no contact of the workspace (${list(all)}); noted only, nothing changed`, effects: [] };
  }
  const failed = uniqueBy(recipients.filter(failedForGood), (recipient) => recipient.address.toLowerCase());
  if (failed.length === 0) {
    return { kind: 'bounce', outcome: `temporary delivery failure (${list(recipients)}); noted only, the sending server keeps trying`, effects: [] };
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
  const message = match.origin?.message;
  if (message) {
    effects.push({ type: 'feedback', message, kind: 'bounce' });
    words.push(`bounce noted on message ${message.id}`);
  } else if (!match.origin) {
    words.push(sharedContactWords);
  }
  return { kind: 'bounce', outcome: words.join('; '), effects };
}

function decideComplaint(email: InboundEmail, match: InboundMatch, suppressions: ReadonlyMap<string, StoredSuppression>): InboundDecision {
  const message = match.origin?.message ?? null;
  // Providers often redact the complaining address; it can only be inferred when our message had one recipient.
  const to = message?.content?.to ?? [];
  const named = (email.complaint?.recipient ?? (to.length === 1 ? to[0] : undefined))?.toLowerCase();
  const recipient = named !== undefined && actsOn(match, named) ? named : undefined;
  if (!match.origin && !recipient) {
    return { kind: 'unmatched', outcome: 'a complaint about no message we sent and no contact of the workspace; noted only, nothing changed', effects: [] };
  }
  const feedbackType = email.complaint?.feedbackType ?? 'other';
  if (feedbackType === 'not-spam') return { kind: 'complaint', outcome: 'a "not spam" report; noted only', effects: [] };
  const effects: InboundEffect[] = [];
  const words: string[] = [];
  const kept = recipient ? keptSuppression(suppressions, recipient) : null;
  if (!recipient) words.push(`complaint (${feedbackType}) without a recipient we can tell; nothing suppressed`);
  else if (kept) words.push(`complaint (${feedbackType}): ${recipient} already suppressed (${kept})`);
  else {
    effects.push({ type: 'suppress', email: recipient, reason: 'opted_out', note: `complaint (${feedbackType})` });
    words.push(`complaint (${feedbackType}): suppressed ${recipient} as opted out`);
  }
  if (message) {
    effects.push({ type: 'feedback', message, kind: 'complaint' });
    words.push(`complaint noted on message ${message.id}`);
  } else if (!match.origin) {
    words.push(sharedContactWords);
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
