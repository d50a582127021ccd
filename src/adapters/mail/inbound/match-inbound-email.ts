import type { InboundEmail } from './inbound-email.ts';

export interface SentMessageRef {
  workspaceId: string;
  customerId: string;
  invoiceIds: string[];
}

export interface CustomerRef {
  workspaceId: string;
  customerId: string;
}

/** What matching needs to know about mail we sent and addresses we hold. Message-IDs keep their angle brackets. */
export interface InboundLookup {
  findByMessageId(messageId: string): SentMessageRef | null;
  findByAddress(address: string): CustomerRef[];
}

export type InboundMatchMethod = 'in_reply_to' | 'references' | 'original_message_id' | 'address';

export interface InboundMatch extends SentMessageRef {
  method: InboundMatchMethod;
  /** The Message-ID of our message that matched; absent for a match by address. */
  messageId?: string;
  /** The address that matched, for a match by address. */
  address?: string;
}

/**
 * Ties an inbound email to the customer (and the message) it is about. Message-IDs first, since
 * they name our message; an address only when exactly one customer has it, because a shared
 * address (an AP mailbox of a group) must not pause the wrong customer's cadence.
 */
export function matchInboundEmail(email: InboundEmail, lookup: InboundLookup): InboundMatch | null {
  const byId: [InboundMatchMethod, string | undefined][] = [
    ['in_reply_to', email.inReplyTo],
    ...[...email.references].reverse().map((id): [InboundMatchMethod, string] => ['references', id]),
    ['original_message_id', email.bounce?.originalMessageId ?? email.complaint?.originalMessageId],
  ];
  for (const [method, messageId] of byId) {
    if (!messageId) continue;
    const sent = lookup.findByMessageId(messageId);
    if (sent) return { ...sent, method, messageId };
  }
  for (const address of candidateAddresses(email)) {
    const customers = lookup.findByAddress(address);
    if (customers.length === 1) return { ...customers[0]!, invoiceIds: [], method: 'address', address };
  }
  return null;
}

/** A bounce is from a mailer daemon and a complaint from a mailbox provider: their senders say nothing of the customer. */
function candidateAddresses(email: InboundEmail): string[] {
  if (email.kind === 'bounce') return [...new Set(email.bounce?.recipients.map((recipient) => recipient.address) ?? [])];
  if (email.kind === 'complaint') return email.complaint?.recipient ? [email.complaint.recipient] : [];
  return email.from ? [email.from] : [];
}
