import { routeException } from '../../core/approvals/route-exception.ts';
import { currencyDigits, formatAmount } from '../../core/money/money.ts';
import { findSegment } from '../../core/segments/match-segment.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import type { Actor } from '../access/actor.ts';
import { requirePlanFeature } from '../access/organisation-plan.ts';
import { AppError } from '../app-error.ts';
import { requirePositiveAmount } from '../require-positive-amount.ts';
import { openBalance } from '../open-balance.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { loadWorkspacePortfolio } from '../load-workspace-portfolio.ts';
import type { ApprovalKind, StoredApprovalRequest } from '../ports/approval-store.ts';
import type { JsonObject } from '../ports/json.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { applyApprovedException } from './apply-approved-exception.ts';
import type { ApprovalSettings } from './approval-settings.ts';
import { describeRoles, notifyMembers } from './notify-members.ts';

// A discount, credit or payment plan asked for on an invoice. Discounts and credits are routed by
// the caps of the cadence that governs the invoice now; payment plans above the limit go to the
// plan approvers. A request needing nobody is approved at once; any other waits for one approval
// from each role it names, notified by email and listed in their approvals inbox.

export interface RequestExceptionInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  invoiceId: string;
  kind: ApprovalKind;
  /** Decimal, in the invoice's currency; for a payment plan, the sum of its installments. */
  amount?: string;
  /** A payment plan's installments, in date order. */
  installments?: readonly { on: string; amount: string }[];
  reason: string;
  settings: ApprovalSettings;
  mailer: UserMailer;
  /** Where links in email point. */
  baseUrl: string;
  /** What the request came from, kept with it (a short-pay: the payment). */
  origin?: JsonObject;
}

export async function requestException(input: RequestExceptionInput): Promise<{ request: StoredApprovalRequest; explanation: string; notified: number }> {
  const { request, explanation, invoiceNumber } = await createExceptionRequest(input);
  const notified = await notifyExceptionRequested({ store: input.store, mailer: input.mailer, baseUrl: input.baseUrl, by: input.by, request, explanation, invoiceNumber });
  return { request, explanation, notified };
}

/**
 * The request routed, written and audited (and applied when it needs nobody), without the email:
 * inside a caller's transaction when `store` is one, so a short-pay's write-off is created with
 * its allocation; the caller notifies the approvers once that has committed.
 */
