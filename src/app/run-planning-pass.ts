import { createCustomerState, createEngineContext, createInvoiceState, type CustomerState } from '../core/planning/engine-state.ts';
import { planCustomer } from '../core/planning/plan-customer.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import type { Customer, Invoice } from '../core/portfolio/portfolio.ts';
import { daysPastDueBreakpoints } from '../core/segments/match-segment.ts';
import { parseCalendarDay } from '../core/time/calendar-day.ts';
import type { Store, StoredContact, StoredCustomer, StoredInvoice } from './ports/store.ts';

// The planning pass: every open invoice of a workspace, customer by customer, through the
// engine's planner at `now`, streamed so memory stays flat however large the portfolio is.
// It answers "what is each customer's next action, and is it due?".

export interface PlanningPassResult {
  customers: number;
  invoices: number;
  /** Customers with at least one planned action. */
  planned: number;
  /** Planned actions due at or before `now`. */
  dueNow: number;
  /** The earliest next action over the whole workspace. */
  earliestAt: number | null;
}

export interface RunPlanningPassInput {
  store: Store;
  workspaceId: string;
  policy: Policy;
  now: number;
  /** Customers read and planned together; a page of the stream. */
  customersPerBatch?: number;
}

function toCustomer(row: StoredCustomer, contacts: readonly StoredContact[]): Customer {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    locale: row.locale,
    tags: row.tags,
    region: row.region,
    industry: row.industry,
    score: row.score,
    tier: row.tier,
    contacts: contacts.map((contact) => ({ name: contact.name, email: contact.email })),
  };
}

function toInvoice(row: StoredInvoice): Invoice {
  return {
    id: row.id,
    customerId: row.customerId,
    number: row.number,
    issuedOn: parseCalendarDay(row.issuedOn),
    dueOn: parseCalendarDay(row.dueOn)!,
    amountMinor: row.amountMinor,
    balanceMinor: row.balanceMinor,
    currency: row.currency,
    knownAt: row.knownAt,
  };
}

export async function runPlanningPass({ store, workspaceId, policy, now, customersPerBatch = 500 }: RunPlanningPassInput): Promise<PlanningPassResult> {
  const context = createEngineContext(policy, daysPastDueBreakpoints(policy.segments));
  const result: PlanningPassResult = { customers: 0, invoices: 0, planned: 0, dueNow: 0, earliestAt: null };
  let batch = new Map<string, StoredInvoice[]>();

  const planBatch = async () => {
    if (batch.size === 0) return;
    const ids = [...batch.keys()];
    const [customers, contacts] = await Promise.all([store.listCustomers(workspaceId, { ids }), store.listContacts(workspaceId, { customerIds: ids })]);
    const contactsByCustomer = new Map<string, StoredContact[]>();
    for (const contact of contacts) {
      const list = contactsByCustomer.get(contact.customerId);
      if (list) list.push(contact);
      else contactsByCustomer.set(contact.customerId, [contact]);
    }
    for (const row of customers) {
      const state: CustomerState = createCustomerState(toCustomer(row, contactsByCustomer.get(row.id) ?? []), policy);
      for (const invoice of batch.get(row.id) ?? []) state.invoices.push(createInvoiceState(toInvoice(invoice), state, invoice.knownAt));
      const plan = planCustomer(state, now, context);
      result.customers += 1;
      result.invoices += state.invoices.length;
      if (plan.actions.length > 0) {
        result.planned += 1;
        const first = plan.actions[0]!.at;
        if (result.earliestAt === null || first < result.earliestAt) result.earliestAt = first;
        for (const action of plan.actions) if (action.at <= now) result.dueNow += 1;
      }
    }
    batch = new Map();
  };

  let currentCustomer: string | null = null;
  for await (const invoice of store.streamOpenInvoices(workspaceId, { batchSize: 2000 })) {
    if (invoice.customerId !== currentCustomer) {
      // A customer's invoices arrive together (the stream is ordered by customer): plan whole customers only.
      if (batch.size >= customersPerBatch) await planBatch();
      currentCustomer = invoice.customerId;
    }
    const list = batch.get(invoice.customerId);
    if (list) list.push(invoice);
    else batch.set(invoice.customerId, [invoice]);
  }
  await planBatch();
  return result;
}
