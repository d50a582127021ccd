import { followPaymentPlans, type InstallmentState, type PlanStatus } from '../../core/planning/follow-payment-plans.ts';
import { formatCalendarDay } from '../../core/time/calendar-day.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicyOrNull } from '../load-live-policy.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import { loadWorkspacePortfolio } from '../load-workspace-portfolio.ts';
import type { Store, StoredEvent } from '../ports/store.ts';

// A customer's payment plans with each instalment's state (paid, due, missed, or called off with
// the plan), as the engine follows them: the grace of the segment that governed the invoice
// when the plan was agreed, the customer's own time zone. For the invoice timeline and the payer
// portal; the engine's plan_broken task and a "missed" here come from the same rules.

export interface PaymentPlanView {
  invoiceId: string;
  currency: string;
  agreedAt: number;
  status: PlanStatus;
  /** When the plan stopped holding the invoice (broken, completed, cancelled, replaced); null while it is kept. */
  endedAt: number | null;
  totalMinor: number;
  /** Payments since the plan less the reversals since it, until it ended. */
  paidMinor: number;
  /** The approval the plan came from, if any. */
  approvalId: number | null;
  installments: { on: string; amountMinor: number; /** The end of its grace: unpaid then, the plan is broken. */ dueBy: number; state: InstallmentState }[];
}

/** Every plan on the customer's invoices up to `now`, newest first. */
/** `events` and `policy` (null: none is published), when the caller has read them already. */
export async function listPaymentPlans(input: { store: Store; now: number; workspaceId: string; customerId: string; events?: readonly StoredEvent[]; policy?: Policy | null }): Promise<PaymentPlanView[]> {
  const { store, now, workspaceId, customerId } = input;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const stored = input.events ?? (await store.listEvents(workspaceId, { customerId }));
  const planEvents = stored.filter((event) => event.type === 'plan' && event.invoiceId !== null);
  if (planEvents.length === 0) return [];
  const [portfolio, policy] = await Promise.all([loadWorkspacePortfolio(store, workspaceId, { customerId }), input.policy !== undefined ? input.policy : loadLivePolicyOrNull(store, workspaceId)]);
  const customer = portfolio.customers.find((candidate) => candidate.id === customerId);
  if (!customer) return [];
  const timeZone = customer.timeZone ?? policy?.workspace.timeZone ?? workspace.timeZone;
  const invoiceIds = new Set(planEvents.map((event) => event.invoiceId!));
  const unmatched = [...planEvents];
  const views: PaymentPlanView[] = [];
  for (const invoice of portfolio.invoices) {
    if (!invoiceIds.has(invoice.id)) continue;
    for (const record of followPaymentPlans({ policy, customer, invoice, timeZone, events: portfolio.events, now })) {
      const source = unmatched.findIndex((event) => event.invoiceId === invoice.id && event.at === record.at);
      const approval = source === -1 ? undefined : unmatched.splice(source, 1)[0]!.payload.approval;
      views.push({
        invoiceId: invoice.id,
        currency: invoice.currency,
        agreedAt: record.at,
        status: record.status,
        endedAt: record.endedAt,
        totalMinor: record.totalMinor,
        paidMinor: record.paidMinor,
        approvalId: typeof approval === 'number' ? approval : null,
        installments: record.installments.map((installment) => ({ on: formatCalendarDay(installment.onDay), amountMinor: installment.amountMinor, dueBy: installment.checkAt, state: installment.state })),
      });
    }
  }
  return views.sort((a, b) => b.agreedAt - a.agreedAt || (a.invoiceId < b.invoiceId ? -1 : 1));
}
