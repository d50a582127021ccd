import { parseAmount } from '../core/money/money.ts';
import type { StoredEvent, StoredInvoice } from './ports/store.ts';

// The balance still open on an invoice, counted as the engine counts it: what Plixo learned of the
// invoice, less the payments and credits recorded since. Used by the last look before sending and
// by every request that must not exceed what is owed.

/** The stored balance less the payments and credits recorded for the invoice up to `now`, as the engine counts it. */
export function openBalance(invoice: StoredInvoice, events: readonly StoredEvent[], now: number): number {
  let balance = invoice.balanceMinor;
  for (const event of events) {
    if ((event.type !== 'payment' && event.type !== 'credit') || event.invoiceId !== invoice.id || event.at > now) continue;
    const amount = parseAmount(String(event.payload.amount ?? ''), invoice.currency);
    if (amount.ok) balance -= amount.minor;
  }
  return balance;
}
