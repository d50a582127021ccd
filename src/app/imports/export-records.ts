import { formatCsvRow } from '../../core/imports/format-csv-row.ts';
import { formatAmount } from '../../core/money/money.ts';
import { groupEventsByInvoice, openBalance } from '../open-balance.ts';
import type { Store } from '../ports/store.ts';

// Customers and invoices out as CSV, in the headings the imports read, so an export edited in a
// spreadsheet imports back. Every cell is neutralised against formulas (format-csv-row.ts): a
// customer name is data someone else typed.

export async function exportCustomers({ store, workspaceId }: { store: Store; workspaceId: string }): Promise<string> {
  const customers = await store.listCustomers(workspaceId);
  const primary = new Map<string, { email: string; name: string | null }>();
  for (const contact of await store.listContacts(workspaceId)) {
    if (contact.isPrimary || !primary.has(contact.customerId)) primary.set(contact.customerId, contact);
  }
  const lines = [formatCsvRow(['Customer ID', 'Customer Name', 'Time Zone', 'Locale', 'Region', 'Industry', 'Risk Tier', 'Score', 'Tags', 'Contact Email', 'Contact Name'])];
  for (const customer of customers) {
    const contact = primary.get(customer.id);
    lines.push(formatCsvRow([customer.id, customer.name, customer.timeZone, customer.locale, customer.region, customer.industry, customer.tier, customer.score, customer.tags.join('; '), contact?.email, contact?.name]));
  }
  return lines.join('');
}

/** Balance: the open balance now, as Plixo counts it (the stored one less recorded payments and credits). */
export async function exportInvoices({ store, workspaceId, now }: { store: Store; workspaceId: string; now: number }): Promise<string> {
  const invoices = await store.listInvoices(workspaceId);
  const names = new Map((await store.listCustomers(workspaceId)).map((customer) => [customer.id, customer.name]));
  const events = groupEventsByInvoice(await store.listEvents(workspaceId));
  const lines = [formatCsvRow(['Invoice ID', 'Invoice Number', 'Customer ID', 'Customer Name', 'Invoice Date', 'Due Date', 'Amount', 'Balance', 'Currency', 'Status'])];
  for (const invoice of invoices) {
    const balance = openBalance(invoice, events.get(invoice.id) ?? [], now);
    lines.push(formatCsvRow([invoice.id, invoice.number, invoice.customerId, names.get(invoice.customerId), invoice.issuedOn, invoice.dueOn, formatAmount(invoice.amountMinor, invoice.currency), formatAmount(balance, invoice.currency), invoice.currency, invoice.status]));
  }
  return lines.join('');
}
