import { disputeReasons, type DisputeReason } from '../../core/collections/dispute-sla.ts';
import { formatMoney, parseAmount } from '../../core/money/money.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { startOfLocalDay } from '../../core/time/time-zone.ts';
import { AppError } from '../app-error.ts';
import { openBalance } from '../open-balance.ts';
import type { StoredNote } from '../ports/collections-record-store.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredEngineAction, StoredEvent, StoredInvoice, Store, SuppressionReason } from '../ports/store.ts';
import type { JsonValue } from '../ports/json.ts';
import { entriesOfDispute, entriesOfOutboxMessage, entryOfEngineAction, entryOfEvent, entryOfInboundMessage, entryOfNote, roleWords, taskWords, type TimelineEntry } from './describe-timeline-entries.ts';
import { viewDispute, type DisputeView } from './manage-disputes.ts';
import { listPaymentPlans, type PaymentPlanView } from './list-payment-plans.ts';
import { listPromises, type PromiseStatus } from './record-promise.ts';
import { openTaskDays } from './refresh-collections-queue.ts';

// Everything sent, skipped, held and received for one invoice, newest first, with what a person
// working it needs beside: its promises to pay and payment plans, an active pause, open disputes, the tasks and
// escalations waiting, and the customer's contacts (suppressed or not). Assembled from the
// engine's recorded actions, the outbox, inbound mail, events and the collections records.

const day = 86_400_000;
/** Pages read from the customer's outbox and notes until enough lines are found. */
const pageSize = 200;

export interface TimelineMoney {
  minor: number;
  currency: string;
  /** In the workspace's locale, as the queue shows balances. */
  formatted: string;
}

export interface InvoiceTimeline {
  invoice: { id: string; number: string; customerId: string; customerName: string; status: 'open' | 'closed'; dueOn: string; balance: TimelineMoney };
  /** Newest first, at most `limit`. */
  entries: TimelineEntry[];
  /** Older entries exist beyond `limit`. */
  more: boolean;
  /** This invoice's promises to pay, newest first. */
  promises: { amount: TimelineMoney; on: string; madeAt: number; status: PromiseStatus }[];
  /** This invoice's payment plans, newest first, with each instalment's state. */
  plans: TimelinePlan[];
  /** The pause in force now (of the invoice or of its customer) that ends last; null when none. */
  pause: { until: string; endsAt: number; since: number; scope: 'invoice' | 'customer' } | null;
  disputes: DisputeView[];
  /** Tasks and escalations of the last seven days: what the queue counts as waiting on a person. */
  waiting: { at: number; kind: 'task' | 'escalation'; summary: string; assignTo: string | null }[];
  contacts: { email: string; name: string | null; primary: boolean; suppressed: { reason: SuppressionReason; untilAt: number | null } | null }[];
}

export interface TimelinePlan {
  agreedAt: number;
  status: PaymentPlanView['status'];
  endedAt: number | null;
  total: TimelineMoney;
  paid: TimelineMoney;
  approvalId: number | null;
  installments: { on: string; amount: TimelineMoney; dueBy: number; state: PaymentPlanView['installments'][number]['state'] }[];
}

