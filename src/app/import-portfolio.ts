import { parsePortfolio } from '../core/portfolio/parse-portfolio.ts';
import { formatCalendarDay } from '../core/time/calendar-day.ts';
import { requireWithinPlan } from './access/organisation-plan.ts';
import { AppError } from './app-error.ts';
import type { EventInput, JsonObject, Store } from './ports/store.ts';

// `plixo import --data DATA.json`: the data format of `plixo simulate` into the database. The
// whole file is checked first and written in one transaction; importing the same file again
// changes nothing (customers and invoices are upserted by id, an identical event is not added twice).

export interface ImportResult {
  customers: number;
  invoices: number;
  eventsAdded: number;
  eventsAlreadyThere: number;
}

function fingerprint(event: { at: number; type: string; customerId?: string | null; invoiceId?: string | null; payload?: JsonObject }): string {
  const payload = event.payload ?? {};
  const sorted = Object.fromEntries(Object.keys(payload).sort().map((key) => [key, payload[key]]));
  return JSON.stringify([event.at, event.type, event.invoiceId ?? event.customerId ?? null, sorted]);
}

export async function importPortfolio({ store, workspaceId, raw, now }: { store: Store; workspaceId: string; raw: unknown; now: number }): Promise<ImportResult> {
  const parsed = parsePortfolio(raw);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : '';
    throw new AppError('invalid_input', `${first.record}: ${first.field}: ${first.message}${more}`, { record: first.record, field: first.field });
  }
  const { customers, invoices } = parsed.portfolio;
  const rawEvents = ((raw as { events?: Record<string, unknown>[] }).events ?? []).map((event): EventInput => {
    const { at, type, customer, invoice, ...payload } = event;
    return {
      at: Date.parse(String(at)),
      type: type as EventInput['type'],
      ...(invoice !== undefined ? { invoiceId: String(invoice) } : { customerId: customer === undefined ? null : String(customer) }),
      payload: payload as JsonObject,
    };
  });
  return store.transaction(async (tx) => {
    const workspace = await tx.getWorkspace(workspaceId);
    if (!workspace) {
      throw new AppError('not_found', `workspace ${workspaceId} does not exist: run \`plixo policy apply BUNDLE\` first`);
    }
    await tx.upsertCustomers(
      workspaceId,
      customers.map((customer) => ({
        id: customer.id,
        name: customer.name,
        timeZone: customer.timeZone,
        locale: customer.locale,
        tags: [...customer.tags],
        region: customer.region,
        industry: customer.industry,
        score: customer.score,
        tier: customer.tier,
        contacts: customer.contacts.flatMap((contact) => (contact.email ? [{ email: contact.email, name: contact.name }] : [])),
      })),
    );
    await tx.upsertInvoices(
      workspaceId,
      invoices.map((invoice) => ({
        id: invoice.id,
        customerId: invoice.customerId,
        number: invoice.number,
        issuedOn: invoice.issuedOn === null ? formatCalendarDay(invoice.dueOn) : formatCalendarDay(invoice.issuedOn),
        dueOn: formatCalendarDay(invoice.dueOn),
        amountMinor: invoice.amountMinor,
        balanceMinor: invoice.balanceMinor,
        currency: invoice.currency,
        knownAt: invoice.knownAt ?? now,
        status: invoice.balanceMinor > 0 ? 'open' : 'closed',
      })),
    );
    // Over the plan's limits, the whole import is refused: the transaction writes nothing.
    await requireWithinPlan(tx, workspaceId, workspace.plan, 'this import');
    const existing = new Set((await tx.listEvents(workspaceId)).map((event) => fingerprint(event)));
    const added = rawEvents.filter((event) => !existing.has(fingerprint(event)));
    if (added.length > 0) await tx.appendEvents(workspaceId, added);
    return { customers: customers.length, invoices: invoices.length, eventsAdded: added.length, eventsAlreadyThere: rawEvents.length - added.length };
  });
}

