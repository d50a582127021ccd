import { can, roleNames, rolesThatCan, type Permission } from '../../core/access/permissions.ts';
import { formatAmount } from '../../core/money/money.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { ApprovalSettings } from '../approvals/approval-settings.ts';
import { createExceptionRequest, notifyExceptionRequested } from '../approvals/request-exception.ts';
import { openDispute } from '../collections/manage-disputes.ts';
import { recordPromise } from '../collections/record-promise.ts';
import { readOpenBalances } from '../open-balance.ts';
import type { StoredApprovalRequest } from '../ports/approval-store.ts';
import type { DisputeAttachmentInput } from '../ports/collections-record-store.ts';
import type { StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { checkDisputeFiles } from '../collections/check-dispute-files.ts';
import { allocatePayment } from './allocate-payment.ts';

// Unapplied Cash's Allocate: a payment split across invoices with a note and, for each invoice
// the allocation leaves partly open (a short-pay), what the person decides about the rest:
//
// - write_off: accept the variance, a credit of the remainder routed by the cadence's credit caps
//   (applied at once when the tier needs no approver, otherwise an approval request);
// - promise: the payer promises the rest by a date (the cadence waits for it);
// - dispute: the payer contests the rest; the remittance (the payment's memo and details, and a
//   file if one is given) is attached and the invoice leaves dunning;
// - leave_open: nothing more; the cadence goes on for what is left.
//
// All of it is one transaction: the allocations, the payment events, the credit or the approval
// request, the promise or the dispute, and their audit entries commit together or not at all.
// Approvers are emailed once it has committed.

export type ShortPayChoice =
  | { invoiceId: string; resolution: 'write_off'; reason?: string }
  | { invoiceId: string; resolution: 'promise'; on: string; contact?: string | null }
  | { invoiceId: string; resolution: 'dispute'; reason: string; description?: string; attachment?: { filename: string; content: Uint8Array } | null }
  | { invoiceId: string; resolution: 'leave_open' };

export type ShortPayResolution = ShortPayChoice['resolution'];

export interface ShortPayOutcome {
  invoiceId: string;
  invoiceNumber: string;
  /** What the allocation left open on the invoice, in the payment's currency. */
  remainderMinor: number;
  resolution: ShortPayResolution;
  /** write_off: the credit request, approved (and applied) or waiting for its approvers. */
  approval: { id: number; status: StoredApprovalRequest['status']; awaiting: StoredApprovalRequest['requiredRoles']; explanation: string } | null;
  disputeId: number | null;
  promisedOn: string | null;
}

export interface AllocateWithShortPaysInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  paymentId: number;
  /** Amounts as decimal strings in the payment's currency. */
  allocations: readonly { invoiceId: string; amount: string }[];
  note: string | null;
  /** At most one per invoice allocated to; an invoice left partly open without one stays open. */
  shortPays: readonly ShortPayChoice[];
  approvals: ApprovalSettings;
  mailer: UserMailer;
  baseUrl: string;
}

/** What a person needs for each choice, beyond `payments.apply` (checked by the API). */
const choicePermission: Record<ShortPayResolution, Permission | null> = { write_off: 'exceptions.request', promise: 'queue.work', dispute: 'queue.work', leave_open: null };

