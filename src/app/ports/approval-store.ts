import type { Role } from '../../core/policy/policy-schema.ts';
import type { JsonObject } from './json.ts';

// Exception approvals: a discount, credit or payment-plan request on an invoice and the decisions
// of the roles it is routed to. The use cases decide; the store keeps requests and decisions and
// moves a request between states only from the state the caller read (two approvers at once:
// one moves it, the other sees it moved).

export const approvalKinds = ['discount', 'credit', 'payment_plan'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
export const approvalStatuses = ['pending', 'info_requested', 'approved', 'rejected', 'expired', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];
export const approvalDecisions = ['approve', 'reject', 'ask_info', 'answer'] as const;
export type ApprovalDecisionKind = (typeof approvalDecisions)[number];

export interface ApprovalRequestInput {
  invoiceId: string;
  customerId: string;
  kind: ApprovalKind;
  amountMinor: number;
  currency: string;
  reason: string;
  /** Installments of a payment plan, the cap tier that routed the request. */
  detail: JsonObject;
  /** Every role that must approve; empty: none needed (approved on creation). */
  requiredRoles: Role[];
  /** The label the audit trail shows, and the user's or token's id (nobody approves their own request). */
  requestedBy: string;
  requesterId: string;
  requesterRole: Role | null;
  status: 'pending' | 'approved';
  createdAt: number;
  expiresAt: number;
}

export interface StoredApprovalRequest extends Omit<ApprovalRequestInput, 'status'> {
  id: number;
  workspaceId: string;
  status: ApprovalStatus;
  decidedAt: number | null;
}

export interface ApprovalDecisionInput {
  requestId: number;
  role: Role;
  decision: ApprovalDecisionKind;
  decidedBy: string;
  deciderId: string;
  rationale: string;
  at: number;
}

export interface StoredApprovalDecision extends ApprovalDecisionInput {
  id: number;
}

export interface ApprovalQuery {
  statuses?: readonly ApprovalStatus[];
  invoiceId?: string;
  /** The next page: ids below this (newest first). */
  beforeId?: number;
  limit: number;
}

export interface ApprovalStore {
  createApprovalRequest(workspaceId: string, request: ApprovalRequestInput): Promise<StoredApprovalRequest>;
  getApprovalRequest(workspaceId: string, id: number): Promise<StoredApprovalRequest | null>;
  /** Newest first. */
  listApprovalRequests(workspaceId: string, query: ApprovalQuery): Promise<StoredApprovalRequest[]>;
  /** Moves a request only if it is in one of `from`; false otherwise. */
  transitionApprovalRequest(workspaceId: string, id: number, move: { from: readonly ApprovalStatus[]; to: ApprovalStatus; at: number }): Promise<boolean>;
  /** Requests still open (pending or waiting for information) whose time ran out become expired; their ids. */
  expireApprovalRequests(workspaceId: string, now: number): Promise<number[]>;
  recordApprovalDecision(workspaceId: string, decision: ApprovalDecisionInput): Promise<StoredApprovalDecision>;
  /** In the order they were made. */
  listApprovalDecisions(workspaceId: string, requestIds: readonly number[]): Promise<StoredApprovalDecision[]>;
}
