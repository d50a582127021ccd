import { escapeHtml } from '../../core/messages/escape-html.ts';
import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { openBalance } from '../open-balance.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { StoredNote } from '../ports/collections-record-store.ts';
import type { Store, StoredEvent } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';

// What an operator logs from the queue: a promise to pay (the cadence waits for it; kept when
// payments reach it by the date and grace, missed otherwise, and the engine then opens a task),
// a pause of a customer or an invoice until a date, and internal notes that @mention colleagues.
// Promises and pauses are engine events; every one is audited.

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
  const amount = parseAmount(input.amount, invoice.currency);
  if (!amount.ok || amount.minor <= 0) throw new AppError('invalid_input', `amount: ${amount.ok ? 'must be more than zero' : amount.problem}`, { record, field: 'amount' });
  const day = parseCalendarDay(input.on);
  if (day === null) throw new AppError('invalid_input', `on: "${input.on}" is not a date (YYYY-MM-DD)`, { record, field: 'on' });
  if (day < localDay(workspace.timeZone, now)) throw new AppError('invalid_input', `on: ${input.on} has passed`, { record, field: 'on' });
  const balance = openBalance(invoice, await store.listEvents(workspaceId, { customerId: invoice.customerId }), now);
  if (amount.minor > balance) throw new AppError('invalid_input', `amount: more than the open balance ${formatAmount(balance, invoice.currency)}`, { record, field: 'amount' });
  const text = formatAmount(amount.minor, invoice.currency);
  await store.transaction(async (tx) => {
    await tx.appendEvents(workspaceId, [{ at: now, type: 'promise', invoiceId, payload: { amount: text, on: input.on } }]);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'promise.record', subject: `promise on invoice ${invoice.number}`, after: { amount: text, currency: invoice.currency, on: input.on, contact: input.contact ?? null } });
  });
  return { invoiceId, amount: text, currency: invoice.currency, on: input.on, madeAt: now, status: 'open' };
}

/** Each promise on the invoices given (or all), with whether it was kept, missed or is still open. */
export async function listPromises(input: { store: Store; now: number; workspaceId: string; customerId?: string }): Promise<PromiseView[]> {
  const { store, now, workspaceId } = input;
  const graceDays = await loadLivePolicy(store, workspaceId).then(
    (live) => live.policy.workspace.guardrails.promiseGraceDays,
    () => 1,
  );
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const events = await store.listEvents(workspaceId, input.customerId ? { customerId: input.customerId } : {});
  const invoices = new Map((await store.listInvoices(workspaceId, { ids: [...new Set(events.flatMap((event) => (event.type === 'promise' && event.invoiceId ? [event.invoiceId] : [])))] })).map((invoice) => [invoice.id, invoice]));
  const today = localDay(workspace.timeZone, now);
  return events
    .filter((event): event is StoredEvent & { invoiceId: string } => event.type === 'promise' && event.invoiceId !== null)
    .map((promise) => {
      const invoice = invoices.get(promise.invoiceId)!;
      const wanted = parseAmount(String(promise.payload.amount), invoice.currency);
      const deadlineDay = (parseCalendarDay(String(promise.payload.on)) ?? today) + graceDays;
      const paid = events
        .filter((event) => event.type === 'payment' && event.invoiceId === promise.invoiceId && event.at >= promise.at && localDay(workspace.timeZone, event.at) <= deadlineDay)
        .reduce((sum, event) => {
          const amount = parseAmount(String(event.payload.amount), invoice.currency);
          return sum + (amount.ok ? amount.minor : 0);
        }, 0);
      const status: PromiseStatus = wanted.ok && paid >= wanted.minor ? 'kept' : today > deadlineDay ? 'missed' : 'open';
      return { invoiceId: promise.invoiceId, amount: String(promise.payload.amount), currency: invoice.currency, on: String(promise.payload.on), madeAt: promise.at, status };
    })
    .reverse();
}

export async function pauseCollections(input: { store: Store; now: number; workspaceId: string; by: Actor; customerId?: string; invoiceId?: string; until: string; reason: string }): Promise<void> {
  const { store, now, workspaceId, by } = input;
  if ((input.customerId === undefined) === (input.invoiceId === undefined)) throw new AppError('invalid_input', 'name a customer or an invoice to pause, not both', { field: 'customerId' });
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const day = parseCalendarDay(input.until);
  if (day === null || day <= localDay(workspace.timeZone, now)) throw new AppError('invalid_input', `until: "${input.until}" must be a date (YYYY-MM-DD) after today`, { field: 'until' });
  if (input.reason.trim() === '') throw new AppError('invalid_input', 'reason: say why collections pause', { field: 'reason' });
  const target = input.invoiceId !== undefined ? { invoiceId: input.invoiceId } : { customerId: input.customerId! };
  await store.transaction(async (tx) => {
    await tx.appendEvents(workspaceId, [{ at: now, type: 'pause', ...target, payload: { until: input.until } }]);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'collections.pause', subject: input.invoiceId ? `invoice ${input.invoiceId}` : `customer ${input.customerId}`, after: { until: input.until }, rationale: input.reason.trim() });
  });
}

/** `@ana` or `@ana@acme.example`: a member by the part of their email before the @, or by the whole. */
const mentionPattern = /(?<![\w.])@([a-z0-9._%+-]+(?:@[a-z0-9.-]+\.[a-z]{2,})?)/gi;

export async function addNote(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  customerId: string;
  invoiceId?: string | null;
  body: string;
  mailer: UserMailer;
  baseUrl: string;
}): Promise<{ note: StoredNote; notified: number }> {
  const { store, now, workspaceId, by } = input;
  const body = input.body.trim();
  if (body === '') throw new AppError('invalid_input', 'body: a note needs text', { field: 'body' });
  const [customer] = await store.listCustomers(workspaceId, { ids: [input.customerId] });
  if (!customer) throw new AppError('not_found', `customer ${input.customerId} does not exist in this organisation`, { record: `customer ${input.customerId}` });
  const members = await store.listMemberships({ workspaceId });
  const handles = [...body.matchAll(mentionPattern)].map((match) => match[1]!.toLowerCase());
  const mentioned = members.filter((member) => handles.some((handle) => handle === member.email || handle === member.email.split('@')[0]));
  const note = await store.transaction(async (tx) => {
    const saved = await tx.addNote(workspaceId, { customerId: customer.id, invoiceId: input.invoiceId ?? null, author: by.label, authorId: by.id, body, mentions: mentioned.map((member) => member.userId), createdAt: now });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'note.add', subject: `note ${saved.id} on customer ${customer.id}`, after: { mentions: mentioned.map((member) => member.email) } });
    return saved;
  });
  let notified = 0;
  const link = `${input.baseUrl}customers/${encodeURIComponent(customer.id)}`;
  for (const member of mentioned.filter((candidate) => candidate.userId !== by.id)) {
    const result = await input.mailer.send({
      to: member.email,
      key: `note:${note.id}:${member.userId}`,
      subject: `${by.label} mentioned you in a note on ${customer.name}`,
      text: `${by.label} wrote on ${customer.name}:\n\n${body}\n\nOpen it: ${link}\n`,
      html: `<p>${escapeHtml(by.label)} wrote on <strong>${escapeHtml(customer.name)}</strong>:</p><blockquote>${escapeHtml(body).replace(/\n/g, '<br>')}</blockquote><p><a href="${escapeHtml(link)}">Open it in Plixo</a></p>`,
    });
    if (result.sent) notified += 1;
  }
  return { note, notified };
}
