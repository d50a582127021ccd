import type { IncomingPayment, OpenInvoice } from '../../core/cash/cash-types.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import type { StoredPayment } from '../ports/payment-store.ts';
import type { Store, StoredInvoice } from '../ports/store.ts';
import { streamCustomerBatches } from '../stream-customer-batches.ts';

// What Cash-App Assist reads from the store: every open invoice with what each still owes (a
// batch of whole customers at a time: the batch matcher's read, read-invoice-index.ts), and a
// stored payment as the matcher sees it (only what is still unapplied of it is matched).

export async function readOpenInvoices(store: Store, workspaceId: string, now: number): Promise<OpenInvoice[]> {
  const open: OpenInvoice[] = [];
  for await (const batch of streamCustomerBatches(store, workspaceId)) {
    const ids = [...batch.keys()];
    const [customers, events] = await Promise.all([store.listCustomers(workspaceId, { ids }), store.listEvents(workspaceId, { customerIds: ids })]);
    const names = new Map(customers.map((customer) => [customer.id, customer.name]));
    const byInvoice = groupEventsByInvoice(events, balanceEventTypes);
    for (const invoice of [...batch.values()].flat()) {
      const balanceMinor = openBalance(invoice, byInvoice.get(invoice.id) ?? [], now);
      if (balanceMinor > 0) open.push(toOpenInvoice(invoice, names.get(invoice.customerId) ?? '', balanceMinor));
    }
  }
  return open;
}

/** A stored invoice as the matcher sees it: its customer's name and what it still owes. */
export function toOpenInvoice(invoice: StoredInvoice, customerName: string, balanceMinor: number): OpenInvoice {
  return { id: invoice.id, number: invoice.number, customerId: invoice.customerId, customerName, balanceMinor, currency: invoice.currency, issuedOn: parseCalendarDay(invoice.issuedOn), dueOn: parseCalendarDay(invoice.dueOn)! };
}

export function toIncomingPayment(payment: StoredPayment): IncomingPayment {
  return {
    id: String(payment.id),
    amountMinor: payment.unappliedMinor,
    currency: payment.currency,
    receivedAt: payment.receivedAt,
    customerId: payment.customerId,
    payerName: payment.payerName ?? '',
    memo: payment.memo ?? '',
    remittance: [],
  };
}