export async function getInvoiceTimeline(input: { store: Store; now: number; workspaceId: string; invoiceId: string; limit: number }): Promise<InvoiceTimeline> {
  const { store, now, workspaceId, invoiceId, limit } = input;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `invoice ${invoiceId} does not exist in this organisation`, { record: `invoice ${invoiceId}` });
  const customerId = invoice.customerId;
  const [[customer], actions, events, messages, inbound, notes, disputes, promises, contacts] = await Promise.all([
    store.listCustomers(workspaceId, { ids: [customerId] }),
    store.listEngineActions(workspaceId, { invoiceId }),
    store.listEvents(workspaceId, { customerId }),
    readOutbox(store, workspaceId, invoice),
    // Newest first, like every other source: the newest `limit` + 1 are enough to tell the newest lines and whether more exist.
    store.listInboundMessages(workspaceId, { customerId, limit: limit + 1 }),
    readNotes(store, workspaceId, invoice, limit + 1),
    store.listDisputes(workspaceId, { invoiceId, limit: 100 }),
    listPromises({ store, now, workspaceId, customerId }),
    store.listContacts(workspaceId, { customerIds: [customerId] }),
  ]);
  const plansHere = (await listPaymentPlans({ store, now, workspaceId, customerId, events })).filter((plan) => plan.invoiceId === invoiceId);
  const suppressions = new Map((await store.listSuppressions(workspaceId, { activeAt: now, emails: contacts.map((contact) => contact.email) })).map((entry) => [entry.email, entry]));
  const money = (minor: number): TimelineMoney => ({ minor, currency: invoice.currency, formatted: formatMoney(minor, invoice.currency, workspace.locale) });
  const ofInvoice = events.filter((event) => event.invoiceId === invoiceId || event.invoiceId === null);
  const promisesHere = promises.filter((promise) => promise.invoiceId === invoiceId);

  const entries: TimelineEntry[] = [...actions.map(entryOfEngineAction)];
  const reportedByMail = new Set(inbound.filter((message) => message.outboxId !== null).map((message) => `${message.kind}:${message.outboxId}`));
  for (const message of messages) entries.push(...entriesOfOutboxMessage(message, reportedByMail));
  entries.push(...inbound.map((message) => entryOfInboundMessage(message, invoiceId)));
  for (const dispute of disputes) entries.push(...entriesOfDispute(dispute));
  entries.push(...notes.map(entryOfNote));
  // A dispute opened from the queue and a reply received by mail are told by their records; the
  // event of the same instant would say it twice. Events without such a record (an import) stay.
  const told = new Set([
    ...disputes.flatMap((dispute) => [`dispute@${dispute.openedAt}`, ...(dispute.resolvedAt === null ? [] : [`dispute_resolved@${dispute.resolvedAt}`])]),
    ...inbound.filter((message) => message.kind === 'reply').map((message) => `reply@${message.receivedAt}`),
  ]);
  const words = {
    money: (amount: JsonValue | undefined) => {
      const parsed = parseAmount(String(amount ?? ''), invoice.currency);
      return parsed.ok ? money(parsed.minor).formatted : `${String(amount ?? '?')} ${invoice.currency}`;
    },
    promiseStatus: (event: StoredEvent) => promisesHere.find((promise) => promise.madeAt === event.at && promise.on === String(event.payload.on))?.status ?? null,
    minor: (amountMinor: number) => money(amountMinor).formatted,
    planOf: (event: StoredEvent) => plansHere.find((plan) => plan.agreedAt === event.at) ?? null,
  };
  for (const event of ofInvoice) {
    if (told.has(`${event.type}@${event.at}`)) continue;
    const entry = entryOfEvent(event, words);
    if (entry) entries.push(entry);
  }
  // Newest first; of one instant, the one added last (a later stage of the same thing) first.
  const ordered = entries.map((entry, index) => ({ entry, index })).sort((a, b) => b.entry.at - a.entry.at || b.index - a.index);

  const timeZone = customer?.timeZone ?? workspace.timeZone;
  return {
    invoice: {
      id: invoice.id,
      number: invoice.number,
      customerId,
      customerName: customer?.name ?? customerId,
      status: invoice.status,
      dueOn: invoice.dueOn,
      balance: money(openBalance(invoice, events, now)),
    },
    entries: ordered.slice(0, limit).map(({ entry }) => entry),
    more: ordered.length > limit,
    promises: promisesHere.map((promise) => {
      const amount = parseAmount(promise.amount, invoice.currency);
      return { amount: money(amount.ok ? amount.minor : 0), on: promise.on, madeAt: promise.madeAt, status: promise.status };
    }),
    plans: plansHere.map((plan) => ({
      agreedAt: plan.agreedAt,
      status: plan.status,
      endedAt: plan.endedAt,
      total: money(plan.totalMinor),
      paid: money(plan.paidMinor),
      approvalId: plan.approvalId,
      installments: plan.installments.map((installment) => ({ on: installment.on, amount: money(installment.amountMinor), dueBy: installment.dueBy, state: installment.state })),
    })),
    pause: activePause(ofInvoice, timeZone, now),
    disputes: disputes.filter((dispute) => dispute.resolvedAt === null).map((dispute) => viewDispute(dispute, now)),
    waiting: waitingTasks(actions, now),
    contacts: contacts.map((contact) => {
      const suppression = suppressions.get(contact.email.toLowerCase());
      return { email: contact.email, name: contact.name, primary: contact.isPrimary, suppressed: suppression ? { reason: suppression.reason, untilAt: suppression.untilAt } : null };
    }),
  };
}

/** The reason label of a dispute's code, for screens. */
export function disputeReasonLabel(reason: string): string {
  return disputeReasons[reason as DisputeReason]?.label ?? reason;
}

/** Every message of the customer that concerns the invoice (a consolidated message names several). */
async function readOutbox(store: Store, workspaceId: string, invoice: StoredInvoice): Promise<StoredOutboxMessage[]> {
  const found: StoredOutboxMessage[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await store.listOutboxMessages(workspaceId, { customerId: invoice.customerId, limit: pageSize, ...(beforeId !== undefined ? { beforeId } : {}) });
    found.push(...page.filter((message) => message.invoiceIds.includes(invoice.id)));
    if (page.length < pageSize) return found;
    beforeId = page[page.length - 1]!.id;
  }
}

/** The newest notes on the invoice or on its customer as a whole, up to `wanted`. */
async function readNotes(store: Store, workspaceId: string, invoice: StoredInvoice, wanted: number): Promise<StoredNote[]> {
  const found: StoredNote[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await store.listNotes(workspaceId, { customerId: invoice.customerId, limit: pageSize, ...(beforeId !== undefined ? { beforeId } : {}) });
    found.push(...page.filter((note) => note.invoiceId === invoice.id || note.invoiceId === null));
    if (found.length >= wanted || page.length < pageSize) return found.slice(0, wanted);
    beforeId = page[page.length - 1]!.id;
  }
}

/** As the engine reads a pause: nothing automated before the start of its date in the customer's zone; pauses add up. */
function activePause(events: readonly StoredEvent[], timeZone: string, now: number): InvoiceTimeline['pause'] {
  let active: InvoiceTimeline['pause'] = null;
  for (const event of events) {
    if (event.type !== 'pause' || event.at > now) continue;
    const until = String(event.payload.until ?? '');
    const untilDay = parseCalendarDay(until);
    if (untilDay === null) continue;
    const endsAt = startOfLocalDay(timeZone, untilDay);
    if (endsAt <= now || (active && active.endsAt >= endsAt)) continue;
    active = { until, endsAt, since: event.at, scope: event.invoiceId === null ? 'customer' : 'invoice' };
  }
  return active;
}

function waitingTasks(actions: readonly StoredEngineAction[], now: number): InvoiceTimeline['waiting'] {
  return actions
    .filter((action) => (action.type === 'task' || action.type === 'escalate') && action.at <= now && action.at >= now - openTaskDays * day)
    .reverse()
    .map((action) => ({
      at: action.at,
      kind: action.type === 'escalate' ? ('escalation' as const) : ('task' as const),
      summary: taskWords(action),
      assignTo: roleWords(typeof action.payload.assignTo === 'string' ? action.payload.assignTo : null),
    }));
}
