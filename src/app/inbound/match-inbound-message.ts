import type { InboundEmail } from '../ports/inbound-email.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';

export type InboundMatchMethod = 'in_reply_to' | 'references' | 'original_message_id' | 'address';

export interface InboundOrigin {
  method: InboundMatchMethod;
  customerId: string;
  /** The invoices of the message it answers or reports on; empty for a match by address. */
  invoiceIds: string[];
  /** The message of ours it answers or reports on; null for a match by address. */
  message: StoredOutboxMessage | null;
  /** The address that matched, for a match by address. */
  address: string | null;
}

export interface InboundMatch {
  /** The customer (and message of ours) it is about; null when nothing ties it to exactly one customer. */
  origin: InboundOrigin | null;
  /**
   * When no message of ours matched: the addresses the email names (a reply's sender, a bounce's
   * recipients, a complainant) that are a contact of some customer of the workspace, of one or of
   * several. A suppression is per address, so a bounce or complaint acts on these even when a
   * shared address leaves the customer unknown. Empty when a message of ours matched: a report
   * on our message acts on its recipients, contacts or not.
   */
  contactAddresses: string[];
}

/**
 * Ties an inbound email to the customer (and our message) it is about. Message-IDs first, since
 * they name our message: In-Reply-To, then References from the newest, then the original
 * Message-ID a bounce or complaint quotes. An address only when exactly one customer of the
 * workspace has it, because a shared address (an AP mailbox of a group) must not pause the
 * wrong customer's cadence.
 */
export async function matchInboundMessage({ store, workspaceId, email }: { store: Store; workspaceId: string; email: InboundEmail }): Promise<InboundMatch> {
  const byId: [InboundMatchMethod, string | undefined][] = [
    ['in_reply_to', email.inReplyTo],
    ...[...email.references].reverse().map((id): [InboundMatchMethod, string] => ['references', id]),
    ['original_message_id', email.bounce?.originalMessageId ?? email.complaint?.originalMessageId],
  ];
  const asked = new Set<string>();
  for (const [method, messageId] of byId) {
    if (!messageId || asked.has(messageId)) continue;
    asked.add(messageId);
    const message = await store.findOutboxMessageByMessageId([messageId]);
    // Message-IDs are unique to us, but a message of another workspace is none of this one's business.
    if (message && message.workspaceId === workspaceId) {
      return { origin: { method, customerId: message.customerId, invoiceIds: [...message.invoiceIds], message, address: null }, contactAddresses: [] };
    }
  }
  const candidates = candidateAddresses(email);
  if (candidates.length === 0) return { origin: null, contactAddresses: [] };
  const customersByAddress = new Map<string, Set<string>>();
  for (const contact of await store.listContacts(workspaceId)) {
    const address = contact.email.toLowerCase();
    if (!candidates.includes(address)) continue;
    const customers = customersByAddress.get(address) ?? new Set<string>();
    customers.add(contact.customerId);
    customersByAddress.set(address, customers);
  }
  const contactAddresses = candidates.filter((address) => customersByAddress.has(address));
  for (const address of contactAddresses) {
    const customers = [...customersByAddress.get(address)!];
    if (customers.length === 1) return { origin: { method: 'address', customerId: customers[0]!, invoiceIds: [], message: null, address }, contactAddresses };
  }
  return { origin: null, contactAddresses };
}

/** A bounce is from a mailer daemon and a complaint from a mailbox provider: their senders say nothing of the customer. */
function candidateAddresses(email: InboundEmail): string[] {
  const addresses =
    email.kind === 'bounce'
      ? (email.bounce?.recipients.map((recipient) => recipient.address) ?? [])
      : email.kind === 'complaint'
        ? email.complaint?.recipient
          ? [email.complaint.recipient]
          : []
        : email.from
          ? [email.from]
          : [];
  return [...new Set(addresses.map((address) => address.toLowerCase()))];
}
