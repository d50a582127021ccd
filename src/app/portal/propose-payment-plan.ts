import { formatAmount } from '../../core/money/money.ts';
import { planSchedule, type PlanInstallment } from '../../core/portal/plan-schedule.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import type { ApprovalSettings } from '../approvals/approval-settings.ts';
import { requestException } from '../approvals/request-exception.ts';
import { AppError } from '../app-error.ts';
import { payableBalance } from '../open-balance.ts';
import type { StoredApprovalRequest } from '../ports/approval-store.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';

// A payment plan the payer proposes: the open balance split into instalments (core/portal/
// plan-schedule.ts), first one within 60 days. It lands in the approvals queue as a plan request
// routed like any other (above the limit: the plan approvers, "Plan exceeds $50K — Controller
// approval required"; within it: approved at once). Following the plan's instalments is the
// engine's work, not the portal's.

export const maxDaysToFirstInstallment = 60;

export async function previewPaymentPlan(input: { store: Store; now: number; grant: PayerLinkGrant; count: number; firstOn: string; frequency: string }): Promise<PlanInstallment[]> {
  const { store, now, grant } = input;
  const { workspace, invoice, customer } = grant;
  const record = `invoice ${invoice.id}`;
  const balance = payableBalance(invoice, await store.listEvents(workspace.id, { customerId: customer.id }), now);
  if (balance <= 0) throw new AppError('conflict', `${record} has nothing left to pay`, { record });
  const schedule = planSchedule({ balanceMinor: balance, count: input.count, firstOn: input.firstOn, frequency: input.frequency });
  if (!schedule.ok) throw new AppError('invalid_input', `${schedule.field}: ${schedule.problem}`, { record, field: schedule.field });
  const today = localDay(customer.timeZone ?? workspace.timeZone, now);
  const first = parseCalendarDay(input.firstOn)!;
  if (first < today) throw new AppError('invalid_input', `firstOn: ${input.firstOn} has passed`, { record, field: 'firstOn' });
  if (first > today + maxDaysToFirstInstallment) throw new AppError('invalid_input', `firstOn: must be within ${maxDaysToFirstInstallment} days`, { record, field: 'firstOn' });
  return schedule.installments;
}

export async function proposePaymentPlan(input: {
  store: Store;
  now: number;
  grant: PayerLinkGrant;
  count: number;
  firstOn: string;
  frequency: string;
  note?: string | null;
  settings: ApprovalSettings;
  mailer: UserMailer;
  baseUrl: string;
}): Promise<{ request: StoredApprovalRequest; installments: PlanInstallment[] }> {
  const { grant } = input;
  const installments = await previewPaymentPlan(input);
  const note = input.note?.trim() ? `: ${input.note.trim().slice(0, 1000)}` : '';
  const { request } = await requestException({
    store: input.store,
    now: input.now,
    workspaceId: grant.workspace.id,
    by: grant.payer,
    invoiceId: grant.invoice.id,
    kind: 'payment_plan',
    installments: installments.map((installment) => ({ on: installment.on, amount: formatAmount(installment.amountMinor, grant.invoice.currency) })),
    reason: `Proposed by the payer on the portal (${installments.length} ${input.frequency} instalments)${note}`,
    settings: input.settings,
    mailer: input.mailer,
    baseUrl: input.baseUrl,
  });
  return { request, installments };
}
