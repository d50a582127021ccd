import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { listPaymentPlans } from './list-payment-plans.ts';

// The team calls off the payment plan being kept on an invoice (the customer wants to renegotiate,
// or the plan was recorded by mistake): a `plan_cancelled` engine event, so the cadence resumes
// at once with catch-up. The plan counts as neither kept nor broken, so no task follows. Audited
// with the reason.

export async function cancelPaymentPlan(input: { store: Store; now: number; workspaceId: string; by: Actor; invoiceId: string; reason: string }): Promise<void> {
  const { store, now, workspaceId, by, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('invalid_input', 'reason: say why the plan is cancelled', { record, field: 'reason' });
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  const plan = (await listPaymentPlans({ store, now, workspaceId, customerId: invoice.customerId })).find((candidate) => candidate.invoiceId === invoiceId && candidate.status === 'active');
  if (!plan) throw new AppError('conflict', `${record} has no payment plan being kept`, { record });
  await store.transaction(async (tx) => {
    await tx.appendEvents(workspaceId, [{ at: now, type: 'plan_cancelled', invoiceId, payload: {} }]);
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: 'plan.cancel',
      subject: `payment plan on invoice ${invoice.number}`,
      before: { agreedAt: new Date(plan.agreedAt).toISOString(), installments: plan.installments.map((installment) => ({ on: installment.on, amountMinor: installment.amountMinor, state: installment.state })) },
      rationale: reason,
    });
  });
}
