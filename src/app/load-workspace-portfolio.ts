import { parsePortfolio } from '../core/portfolio/parse-portfolio.ts';
import type { Portfolio } from '../core/portfolio/portfolio.ts';
import { formatAmount } from '../core/money/money.ts';
import { AppError } from './app-error.ts';
import type { JsonObject, Store, StoredEvent } from './ports/store.ts';

/**
 * Reads a workspace's customers, invoices and events and checks them as the engine's input.
 * Stored rows take the shape of `plixo simulate`'s data file, so one parser guards both ways in.
 * With `only`, one customer's part of it (their invoices and events): an invoice's own context.
 */
export async function loadWorkspacePortfolio(store: Store, workspaceId: string, only?: { customerId: string }): Promise<Portfolio> {
  const one = only?.customerId;
  const [customers, contacts, invoices, events] = await Promise.all([
    store.listCustomers(workspaceId, one === undefined ? {} : { ids: [one] }),
    store.listContacts(workspaceId, one === undefined ? {} : { customerIds: [one] }),
    one === undefined ? store.listInvoices(workspaceId) : store.pageInvoices(workspaceId, { customerId: one, limit: 1_000_000 }),
    store.listEvents(workspaceId, one === undefined ? {} : { customerId: one }),
  ]);
  const contactsByCustomer = new Map<string, { name: string | null; email: string }[]>();
  for (const contact of contacts) {
    const list = contactsByCustomer.get(contact.customerId) ?? [];
    list.push({ name: contact.name, email: contact.email });
    contactsByCustomer.set(contact.customerId, list);
  }
  const data = {
    customers: customers.map((customer) => ({
      id: customer.id,
      name: customer.name,
      ...(customer.timeZone ? { timezone: customer.timeZone } : {}),
      ...(customer.locale ? { locale: customer.locale } : {}),
      tags: customer.tags,
      region: customer.region,
      industry: customer.industry,
      score: customer.score,
      tier: customer.tier,
      contacts: (contactsByCustomer.get(customer.id) ?? []).map((contact) => ({ ...(contact.name ? { name: contact.name } : {}), email: contact.email })),
    })),
    invoices: invoices.map((invoice) => ({
      id: invoice.id,
      customer: invoice.customerId,
      number: invoice.number,
      issuedOn: invoice.issuedOn,
      dueOn: invoice.dueOn,
      amount: formatAmount(invoice.amountMinor, invoice.currency),
      balance: formatAmount(invoice.balanceMinor, invoice.currency),
      currency: invoice.currency,
      knownAt: new Date(invoice.knownAt).toISOString(),
    })),
    events: events.map((event) => ({
      // Money events keep where they came from beside the amount (an approval, a payment of the
      // ledger); the engine needs the amount (and a reversal's reason) only.
      ...engineFieldsOf(event),
      at: new Date(event.at).toISOString(),
      type: event.type,
      ...(event.invoiceId ? { invoice: event.invoiceId } : event.customerId ? { customer: event.customerId } : {}),
    })),
  };
  // Stored history is read as it happened: a payment imported later with an earlier date must
  // not make a plan agreed in between unreadable (the engine ends a plan once nothing is owed).
  const parsed = parsePortfolio(data, { checkPlanBalances: false });
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    throw new AppError('invalid_input', `stored data of workspace ${workspaceId}: ${first.record}: ${first.field}: ${first.message}`, {
      record: first.record,
      field: first.field,
    });
  }
  return parsed.portfolio;
}

/**
 * Where the engine starts for a workspace: when Plixo first knew anything, the workspace's
 * creation or an earlier invoice brought in with its own knownAt (an import of history).
 */
export function planningStart(workspace: { createdAt: number }, portfolio: Portfolio): number {
  let start = workspace.createdAt;
  for (const invoice of portfolio.invoices) if (invoice.knownAt !== null && invoice.knownAt < start) start = invoice.knownAt;
  return start;
}

function engineFieldsOf(event: StoredEvent): JsonObject {
  switch (event.type) {
    case 'payment':
    case 'credit':
      return { amount: event.payload.amount ?? null };
    case 'payment_reversed':
      return { amount: event.payload.amount ?? null, reason: event.payload.reason ?? null };
    case 'plan':
      // An approved plan names its approval beside the instalments.
      return { installments: event.payload.installments ?? null };
    case 'plan_cancelled':
    case 'dispute':
    case 'dispute_resolved':
      // A chargeback's dispute names its dispute and outcome; the engine reads no field of it.
      return {};
    default:
      return event.payload;
  }
}
