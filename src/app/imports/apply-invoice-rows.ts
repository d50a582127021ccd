import type { InvoiceRow } from '../../core/imports/read-import-row.ts';
import { formatAmount } from '../../core/money/money.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import type { CustomerInput, EventInput, InvoiceInput, StoredEvent, StoredInvoice } from '../ports/store.ts';
import { emptyOutcome, rejectRow, sameRecord, type BatchContext, type BatchOutcome, type ImportIssue, type LinedRow } from './import-outcome.ts';

// Invoices by id. A new invoice is known from the import's instant. An existing one takes the
// file's number, dates, amount and status; it keeps its customer and currency (a file that says
// otherwise is refused for that row: moving an invoice is not an import's business).
//
// The balance: Plixo counts an invoice's open balance as its stored balance less the payments and
// credits recorded since (open-balance.ts). With none recorded, the file's balance is stored as
// it is. With some, storing it would count those payments twice, so a lower balance in the file
// becomes a credit of the difference (source: import), and a higher one is kept as Plixo's with a
// warning: the ERP may not have seen a payment Plixo recorded, and reminding a customer of money
// they paid is the worst mistake a reminder can make.

export async function applyInvoiceRows(context: BatchContext, rows: readonly LinedRow<InvoiceRow>[]): Promise<BatchOutcome> {
  const { store, workspaceId, now } = context;
  const outcome = emptyOutcome();
  const existing = new Map((await store.listInvoices(workspaceId, { ids: rows.map(({ row }) => row.id) })).map((invoice) => [invoice.id, invoice]));
  const customerIds = [...new Set(rows.map(({ row }) => row.customerId))];
  const customers = new Set((await store.listCustomers(workspaceId, { ids: customerIds })).map((customer) => customer.id));
  const eventsByInvoice = await moneyEventsOf(context, [...new Set([...existing.values()].map((invoice) => invoice.customerId))]);
  const newCustomers = new Map<string, CustomerInput>();
  const writes: InvoiceInput[] = [];
  const credits: EventInput[] = [];
  for (const { line, row } of rows) {
    const before = existing.get(row.id);
    if (!before && !customers.has(row.customerId) && !newCustomers.has(row.customerId) && !context.createdCustomers.has(row.customerId)) {
      if (!row.customerName) {
        outcome.issues.push(rejectRow(line, context.column('customerId'), row.customerId, `customer ${row.customerId} does not exist: map a Customer Name column to create customers, or import customers first`));
        continue;
      }
      context.createdCustomers.add(row.customerId);
      newCustomers.set(row.customerId, { id: row.customerId, name: row.customerName, contacts: row.contactEmail ? [{ email: row.contactEmail, isPrimary: true }] : [] });
    }
    if (!before) {
      outcome.created += 1;
      writes.push({ id: row.id, customerId: row.customerId, number: row.number, issuedOn: row.issuedOn, dueOn: row.dueOn, amountMinor: row.amountMinor, balanceMinor: row.balanceMinor, currency: row.currency, knownAt: now, status: row.status });
      continue;
    }
    const refusal = refuseChange(context, line, before, row);
    if (refusal) {
      outcome.issues.push(refusal);
      continue;
    }
    const events = eventsByInvoice.get(before.id) ?? [];
    const after: InvoiceInput = { ...toInvoiceInput(before), number: row.number, issuedOn: row.issuedOn, dueOn: row.dueOn, amountMinor: row.amountMinor, status: row.status };
    const open = openBalance(before, events, now);
    if (events.length === 0) after.balanceMinor = row.balanceMinor;
    else if (row.balanceMinor < open) {
      credits.push({ at: now, type: 'credit', invoiceId: before.id, payload: { amount: formatAmount(open - row.balanceMinor, before.currency), source: 'import', note: 'the imported balance is lower than the open balance' } });
    } else if (row.balanceMinor > open) {
      outcome.issues.push({
        line,
        column: context.column('balance'),
        value: formatAmount(row.balanceMinor, before.currency),
        reason: `is more than the open balance of ${formatAmount(open, before.currency)} after the payments and credits Plixo recorded: Plixo kept its balance`,
        outcome: 'warning',
      });
    }
    const balanceMoved = credits.at(-1)?.invoiceId === before.id;
    if (!balanceMoved && sameRecord(toInvoiceInput(before), after)) outcome.unchanged += 1;
    else {
      outcome.updated += 1;
      writes.push(after);
    }
  }
  if (!context.dryRun) {
    if (newCustomers.size > 0) await store.upsertCustomers(workspaceId, [...newCustomers.values()]);
    if (writes.length > 0) await store.upsertInvoices(workspaceId, writes);
    if (credits.length > 0) await store.appendEvents(workspaceId, credits);
  }
  return outcome;
}

function refuseChange(context: BatchContext, line: number, before: StoredInvoice, row: InvoiceRow): ImportIssue | null {
  if (before.customerId !== row.customerId) {
    return rejectRow(line, context.column('customerId'), row.customerId, `invoice ${before.id} belongs to customer ${before.customerId}; an import does not move invoices between customers`);
  }
  if (before.currency !== row.currency) {
    return rejectRow(line, context.column('currency'), row.currency, `invoice ${before.id} is in ${before.currency}; an invoice's currency does not change`);
  }
  return null;
}

function toInvoiceInput(invoice: StoredInvoice): InvoiceInput {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    amountMinor: invoice.amountMinor,
    balanceMinor: invoice.balanceMinor,
    currency: invoice.currency,
    knownAt: invoice.knownAt,
    status: invoice.status,
  };
}

// The payments, credits and reversals on the invoices of these customers, by invoice.
async function moneyEventsOf(context: BatchContext, customerIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  if (customerIds.length === 0) return new Map();
  return groupEventsByInvoice(await context.store.listEvents(context.workspaceId, { customerIds }), balanceEventTypes);
}
