import { AppError } from '../app-error.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import type { OpenInvoiceHit } from '../ports/cash-application-store.ts';
import type { Store } from '../ports/store.ts';
import { amountRanges, searchWords } from './cash-search-filters.ts';

// The invoices a person may allocate a payment to: open ones, found by number, customer (name or
// id) and amount, oldest due first, each with what it still owes now. The amount filter reads
// the invoice's amount and its balance as Plixo learned it (the database cannot add up the
// payments recorded since); an invoice those payments have paid in full is left out of the page.

export interface InvoiceSearch {
  text?: string;
  customerId?: string;
  currency?: string;
  amount?: string;
  after?: { dueOn: string; id: string };
  limit: number;
}

export interface InvoiceToAllocate extends OpenInvoiceHit {
  openMinor: number;
}

export async function searchInvoicesToAllocate(input: { store: Store; now: number; workspaceId: string; query: InvoiceSearch }): Promise<{ items: InvoiceToAllocate[]; next: { dueOn: string; id: string } | null }> {
  const { store, now, workspaceId, query } = input;
  const record = `open invoices of ${workspaceId}`;
  if (!(await store.getWorkspace(workspaceId))) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const currency = query.currency?.trim().toUpperCase() || undefined;
  const amounts = query.amount === undefined || query.amount.trim() === '' ? undefined : amountRanges({ amount: query.amount, currencies: currency ? [currency] : await store.listOpenInvoiceCurrencies(workspaceId), record });
  const rows = await store.searchOpenInvoices(workspaceId, {
    limit: query.limit + 1,
    words: searchWords(query.text),
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(currency ? { currency } : {}),
    ...(amounts ? { amounts } : {}),
    ...(query.after ? { after: query.after } : {}),
  });
  const page = rows.slice(0, query.limit);
  const customers = [...new Set(page.map((invoice) => invoice.customerId))];
  const events = groupEventsByInvoice(customers.length > 0 ? await store.listEvents(workspaceId, { customerIds: customers }) : [], balanceEventTypes);
  const items = page.map((invoice) => ({ ...invoice, openMinor: openBalance(invoice, events.get(invoice.id) ?? [], now) })).filter((invoice) => invoice.openMinor > 0);
  const last = page.at(-1);
  return { items, next: rows.length > query.limit && last ? { dueOn: last.dueOn, id: last.id } : null };
}