export async function createExceptionRequest(input: Omit<RequestExceptionInput, 'mailer' | 'baseUrl'>): Promise<{ request: StoredApprovalRequest; explanation: string; invoiceNumber: string }> {
  const { store, now, workspaceId, by, invoiceId, kind, settings } = input;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  requirePlanFeature(workspace, 'approvals');
  const record = `invoice ${invoiceId}`;
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('invalid_input', 'reason: say why the exception is needed', { record, field: 'reason' });
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  if (invoice.status !== 'open') throw new AppError('conflict', `${record} is closed: there is nothing to discount, credit or plan`, { record });
  const balance = openBalance(invoice, await store.listEvents(workspaceId, { customerId: invoice.customerId }), now);

  const money = (text: string, field: string) => requirePositiveAmount(text, invoice.currency, { record, field });
  let amountMinor: number;
  let detail: JsonObject;
  let approvers: StoredApprovalRequest['requiredRoles'];
  let explanation: string;
  if (kind === 'payment_plan') {
    const installments = input.installments ?? [];
    if (installments.length === 0) throw new AppError('invalid_input', 'installments: a payment plan needs at least one installment', { record, field: 'installments' });
    let previous = -Infinity;
    amountMinor = 0;
    installments.forEach((installment, index) => {
      const day = parseCalendarDay(installment.on);
      if (day === null) throw new AppError('invalid_input', `installments[${index}].on: "${installment.on}" is not a date (YYYY-MM-DD)`, { record, field: `installments[${index}].on` });
      if (day <= previous) throw new AppError('invalid_input', `installments[${index}].on: installments must be in date order, one per date`, { record, field: `installments[${index}].on` });
      if (day < localDay(workspace.timeZone, now)) throw new AppError('invalid_input', `installments[${index}].on: ${installment.on} has passed`, { record, field: `installments[${index}].on` });
      previous = day;
      amountMinor += money(installment.amount, `installments[${index}].amount`);
    });
    if (amountMinor > balance) {
      throw new AppError('invalid_input', `installments: they add up to ${formatAmount(amountMinor, invoice.currency)}, more than the open balance ${formatAmount(balance, invoice.currency)}`, { record, field: 'installments' });
    }
    detail = { installments: installments.map((installment) => ({ on: installment.on, amount: installment.amount })) };
    const above = amountMinor > settings.paymentPlanLimit * 10 ** currencyDigits(invoice.currency);
    approvers = above ? [...settings.paymentPlanApprovers] : [];
    explanation = above
      ? `the plan exceeds ${settings.paymentPlanLimit.toLocaleString('en-US')} ${invoice.currency}: ${describeRoles(approvers)} approval required`
      : `the plan is within ${settings.paymentPlanLimit.toLocaleString('en-US')} ${invoice.currency}: no approval needed`;
  } else {
    amountMinor = money(input.amount ?? '', 'amount');
    if (amountMinor > balance) {
      throw new AppError('invalid_input', `amount: ${formatAmount(amountMinor, invoice.currency)} is more than the open balance ${formatAmount(balance, invoice.currency)}`, { record, field: 'amount' });
    }
    // The cadence that governs the invoice now decides who approves.
    const { policy } = await loadLivePolicy(store, workspaceId);
    const portfolio = await loadWorkspacePortfolio(store, workspaceId, { customerId: invoice.customerId });
    const customer = portfolio.customers[0]!;
    const engineInvoice = portfolio.invoices.find((candidate) => candidate.id === invoiceId)!;
    const daysPastDue = localDay(customer.timeZone ?? policy.workspace.timeZone, now) - engineInvoice.dueOn;
    const segment = findSegment(policy.segments, { customer, invoice: engineInvoice, balanceMinor: balance, daysPastDue });
    const route = routeException({ kind, amountMinor, invoiceAmountMinor: invoice.amountMinor, digits: currencyDigits(invoice.currency), cadence: segment?.cadence ?? null });
    approvers = route.approvers;
    explanation = route.explanation;
    detail = { explanation, segment: segment?.name ?? '', cadence: segment?.cadence.name ?? '' };
  }
  detail = { ...detail, explanation, ...(input.origin ? { origin: input.origin } : {}) };

  const request = await store.transaction(async (tx) => {
    const created = await tx.createApprovalRequest(workspaceId, {
      invoiceId,
      customerId: invoice.customerId,
      kind,
      amountMinor,
      currency: invoice.currency,
      reason,
      detail,
      requiredRoles: approvers,
      requestedBy: by.label,
      requesterId: by.id,
      requesterRole: by.role,
      status: approvers.length === 0 ? 'approved' : 'pending',
      createdAt: now,
      expiresAt: now + settings.requestLifetimeMs,
    });
    await tx.appendAudit({
      workspaceId,
      at: now,
      actor: by.label,
      role: by.role,
      action: 'approval.request',
      subject: `approval ${created.id} (${kind} on invoice ${invoice.number})`,
      detail: { amount: formatAmount(amountMinor, invoice.currency), currency: invoice.currency, approvers, explanation },
      rationale: reason,
    });
    if (approvers.length === 0) await applyApprovedException(tx, created, invoice.number, now);
    return created;
  });
  return { request, explanation, invoiceNumber: invoice.number };
}

/** Emails the members a pending request waits for; none for a request approved at once. */
export async function notifyExceptionRequested(input: { store: Store; mailer: UserMailer; baseUrl: string; by: Actor; request: StoredApprovalRequest; explanation: string; invoiceNumber: string }): Promise<number> {
  const { request, invoiceNumber } = input;
  if (request.status !== 'pending') return 0;
  const what = `${request.kind.replace('_', ' ')} of ${formatAmount(request.amountMinor, request.currency)} ${request.currency} on invoice ${invoiceNumber}`;
  return notifyMembers({
    store: input.store,
    mailer: input.mailer,
    request,
    roles: request.requiredRoles,
    key: `approval:${request.id}:requested`,
    link: `${input.baseUrl}approvals/${request.id}`,
    subject: `Approval needed: ${what}`,
    text: `${input.by.label} asks for a ${what}: "${request.reason}".\n${input.explanation}.\nThe request expires on ${new Date(request.expiresAt).toUTCString()}.`,
  });
}
