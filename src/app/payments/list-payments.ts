import { AppError } from '../app-error.ts';
import type { StoredAllocation, StoredPayment, StoredPaymentReversal } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';

// Payments with what became of them: their allocations and reversals. `unapplied` lists those
// with money left to allocate (the Unapplied Cash list), newest first.

export interface PaymentView {
  payment: StoredPayment;
  allocations: StoredAllocation[];
  reversals: StoredPaymentReversal[];
}

export async function listPayments(input: { store: Store; workspaceId: string; unapplied?: boolean; customerId?: string; beforeId?: number; limit: number }): Promise<PaymentView[]> {
  const { store, workspaceId } = input;
  const payments = await store.listPayments(workspaceId, {
    limit: input.limit,
    ...(input.unapplied ? { unapplied: true } : {}),
    ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
    ...(input.beforeId !== undefined ? { beforeId: input.beforeId } : {}),
  });
  const ids = payments.map((payment) => payment.id);
  const [allocations, reversals] = await Promise.all([store.listPaymentAllocations(workspaceId, { paymentIds: ids }), store.listPaymentReversals(workspaceId, { paymentIds: ids })]);
  return payments.map((payment) => ({
    payment,
    allocations: allocations.filter((allocation) => allocation.paymentId === payment.id),
    reversals: reversals.filter((reversal) => reversal.paymentId === payment.id),
  }));
}

export async function getPaymentView(input: { store: Store; workspaceId: string; paymentId: number }): Promise<PaymentView> {
  const payment = await input.store.getPayment(input.workspaceId, input.paymentId);
  if (!payment) throw new AppError('not_found', `payment ${input.paymentId} does not exist in this organisation`, { record: `payment ${input.paymentId}` });
  const [allocations, reversals] = await Promise.all([input.store.listPaymentAllocations(input.workspaceId, { paymentIds: [payment.id] }), input.store.listPaymentReversals(input.workspaceId, { paymentIds: [payment.id] })]);
  return { payment, allocations, reversals };
}
