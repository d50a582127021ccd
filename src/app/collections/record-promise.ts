import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { requirePositiveAmount } from '../require-positive-amount.ts';
import { loadLivePolicyOrNull } from '../load-live-policy.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import { openBalance } from '../open-balance.ts';
import type { Store, StoredEvent } from '../ports/store.ts';

// A promise to pay, logged from the queue: an engine event, so the cadence waits for it. It is
// kept when payments reach it by the date and grace, missed otherwise (the engine then opens a
// task and the cadence resumes). Audited.

export type PromiseStatus = 'open' | 'kept' | 'missed';

export interface PromiseView {
  invoiceId: string;
  amount: string;
  currency: string;
  on: string;
  madeAt: number;
  status: PromiseStatus;
}

export async function recordPromise(input: { store: Store; now: number; workspaceId: string; by: Actor; invoiceId: string; amount: string; on: string; contact?: string | null }): Promise<PromiseView> {
  const { store, now, workspaceId, by, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  const workspace = await store.getWorkspace(workspaceId);
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!workspace || !invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  const amountMinor = requirePositiveAmount(input.amount, invoice.currency, { record, field: 'amount' });
  const day = parseCalendarDay(input.on);
  if (day === null) throw new AppError('invalid_input', `on: "${input.on}" is not a date (YYYY-MM-DD)`, { record, field: 'on' });
  if (day < localDay(workspace.timeZone, now)) throw new AppError('invalid_input', `on: ${input.on} has passed`, { record, field: 'on' });
  const balance = openBalance(invoice, await store.listEvents(workspaceId, { customerId: invoice.customerId }), now);
  if (amountMinor > balance) throw new AppError('invalid_input', `amount: more than the open balance ${formatAmount(balance, invoice.currency)}`, { record, field: 'amount' });
  const text = formatAmount(amountMinor, invoice.currency);
  await store.transaction(async (tx) => {
    await tx.appendEvents(workspaceId, [{ at: now, type: 'promise', invoiceId, payload: { amount: text, on: input.on } }]);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'promise.record', subject: `promise on invoice ${invoice.number}`, after: { amount: text, currency: invoice.currency, on: input.on, contact: input.contact ?? null } });
  });
  return { invoiceId, amount: text, currency: invoice.currency, on: input.on, madeAt: now, status: 'open' };
}

/**
 * Each promise on the invoices given (or all), with whether it was kept, missed or is still open.
 * A caller that has read the customer's events or the live policy already passes them (`events`,
 * `policy`; null: none is published), so they are read once.
 */
export async function listPromises(input: { store: Store; now: number; workspaceId: string; customerId?: string; events?: readonly StoredEvent[]; policy?: Policy | null }): Promise<PromiseView[]> {
  const { store, now, workspaceId } = input;
  const policy = input.policy !== undefined ? input.policy : await loadLivePolicyOrNull(store, workspaceId);
  const graceDays = policy?.workspace.guardrails.promiseGraceDays ?? 1;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const events = input.events ?? (await store.listEvents(workspaceId, input.customerId ? { customerId: input.customerId } : {}));
  const invoices = new Map((await store.listInvoices(workspaceId, { ids: [...new Set(events.flatMap((event) => (event.type === 'promise' && event.invoiceId ? [event.invoiceId] : [])))] })).map((invoice) => [invoice.id, invoice]));
  const today = localDay(workspace.timeZone, now);
  return events
    .filter((event): event is StoredEvent & { invoiceId: string } => event.type === 'promise' && event.invoiceId !== null)
    .map((promise) => {
      const invoice = invoices.get(promise.invoiceId)!;
      const wanted = parseAmount(String(promise.payload.amount), invoice.currency);
      const deadlineDay = (parseCalendarDay(String(promise.payload.on)) ?? today) + graceDays;
      // Payments since the promise, less the reversals since it, as the engine counts them.
      const paid = events
        .filter((event) => (event.type === 'payment' || event.type === 'payment_reversed') && event.invoiceId === promise.invoiceId && event.at >= promise.at && localDay(workspace.timeZone, event.at) <= deadlineDay)
        .reduce((sum, event) => {
          const amount = parseAmount(String(event.payload.amount), invoice.currency);
          return sum + (amount.ok ? (event.type === 'payment' ? amount.minor : -amount.minor) : 0);
        }, 0);
      const status: PromiseStatus = wanted.ok && paid >= wanted.minor ? 'kept' : today > deadlineDay ? 'missed' : 'open';
      return { invoiceId: promise.invoiceId, amount: String(promise.payload.amount), currency: invoice.currency, on: String(promise.payload.on), madeAt: promise.at, status };
    })
    .reverse();
}
