import type { RemittanceAdvice } from '../../core/cash/remittance/remittance-advice.ts';
import type { RemittanceProposal } from '../../core/cash/remittance/remittance-proposal.ts';
import { AppError } from '../app-error.ts';
import type { JsonObject } from '../ports/json.ts';
import type { StoredRemittance } from '../ports/remittance-store.ts';
import type { Store } from '../ports/store.ts';

// A stored remittance with its advice and proposal in their own types (the store keeps them as
// JSON), and the lookups every remittance use case starts with.

export interface AcceptedLine {
  number: number;
  invoiceId: string;
  invoiceNumber: string;
  amountMinor: number;
  allocationId: number;
}

export interface RemittanceView {
  remittance: Omit<StoredRemittance, 'advice' | 'proposal' | 'acceptance'>;
  advice: RemittanceAdvice;
  proposal: RemittanceProposal;
  /** What accepting applied, once accepted. */
  accepted: { lines: AcceptedLine[]; note: string | null } | null;
}

export function toRemittanceView(stored: StoredRemittance): RemittanceView {
  const { advice, proposal, acceptance, ...remittance } = stored;
  return {
    remittance,
    advice: advice as unknown as RemittanceAdvice,
    proposal: proposal as unknown as RemittanceProposal,
    accepted: acceptance === null ? null : (acceptance as unknown as RemittanceView['accepted']),
  };
}

export function toJson(value: RemittanceAdvice | RemittanceProposal | NonNullable<RemittanceView['accepted']>): JsonObject {
  return value as unknown as JsonObject;
}

/** The remittance, when it exists in the workspace and is the payment's. */
export async function requireRemittance(store: Store, workspaceId: string, paymentId: number, remittanceId: number): Promise<StoredRemittance> {
  const stored = await store.getRemittance(workspaceId, remittanceId);
  if (!stored || stored.paymentId !== paymentId) {
    throw new AppError('not_found', `remittance ${remittanceId} of payment ${paymentId} does not exist in this organisation`, { record: `remittance ${remittanceId}` });
  }
  return stored;
}
