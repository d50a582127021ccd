import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { payableBalance } from '../open-balance.ts';
import type { StoredApprovalRequest } from '../ports/approval-store.ts';
import type { JsonObject, Store } from '../ports/store.ts';

// What an approved exception changes for the engine, in the same transaction as the approval:
// a discount or credit is a `credit` event (the balance the engine sees drops; it is not the
// customer responding), a payment plan a `plan` event with its instalments (the cadence waits
// while the plan is kept; a missed instalment breaks it: a task, and the cadence resumes).

interface Installment {
  on: string;
  amountMinor: number;
}

/**
 * A plan asks for at most what is owed when it is approved. Payments that came in while it waited
 * for approval pay its first instalments: their amounts come off from the front (an instalment
 * fully paid that way is left out), so the payer is not asked for the same money twice.
 */
export function fitPlanToBalance(installments: readonly Installment[], openMinor: number): Installment[] {
  let excess = installments.reduce((sum, installment) => sum + installment.amountMinor, 0) - Math.max(0, openMinor);
  const fitted: Installment[] = [];
  for (const installment of installments) {
    const taken = Math.min(Math.max(0, excess), installment.amountMinor);
    excess -= taken;
    if (installment.amountMinor - taken > 0) fitted.push({ on: installment.on, amountMinor: installment.amountMinor - taken });
  }
  return fitted;
}

export async function applyApprovedException(tx: Store, request: StoredApprovalRequest, invoiceNumber: string, now: number): Promise<void> {
  const amount = formatAmount(request.amountMinor, request.currency);
  let detail: JsonObject = { amount, currency: request.currency, effect: 'credit' };
  if (request.kind === 'payment_plan') {
    detail = await writePlan(tx, request, now);
  } else {
    detail = await writeCredit(tx, request, now);
  }
  await tx.appendAudit({
    workspaceId: request.workspaceId,
    at: now,
    actor: 'system',
    action: 'approval.applied',
    subject: `approval ${request.id} (${request.kind} on invoice ${invoiceNumber})`,
    detail,
  });
}

/**
 * The approved discount or credit as a `credit` event, for at most what is owed now: a payment
 * that came in while the request waited (the payer paid the rest after all) is not credited
 * again, so the balance never goes below zero. Returns the audit's detail.
 */
async function writeCredit(tx: Store, request: StoredApprovalRequest, now: number): Promise<JsonObject> {
  const open = await owedNow(tx, request, now);
  const creditedMinor = Math.min(request.amountMinor, Math.max(0, open));
  const requested = formatAmount(request.amountMinor, request.currency);
  if (creditedMinor <= 0) return { amount: formatAmount(0, request.currency), currency: request.currency, requested, effect: 'none', why: 'nothing is owed on the invoice any more' };
  const amount = formatAmount(creditedMinor, request.currency);
  await tx.appendEvents(request.workspaceId, [{ at: now, type: 'credit', invoiceId: request.invoiceId, payload: { amount, approval: request.id, kind: request.kind } }]);
  return { amount, currency: request.currency, requested, effect: 'credit', ...(creditedMinor < request.amountMinor ? { why: 'capped at what is still owed' } : {}) };
}

/** The approved plan as a `plan` event, fitted to what is owed now; nothing when nothing is. Returns the audit's detail. */
async function writePlan(tx: Store, request: StoredApprovalRequest, now: number): Promise<JsonObject> {
  const requested = ((request.detail.installments ?? []) as { on: string; amount: string }[]).map((installment) => {
    const parsed = parseAmount(installment.amount, request.currency);
    return { on: installment.on, amountMinor: parsed.ok ? parsed.minor : 0 };
  });
  const open = await owedNow(tx, request, now);
  const fitted = fitPlanToBalance(requested, open);
  const total = fitted.reduce((sum, installment) => sum + installment.amountMinor, 0);
  const base = { amount: formatAmount(total, request.currency), currency: request.currency, requested: formatAmount(request.amountMinor, request.currency) };
  if (fitted.length === 0) return { ...base, effect: 'none', why: 'nothing is left to pay on the invoice' };
  const installments = fitted.map((installment) => ({ on: installment.on, amount: formatAmount(installment.amountMinor, request.currency) }));
  await tx.appendEvents(request.workspaceId, [{ at: now, type: 'plan', invoiceId: request.invoiceId, payload: { installments, approval: request.id } }]);
  return { ...base, effect: 'plan', installments };
}

/** What the request's invoice still owes at `now`: nothing when the invoice is gone or closed. */
async function owedNow(tx: Store, request: StoredApprovalRequest, now: number): Promise<number> {
  const [invoice] = await tx.listInvoices(request.workspaceId, { ids: [request.invoiceId] });
  return invoice ? payableBalance(invoice, await tx.listEvents(request.workspaceId, { customerId: invoice.customerId }), now) : 0;
}