export async function allocateWithShortPays(input: AllocateWithShortPaysInput): Promise<{ payment: StoredPayment; allocations: StoredAllocation[]; shortPays: ShortPayOutcome[] }> {
  const { store, now, workspaceId, by, paymentId } = input;
  const record = `payment ${paymentId}`;
  const allocated = new Set(input.allocations.map((allocation) => allocation.invoiceId));
  const attachments = checkChoices(input, allocated, record);
  const pending: { request: StoredApprovalRequest; explanation: string; invoiceNumber: string }[] = [];
  const result = await store.transaction(async (tx) => {
    const { payment, allocations } = await allocatePayment({ store: tx, now, workspaceId, by, paymentId, allocations: input.allocations, note: input.note });
    const balances = await readOpenBalances(tx, workspaceId, input.shortPays.map((choice) => choice.invoiceId), now);
    const outcomes: ShortPayOutcome[] = [];
    for (const [index, choice] of input.shortPays.entries()) {
      const field = `shortPays[${index}]`;
      const { invoice, openMinor } = balances.get(choice.invoiceId)!;
      if (openMinor <= 0) throw new AppError('invalid_input', `${field}.invoiceId: this allocation pays invoice ${invoice.number} in full: there is no short-pay to decide`, { record, field: `${field}.invoiceId` });
      const outcome: ShortPayOutcome = { invoiceId: invoice.id, invoiceNumber: invoice.number, remainderMinor: openMinor, resolution: choice.resolution, approval: null, disputeId: null, promisedOn: null };
      const remainder = formatAmount(openMinor, invoice.currency);
      await underField(field, async () => {
        if (choice.resolution === 'write_off') {
          const created = await createExceptionRequest({
            store: tx,
            now,
            workspaceId,
            by,
            invoiceId: invoice.id,
            kind: 'credit',
            amount: remainder,
            reason: choice.reason?.trim() || `Short-pay of ${remainder} ${invoice.currency} accepted when payment ${payment.id} (${payment.source} ${payment.sourceId}) was allocated${input.note ? `: ${input.note}` : ''}`,
            settings: input.approvals,
            origin: { shortPay: { payment: payment.id, source: payment.source, sourceId: payment.sourceId } },
          });
          const { request } = created;
          outcome.approval = { id: request.id, status: request.status, awaiting: request.status === 'pending' ? request.requiredRoles : [], explanation: created.explanation };
          if (request.status === 'pending') pending.push(created);
        } else if (choice.resolution === 'promise') {
          const promise = await recordPromise({ store: tx, now, workspaceId, by, invoiceId: invoice.id, amount: remainder, on: choice.on, contact: choice.contact ?? null });
          outcome.promisedOn = promise.on;
        } else if (choice.resolution === 'dispute') {
          const shortfall = `Payment ${payment.id} (${payment.source} ${payment.sourceId}) left ${remainder} ${invoice.currency} open on this invoice.`;
          const dispute = await openDispute({
            store: tx,
            now,
            workspaceId,
            by,
            invoiceId: invoice.id,
            reason: choice.reason,
            description: [choice.description?.trim() || input.note?.trim() || '', shortfall].filter((part) => part !== '').join('\n\n'),
            attachments: [remittanceFile(payment), ...(attachments.get(index) ?? [])],
          });
          outcome.disputeId = dispute.id;
        }
      });
      await tx.appendAudit({
        workspaceId,
        at: now,
        ...auditActor(by),
        action: 'payment.short_pay',
        subject: `invoice ${invoice.number} short-paid by payment ${payment.id} (${payment.source} ${payment.sourceId})`,
        after: {
          remainder,
          currency: invoice.currency,
          resolution: choice.resolution,
          ...(outcome.approval ? { approval: outcome.approval.id, approvalStatus: outcome.approval.status } : {}),
          ...(outcome.disputeId !== null ? { dispute: outcome.disputeId } : {}),
          ...(outcome.promisedOn !== null ? { promisedOn: outcome.promisedOn } : {}),
        },
        rationale: input.note,
      });
      outcomes.push(outcome);
    }
    return { payment: (await tx.getPayment(workspaceId, payment.id))!, allocations, shortPays: outcomes };
  });
  for (const each of pending) await notifyExceptionRequested({ store, mailer: input.mailer, baseUrl: input.baseUrl, by, ...each });
  return result;
}

/** What can be refused before anything is written: choices for invoices not allocated to, twice for one, a role that may not, a file that is not one. */
function checkChoices(input: AllocateWithShortPaysInput, allocated: ReadonlySet<string>, record: string): Map<number, DisputeAttachmentInput[]> {
  const seen = new Set<string>();
  const files = new Map<number, DisputeAttachmentInput[]>();
  for (const [index, choice] of input.shortPays.entries()) {
    const field = `shortPays[${index}]`;
    if (!allocated.has(choice.invoiceId)) throw new AppError('invalid_input', `${field}.invoiceId: invoice ${choice.invoiceId} is not among the allocations`, { record, field: `${field}.invoiceId` });
    if (seen.has(choice.invoiceId)) throw new AppError('invalid_input', `${field}.invoiceId: invoice ${choice.invoiceId} has a short-pay choice already`, { record, field: `${field}.invoiceId` });
    seen.add(choice.invoiceId);
    const needed = choicePermission[choice.resolution];
    if (needed !== null && input.by.role !== null && !can(input.by.role, needed)) {
      throw new AppError('forbidden', `${field}.resolution: ${roleNames[input.by.role]} may not ${needed} (${choice.resolution.replace('_', ' ')}); ask ${rolesThatCan(needed).map((role) => roleNames[role]).join(' or ')}`, { record, field: `${field}.resolution` });
    }
    if (choice.resolution === 'dispute' && choice.attachment) {
      files.set(index, checkDisputeFiles([choice.attachment], { record, field: `${field}.attachment`, fallbackName: 'remittance', oneFile: true }));
    }
  }
  return files;
}

/** The remittance as Plixo received it, as a text file on the dispute: what the payer said they paid for. */
function remittanceFile(payment: StoredPayment): DisputeAttachmentInput {
  const lines = [
    `Payment ${payment.id}: ${payment.source} ${payment.sourceId}`,
    `Received: ${new Date(payment.receivedAt).toISOString()}`,
    `Amount: ${formatAmount(payment.amountMinor, payment.currency)} ${payment.currency}`,
    `Payer: ${payment.payerName ?? '(not given)'}`,
    '',
    'Memo / remittance:',
    payment.memo ?? '(none)',
  ];
  return { filename: `remittance-payment-${payment.id}.txt`, contentType: 'text/plain; charset=utf-8', content: new TextEncoder().encode(`${lines.join('\n')}\n`) };
}

/** An error of a reused use case names its own field (`on`, `reason`); here it is the choice's (`shortPays[0].on`). */
async function underField(prefix: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.details?.field === undefined || error.details.field.startsWith('shortPays')) throw error;
    const field = `${prefix}.${error.details.field}`;
    throw new AppError(error.code, `${prefix}.${error.message}`, { ...error.details, field });
  }
}
