import type { JsonObject } from './json.ts';

// Remittance advices uploaded for a payment: the file as it came (kept for the auditors), the
// advice read from it and the allocation proposed, and, once a person accepts lines of it, who
// did, when and what was applied. A remittance is accepted once; a fresh upload proposes anew.

export const remittanceFormats = ['csv', 'pdf', 'text'] as const;
export type RemittanceFormat = (typeof remittanceFormats)[number];

export const remittanceStatuses = ['proposed', 'accepted'] as const;
export type RemittanceStatus = (typeof remittanceStatuses)[number];

export interface RemittanceInput {
  paymentId: number;
  fileName: string;
  contentType: string;
  content: Uint8Array;
  format: RemittanceFormat;
  /** The advice as read (core/cash/remittance: lines, stated total, columns, issues). */
  advice: JsonObject;
  /** The proposal made at upload (lines with their invoices, amounts, problems; totals). */
  proposal: JsonObject;
  uploadedBy: string;
  uploadedAt: number;
}

export interface StoredRemittance extends Omit<RemittanceInput, 'content'> {
  id: number;
  workspaceId: string;
  sizeBytes: number;
  status: RemittanceStatus;
  acceptedBy: string | null;
  acceptedAt: number | null;
  /** What accepting applied: the lines, their invoices and amounts, the allocations written. */
  acceptance: JsonObject | null;
}

export interface RemittanceStore {
  saveRemittance(workspaceId: string, remittance: RemittanceInput): Promise<StoredRemittance>;
  getRemittance(workspaceId: string, id: number): Promise<StoredRemittance | null>;
  /** The file as uploaded. */
  getRemittanceFile(workspaceId: string, id: number): Promise<{ fileName: string; contentType: string; content: Uint8Array } | null>;
  /** A payment's remittances, newest first. */
  listRemittances(workspaceId: string, query: { paymentId: number }): Promise<StoredRemittance[]>;
  /** Once: false when it was accepted already (or does not exist in the workspace). */
  markRemittanceAccepted(workspaceId: string, id: number, acceptance: { by: string; at: number; detail: JsonObject }): Promise<boolean>;
}
