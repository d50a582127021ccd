import type { Selectable } from 'kysely';
import { z } from 'zod';
import {
  approvalDecisions,
  approvalKinds,
  approvalStatuses,
  type ApprovalStore,
  type StoredApprovalDecision,
  type StoredApprovalRequest,
} from '../../app/ports/approval-store.ts';
import type { JsonObject } from '../../app/ports/json.ts';
import type { Role } from '../../core/policy/policy-schema.ts';
import type { ApprovalDecisionTable, ApprovalRequestTable } from './database-schema.ts';
import { currencySchema, idSchema, instantSchema, jsonObjectSchema, minorUnitsSchema, roleSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

const requestSchema = z.object({
  invoiceId: idSchema,
  customerId: idSchema,
  kind: z.enum(approvalKinds),
  amountMinor: minorUnitsSchema.refine((value) => value > 0, 'must be more than zero'),
  currency: currencySchema,
  reason: textSchema.max(2000, 'must be at most 2,000 characters'),
  detail: jsonObjectSchema,
  requiredRoles: z.array(roleSchema),
  requestedBy: textSchema,
  requesterId: idSchema,
  requesterRole: roleSchema.nullable(),
  status: z.enum(['pending', 'approved']),
  createdAt: instantSchema,
  expiresAt: instantSchema,
});

const decisionSchema = z.object({
  requestId: z.int().positive(),
  role: roleSchema,
  decision: z.enum(approvalDecisions),
  decidedBy: textSchema,
  deciderId: idSchema,
  rationale: textSchema.max(2000, 'must be at most 2,000 characters'),
  at: instantSchema,
});

export function createApprovalRepository(context: RepositoryContext): ApprovalStore {
  return {
    async createApprovalRequest(workspaceId, input) {
      const request = validateOne(input, requestSchema, `approval request for invoice ${String((input as { invoiceId?: unknown }).invoiceId)}`);
      return runAtomically(context, { record: `approval request for invoice ${request.invoiceId}`, field: 'invoiceId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = await db
          .insertInto('approval_requests')
          .values({
            workspace_id: workspaceId,
            invoice_id: request.invoiceId,
            customer_id: request.customerId,
            kind: request.kind,
            amount_minor: request.amountMinor,
            currency: request.currency,
            reason: request.reason,
            detail: JSON.stringify(request.detail),
            required_roles: JSON.stringify(request.requiredRoles),
            requested_by: request.requestedBy,
            requester_id: request.requesterId,
            requester_role: request.requesterRole,
            status: request.status,
            created_at: request.createdAt,
            expires_at: request.expiresAt,
            decided_at: request.status === 'approved' ? request.createdAt : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRequest(row);
      });
    },

    async getApprovalRequest(workspaceId, id) {
      const row = await runQuery(context, { record: `approval request ${id}` }, () =>
        context.db.selectFrom('approval_requests').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst(),
      );
      return row ? toRequest(row) : null;
    },

    async listApprovalRequests(workspaceId, query) {
      const rows = await runQuery(context, { record: 'approval requests' }, () => {
        let select = context.db.selectFrom('approval_requests').selectAll().where('workspace_id', '=', workspaceId);
        if (query.statuses !== undefined) {
          if (query.statuses.length === 0) return Promise.resolve([]);
          select = select.where('status', 'in', [...query.statuses]);
        }
        if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
        if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
        return select.orderBy('id', 'desc').limit(query.limit).execute();
      });
      return rows.map(toRequest);
    },

    async transitionApprovalRequest(workspaceId, id, move) {
      if (!(approvalStatuses as readonly string[]).includes(move.to) || move.from.length === 0) return false;
      const result = await runQuery(context, { record: `approval request ${id}`, field: 'status' }, () =>
        context.db
          .updateTable('approval_requests')
          .set({ status: move.to, ...(move.to === 'pending' || move.to === 'info_requested' ? {} : { decided_at: move.at }) })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('status', 'in', [...move.from])
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async expireApprovalRequests(workspaceId, now) {
      return runAtomically(context, { record: 'approval requests' }, async (db) => {
        const due = await db
          .selectFrom('approval_requests')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('status', 'in', ['pending', 'info_requested'])
          .where('expires_at', '<=', now)
          .execute();
        const ids = due.map((row) => Number(row.id));
        if (ids.length > 0) {
          await db.updateTable('approval_requests').set({ status: 'expired', decided_at: now }).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
        }
        return ids;
      });
    },

    async recordApprovalDecision(workspaceId, input) {
      const decision = validateOne(input, decisionSchema, `decision on approval request ${String((input as { requestId?: unknown }).requestId)}`);
      return runAtomically(context, { record: `approval request ${decision.requestId}` }, async (db) => {
        const row = await db
          .insertInto('approval_decisions')
          .values({
            request_id: decision.requestId,
            workspace_id: workspaceId,
            role: decision.role,
            decision: decision.decision,
            decided_by: decision.decidedBy,
            decider_id: decision.deciderId,
            rationale: decision.rationale,
            at: decision.at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDecision(row);
      });
    },

    async listApprovalDecisions(workspaceId, requestIds) {
      if (requestIds.length === 0) return [];
      const rows = await runQuery(context, { record: 'approval decisions' }, () =>
        context.db.selectFrom('approval_decisions').selectAll().where('workspace_id', '=', workspaceId).where('request_id', 'in', [...requestIds]).orderBy('id').execute(),
      );
      return rows.map(toDecision);
    },
  };
}

function toRequest(row: Selectable<ApprovalRequestTable>): StoredApprovalRequest {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    kind: row.kind,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    reason: row.reason,
    detail: JSON.parse(row.detail) as JsonObject,
    requiredRoles: JSON.parse(row.required_roles) as Role[],
    requestedBy: row.requested_by,
    requesterId: row.requester_id,
    requesterRole: row.requester_role as Role | null,
    status: row.status,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  };
}

function toDecision(row: Selectable<ApprovalDecisionTable>): StoredApprovalDecision {
  return {
    id: Number(row.id),
    requestId: Number(row.request_id),
    role: row.role as Role,
    decision: row.decision,
    decidedBy: row.decided_by,
    deciderId: row.decider_id,
    rationale: row.rationale,
    at: Number(row.at),
  };
}
