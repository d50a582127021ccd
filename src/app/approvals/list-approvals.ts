import type { Role } from '../../core/policy/policy-schema.ts';
import { AppError } from '../app-error.ts';
import type { ApprovalStatus, StoredApprovalDecision, StoredApprovalRequest } from '../ports/approval-store.ts';
import type { Store } from '../ports/store.ts';

// Exception requests as people read them: each with its decisions and the roles it still waits
// for; the approvals inbox is the ones a person may decide now. Open requests past their time
// are expired first, so nobody is shown a request that can no longer be decided.

export const openStatuses: readonly ApprovalStatus[] = ['pending', 'info_requested'];

export interface ApprovalView {
  request: StoredApprovalRequest;
  decisions: StoredApprovalDecision[];
  /** Roles whose approval is still needed. */
  awaiting: Role[];
}

export function awaitingRoles(request: StoredApprovalRequest, decisions: readonly StoredApprovalDecision[]): Role[] {
  if (!openStatuses.includes(request.status)) return [];
  const approved = new Set(decisions.filter((decision) => decision.decision === 'approve').map((decision) => decision.role));
  return request.requiredRoles.filter((role) => !approved.has(role));
}


/** Requests newest first with their decisions; `awaiting`: only those this person may decide now (an approver's inbox). */
export async function listApprovals(input: {
  store: Store;
  now: number;
  workspaceId: string;
  statuses?: readonly ApprovalStatus[];
  invoiceId?: string;
  awaiting?: { role: Role; actorId: string };
  limit: number;
  beforeId?: number;
}): Promise<ApprovalView[]> {
  const { store, now, workspaceId } = input;
  await store.expireApprovalRequests(workspaceId, now);
  const statuses = input.awaiting ? openStatuses : input.statuses;
  const views: ApprovalView[] = [];
  let beforeId = input.beforeId;
  // An inbox filters after reading: read pages until the page is full or the list ends.
  for (;;) {
    const requests = await store.listApprovalRequests(workspaceId, {
      limit: input.limit,
      ...(statuses ? { statuses } : {}),
      ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    const decisions = await store.listApprovalDecisions(workspaceId, requests.map((request) => request.id));
    for (const request of requests) {
      const own = decisions.filter((decision) => decision.requestId === request.id);
      const awaiting = awaitingRoles(request, own);
      if (input.awaiting && (!awaiting.includes(input.awaiting.role) || request.requesterId === input.awaiting.actorId)) continue;
      if (views.length < input.limit) views.push({ request, decisions: own, awaiting });
    }
    if (requests.length < input.limit || views.length >= input.limit || !input.awaiting) return views;
    beforeId = requests.at(-1)!.id;
  }
}

export async function getApproval(input: { store: Store; now: number; workspaceId: string; id: number }): Promise<ApprovalView> {
  const { store, now, workspaceId, id } = input;
  await store.expireApprovalRequests(workspaceId, now);
  const request = await store.getApprovalRequest(workspaceId, id);
  if (!request) throw new AppError('not_found', `approval ${id} does not exist in this organisation`, { record: `approval ${id}` });
  const decisions = await store.listApprovalDecisions(workspaceId, [id]);
  return { request, decisions, awaiting: awaitingRoles(request, decisions) };
}
