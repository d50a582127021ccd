import { parseAmount } from '../core/money/money.ts';
import type { Store, StoredEvent, StoredInvoice } from './ports/store.ts';

// The balance still open on an invoice, counted as the engine counts it: what Plixo learned of the
// invoice, less the payments and credits recorded since, plus the reversals (refunds and
// chargebacks) of payments. Used by the last look before sending and by every request that must
// not exceed what is owed.

/** How an event moves the invoice's open balance: -1 lowers it, +1 raises it, 0 leaves it. */
const direction: Partial<Record<StoredEvent['type'], -1 | 1>> = { payment: -1, credit: -1, payment_reversed: 1 };

/** The kinds of event that move an invoice's open balance: payments, credits and reversals. */
export const balanceEventTypes: ReadonlySet<StoredEvent['type']> = new Set(Object.keys(direction) as StoredEvent['type'][]);

/**
 * How far one event moves its invoice's open balance, in minor units of the invoice's currency:
 * negative for a payment or credit, positive for a reversal, 0 for every other event and for an
 * amount that does not read. The storage adapter keeps a running sum of it per invoice to find
 * invoices by what they owe (invoice-repository.ts), so the two can never count differently.
 */
export function balanceMovement(event: Pick<StoredEvent, 'type' | 'payload'>, currency: string): number {
  const sign = direction[event.type];
  if (sign === undefined) return 0;
  const amount = parseAmount(String(event.payload.amount ?? ''), currency);
  return amount.ok ? sign * amount.minor : 0;
}

/** The stored balance less the payments and credits, plus the reversals, recorded for the invoice up to `now`, as the engine counts it. */
export function openBalance(invoice: StoredInvoice, events: readonly StoredEvent[], now: number): number {
  let balance = invoice.balanceMinor;
  for (const event of events) {
    if (event.invoiceId !== invoice.id || event.at > now) continue;
    balance += balanceMovement(event, invoice.currency);
  }
  return balance;
}

/** What a payer can pay now: nothing on an invoice the ERP closed, else the open balance (never below zero). */
export function payableBalance(invoice: StoredInvoice, events: readonly StoredEvent[], now: number): number {
  return invoice.status === 'closed' ? 0 : Math.max(0, openBalance(invoice, events, now));
}

/** Events by the invoice they are on (customer-wide events left out), in the order given. */
export function groupEventsByInvoice(events: readonly StoredEvent[], types?: ReadonlySet<StoredEvent['type']>): Map<string, StoredEvent[]> {
  const byInvoice = new Map<string, StoredEvent[]>();
  for (const event of events) {
    if (event.invoiceId === null || (types && !types.has(event.type))) continue;
    const list = byInvoice.get(event.invoiceId) ?? [];
    list.push(event);
    byInvoice.set(event.invoiceId, list);
  }
  return byInvoice;
}

/** What each of these invoices still owes now, as the engine counts it, by invoice id (one read of their customers' events). */
export async function readOpenBalances(store: Store, workspaceId: string, invoiceIds: readonly string[], now: number): Promise<Map<string, { invoice: StoredInvoice; openMinor: number }>> {
  const invoices = await store.listInvoices(workspaceId, { ids: [...new Set(invoiceIds)] });
  const customers = [...new Set(invoices.map((invoice) => invoice.customerId))];
  const events = groupEventsByInvoice(customers.length > 0 ? await store.listEvents(workspaceId, { customerIds: customers }) : [], balanceEventTypes);
  return new Map(invoices.map((invoice) => [invoice.id, { invoice, openMinor: openBalance(invoice, events.get(invoice.id) ?? [], now) }]));
}
