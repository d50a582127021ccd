import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { requireRemittance, toRemittanceView, type RemittanceView } from './remittance-view.ts';

// A payment's remittances (newest first), one of them with its proposal, and its file as uploaded.

export async function listRemittances(input: { store: Store; workspaceId: string; paymentId: number }): Promise<RemittanceView[]> {
  const { store, workspaceId, paymentId } = input;
  if (!(await store.getPayment(workspaceId, paymentId))) throw new AppError('not_found', `payment ${paymentId} does not exist in this organisation`, { record: `payment ${paymentId}` });
  return (await store.listRemittances(workspaceId, { paymentId })).map(toRemittanceView);
}

export async function getRemittance(input: { store: Store; workspaceId: string; paymentId: number; remittanceId: number }): Promise<RemittanceView> {
  return toRemittanceView(await requireRemittance(input.store, input.workspaceId, input.paymentId, input.remittanceId));
}

export async function getRemittanceFile(input: { store: Store; workspaceId: string; paymentId: number; remittanceId: number }): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  await requireRemittance(input.store, input.workspaceId, input.paymentId, input.remittanceId);
  return (await input.store.getRemittanceFile(input.workspaceId, input.remittanceId))!;
}
