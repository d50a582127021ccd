import { openBalance } from '../open-balance.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredEvent, StoredInvoice } from '../ports/store.ts';
import { recheckedEventTypes, type RecheckedEventType, type WithdrawalCause } from './delivery-causes.ts';

// The last look before a message leaves: the outbox entry was written when the engine decided
// it (or when a person approved the draft); anything learned since may make it wrong.

export type RecheckVerdict = { kind: 'send'; to: string[] } | { kind: 'withdraw'; reason: string; cause: WithdrawalCause };

/** Events that change what a reminder should say, or whether it should be sent at all. */
const customerEvents: ReadonlySet<string> = new Set(recheckedEventTypes);

export function recheckMessage(input: {
  message: StoredOutboxMessage;
  now: number;
  /** The message's invoices as they are now. */
  invoices: readonly StoredInvoice[];
  /** The customer's events. */
  events: readonly StoredEvent[];
  /** Lower-cased addresses suppressed now. */
  suppressed: ReadonlySet<string>;
}): RecheckVerdict {
  const { message, now, invoices, events, suppressed } = input;
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  for (const invoiceId of message.invoiceIds) {
    const invoice = byId.get(invoiceId);
    if (!invoice) return { kind: 'withdraw', reason: `invoice ${invoiceId} no longer exists`, cause: 'invoice_missing' };
    if (invoice.status === 'closed') return { kind: 'withdraw', reason: `invoice ${invoice.number} is closed`, cause: 'invoice_closed' };
    // The stored balance is the one Plixo learned; payments and credits lower it from there (as in the engine).
    if (openBalance(invoice, events, now) <= 0) return { kind: 'withdraw', reason: `invoice ${invoice.number} is paid`, cause: 'invoice_paid' };
  }
  const covered = new Set(message.invoiceIds);
  const writtenAt = message.reviewedAt ?? message.writtenAt;
  for (const event of events) {
    if (!customerEvents.has(event.type)) continue;
    if (event.invoiceId !== null && !covered.has(event.invoiceId)) continue;
    if (event.at > now) continue;
    // Learned after the message was written, or happened after the instant it was meant for.
    if (event.recordedAt > writtenAt || event.at > message.decidedAt) {
      const about = event.invoiceId === null ? 'the customer' : `invoice ${invoiceNumber(byId, event.invoiceId)}`;
      return { kind: 'withdraw', reason: `a ${event.type} on ${about} was recorded after the message was written`, cause: `new_${event.type as RecheckedEventType}` };
    }
  }
  const to = (message.content?.to ?? []).filter((address) => !suppressed.has(address.toLowerCase()));
  if (to.length === 0) return { kind: 'withdraw', reason: 'every recipient is on the suppression list', cause: 'suppressed' };
  return { kind: 'send', to };
}

function invoiceNumber(byId: ReadonlyMap<string, StoredInvoice>, invoiceId: string): string {
  return byId.get(invoiceId)?.number ?? invoiceId;
}
