import { z } from 'zod';
import { defaultApprovalSettings } from '../../../../app/approvals/approval-settings.ts';
import { decideException, respondToException } from '../../../../app/approvals/decide-exception.ts';
import { getApproval, listApprovals, type ApprovalView } from '../../../../app/approvals/list-approvals.ts';
import { requestException } from '../../../../app/approvals/request-exception.ts';
import { approvalKinds, approvalStatuses } from '../../../../app/ports/approval-store.ts';
import { formatAmount } from '../../../../core/money/money.ts';
import { roles } from '../../../../core/policy/policy-schema.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.ts';

// Exception approvals: requests on invoices, the approvers' inbox, decisions and answers. Who may
// decide a request is the roles its cap names (checked by the use case), so the decision route is
// open to every member and refuses the others with the roles it waits for.

const org = z.object({ orgId: z.string().min(1) });
const byId = org.extend({ id: z.coerce.number().int().positive() });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const role = z.enum(roles);
const approvalView = z.object({
  id: z.number().int(),
  invoiceId: z.string(),
  customerId: z.string(),
  kind: z.enum(approvalKinds),
  amount: z.object({ value: z.string(), currency: z.string() }),
  reason: z.string(),
  explanation: z.string(),
  installments: z.array(z.object({ on: z.string(), amount: z.string() })).nullable(),
  requestedBy: z.string(),
  requiredRoles: z.array(role),
  awaiting: z.array(role),
  status: z.enum(approvalStatuses),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
  decisions: z.array(z.object({ role, decision: z.string(), by: z.string(), rationale: z.string(), at: z.string() })),
});

function toView({ request, decisions, awaiting }: ApprovalView): z.infer<typeof approvalView> {
  return {
    id: request.id,
    invoiceId: request.invoiceId,
    customerId: request.customerId,
    kind: request.kind,
    amount: { value: formatAmount(request.amountMinor, request.currency), currency: request.currency },
    reason: request.reason,
    explanation: String(request.detail.explanation ?? ''),
    installments: request.kind === 'payment_plan' ? ((request.detail.installments ?? []) as { on: string; amount: string }[]) : null,
    requestedBy: request.requestedBy,
    requiredRoles: request.requiredRoles,
    awaiting,
    status: request.status,
    createdAt: iso(request.createdAt)!,
    expiresAt: iso(request.expiresAt)!,
    decidedAt: iso(request.decidedAt),
    decisions: decisions.map((decision) => ({ role: decision.role, decision: decision.decision, by: decision.decidedBy, rationale: decision.rationale, at: iso(decision.at)! })),
  };
}

export const approvalRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/approvals',
    summary: 'Exception requests, newest first; `awaiting=me`: the ones you may decide now (your inbox)',
    tag: 'Approvals',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: pageQuerySchema.extend({ status: z.enum(approvalStatuses).optional(), invoiceId: z.string().optional(), awaiting: z.literal('me').optional() }),
    response: z.object({ items: z.array(approvalView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, actor, query, now }) {
      const beforeId = decodeCursor(query.cursor, z.number().int());
      const views = await listApprovals({
        store: deps.store,
        now,
        workspaceId: organisationId,
        limit: query.limit,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(query.status ? { statuses: [query.status] } : {}),
        ...(query.invoiceId ? { invoiceId: query.invoiceId } : {}),
        ...(query.awaiting ? { awaiting: { role: actor!.role!, actorId: actor!.id } } : {}),
      });
      return { items: views.map(toView), nextCursor: views.length === query.limit ? encodeCursor(views.at(-1)!.request.id) : null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/approvals/:id',
    summary: 'One exception request with its decisions and the roles it waits for',
    tag: 'Approvals',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: byId,
    response: approvalView,
    async handler({ deps, organisationId, params, now }) {
      return toView(await getApproval({ store: deps.store, now, workspaceId: organisationId, id: params.id }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/approvals',
    summary: 'Ask for a discount, credit or payment plan on an invoice; routed by the caps of the cadence that governs it',
    tag: 'Approvals',
    access: { kind: 'organisation', permission: 'exceptions.request' },
    params: org,
    body: z.object({
      invoiceId: z.string().min(1),
      kind: z.enum(approvalKinds),
      amount: z.string().max(30).optional(),
      installments: z.array(z.object({ on: z.string(), amount: z.string().max(30) })).max(120).optional(),
      reason: z.string().min(1).max(2000),
    }),
    response: approvalView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      const { request } = await requestException({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        invoiceId: body.invoiceId,
        kind: body.kind,
        ...(body.amount !== undefined ? { amount: body.amount } : {}),
        ...(body.installments ? { installments: body.installments } : {}),
        reason: body.reason,
        settings: deps.approvals ?? defaultApprovalSettings,
        mailer: deps.userMailer,
        baseUrl: deps.baseUrl,
      });
      return toView({ request, decisions: [], awaiting: request.status === 'pending' ? request.requiredRoles : [] });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/approvals/:id/decision',
    summary: 'Approve, reject or ask for more information, with a rationale (only a role the request waits for; never your own request)',
    tag: 'Approvals',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: byId,
    body: z.object({ decision: z.enum(['approve', 'reject', 'ask_info']), rationale: z.string().min(1).max(2000) }),
    response: approvalView,
    idempotent: true,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toView(await decideException({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id, decision: body.decision, rationale: body.rationale, mailer: deps.userMailer, baseUrl: deps.baseUrl }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/approvals/:id/response',
    summary: 'The requester answers a question (the request waits again) or withdraws the request',
    tag: 'Approvals',
    access: { kind: 'organisation', permission: 'exceptions.request' },
    params: byId,
    body: z.object({ response: z.enum(['answer', 'withdraw']), rationale: z.string().min(1).max(2000) }),
    response: approvalView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toView(await respondToException({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id, response: body.response, rationale: body.rationale }));
    },
  }),
];
