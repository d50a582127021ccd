import { z } from 'zod';
import { assignDispute, escalateDispute, listDisputes, openDispute, resolveDispute, type DisputeView } from '../../../../app/collections/manage-disputes.ts';
import { addNote } from '../../../../app/collections/add-note.ts';
import { cancelPaymentPlan } from '../../../../app/collections/cancel-payment-plan.ts';
import { pauseCollections } from '../../../../app/collections/pause-collections.ts';
import { listPromises, recordPromise } from '../../../../app/collections/record-promise.ts';
import type { StoredNote } from '../../../../app/ports/collections-record-store.ts';
import { disputeReasonCodes, disputeResolutions } from '../../../../core/collections/dispute-sla.ts';
import { defineRoute } from '../define-route.ts';

// What the collections team records from the queue: disputes with their SLA, promises to pay,
// cancelled payment plans, pauses and internal notes. Promises, plan cancellations, pauses and
// disputes reach the engine as events.

const org = z.object({ orgId: z.string().min(1) });
const byId = org.extend({ id: z.coerce.number().int().positive() });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const disputeView = z.object({
  id: z.number().int(),
  invoiceId: z.string(),
  customerId: z.string(),
  reason: z.string(),
  description: z.string(),
  documents: z.array(z.string()),
  owner: z.string().nullable(),
  escalatedToLegal: z.boolean(),
  sla: z.enum(['open', 'at_risk', 'late', 'resolved']),
  openedBy: z.string(),
  openedAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
const noteView = z.object({ id: z.number().int(), customerId: z.string(), invoiceId: z.string().nullable(), author: z.string(), body: z.string(), mentions: z.array(z.string()), createdAt: z.string() });
const promiseView = z.object({ invoiceId: z.string(), amount: z.string(), currency: z.string(), on: z.string(), madeAt: z.string(), status: z.enum(['open', 'kept', 'missed']) });

function toDisputeView(dispute: DisputeView): z.infer<typeof disputeView> {
  return {
    id: dispute.id,
    invoiceId: dispute.invoiceId,
    customerId: dispute.customerId,
    reason: dispute.reason,
    description: dispute.description,
    documents: [...dispute.documents],
    owner: dispute.owner,
    escalatedToLegal: dispute.escalatedToLegal,
    sla: dispute.sla,
    openedBy: dispute.openedBy,
    openedAt: iso(dispute.openedAt)!,
    dueAt: iso(dispute.dueAt)!,
    resolvedAt: iso(dispute.resolvedAt),
    resolution: dispute.resolution,
    resolutionNote: dispute.resolutionNote,
  };
}

const toNoteView = (note: StoredNote): z.infer<typeof noteView> => ({ id: note.id, customerId: note.customerId, invoiceId: note.invoiceId, author: note.author, body: note.body, mentions: note.mentions, createdAt: iso(note.createdAt)! });

export const collectionsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/disputes',
    summary: 'Disputes: open ones by due time with their SLA state (open, at risk, late), then resolved ones',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: z.object({ open: z.enum(['true', 'false']).optional(), invoiceId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ items: z.array(disputeView) }),
    async handler({ deps, organisationId, query, now }) {
      const items = await listDisputes({ store: deps.store, now, workspaceId: organisationId, limit: query.limit, ...(query.invoiceId ? { invoiceId: query.invoiceId } : {}), ...(query.open ? { open: query.open === 'true' } : {}) });
      return { items: items.map(toDisputeView) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/disputes',
    summary: 'Open a dispute on an invoice with a reason code: the invoice leaves dunning until it is resolved',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: org,
    body: z.object({ invoiceId: z.string().min(1), reason: z.enum(disputeReasonCodes as [string, ...string[]]), description: z.string().max(5000).default(''), owner: z.string().optional() }),
    response: disputeView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      return toDisputeView(await openDispute({ store: deps.store, now, workspaceId: organisationId, by: actor!, invoiceId: body.invoiceId, reason: body.reason, description: body.description, owner: body.owner ?? null }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/disputes/:id/assign',
    summary: 'Give a dispute an owner (a member’s email), or none',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: byId,
    body: z.object({ owner: z.string().nullable() }),
    response: disputeView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toDisputeView(await assignDispute({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id, owner: body.owner }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/disputes/:id/escalate',
    summary: 'Escalate a dispute to Legal: answered within two business days',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: byId,
    body: z.object({ note: z.string().min(1).max(2000) }),
    response: disputeView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toDisputeView(await escalateDispute({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id, note: body.note }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/disputes/:id/resolve',
    summary: 'Resolve a dispute (queue workers; Legal once escalated): the invoice returns to its cadence',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: byId,
    body: z.object({ resolution: z.enum(disputeResolutions), note: z.string().max(2000).optional() }),
    response: disputeView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toDisputeView(await resolveDispute({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id, resolution: body.resolution, note: body.note ?? null }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/promises',
    summary: 'Promises to pay, newest first, each open, kept or missed',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: z.object({ customerId: z.string().optional() }),
    response: z.object({ items: z.array(promiseView) }),
    async handler({ deps, organisationId, query, now }) {
      const items = await listPromises({ store: deps.store, now, workspaceId: organisationId, ...(query.customerId ? { customerId: query.customerId } : {}) });
      return { items: items.map((item) => ({ ...item, madeAt: iso(item.madeAt)! })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/promises',
    summary: 'Log a promise to pay: the cadence waits until the date (and grace), then resumes with a task if it is not kept',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: org,
    body: z.object({ invoiceId: z.string().min(1), amount: z.string().max(30), on: z.string(), contact: z.string().max(320).optional() }),
    response: promiseView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      const promise = await recordPromise({ store: deps.store, now, workspaceId: organisationId, by: actor!, invoiceId: body.invoiceId, amount: body.amount, on: body.on, contact: body.contact ?? null });
      return { ...promise, madeAt: iso(promise.madeAt)! };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/plan-cancellations',
    summary: 'Call off the payment plan being kept on an invoice, with the reason: neither kept nor broken, the cadence resumes at once with catch-up',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: org,
    body: z.object({ invoiceId: z.string().min(1), reason: z.string().min(1).max(2000) }),
    status: 204,
    response: z.null(),
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      await cancelPaymentPlan({ store: deps.store, now, workspaceId: organisationId, by: actor!, invoiceId: body.invoiceId, reason: body.reason });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/pauses',
    summary: 'Pause collections for a customer or an invoice until a date, with the reason',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: org,
    body: z.object({ customerId: z.string().optional(), invoiceId: z.string().optional(), until: z.string(), reason: z.string().min(1).max(2000) }),
    status: 204,
    response: z.null(),
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      await pauseCollections({ store: deps.store, now, workspaceId: organisationId, by: actor!, until: body.until, reason: body.reason, ...(body.customerId ? { customerId: body.customerId } : {}), ...(body.invoiceId ? { invoiceId: body.invoiceId } : {}) });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/notes',
    summary: 'Internal notes on a customer or an invoice, newest first',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: z.object({ customerId: z.string().optional(), invoiceId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
    response: z.object({ items: z.array(noteView) }),
    async handler({ deps, organisationId, query }) {
      const notes = await deps.store.listNotes(organisationId, { limit: query.limit, ...(query.customerId ? { customerId: query.customerId } : {}), ...(query.invoiceId ? { invoiceId: query.invoiceId } : {}) });
      return { items: notes.map(toNoteView) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/notes',
    summary: 'Add an internal note; @name or @email mentions a member, who is emailed',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: org,
    body: z.object({ customerId: z.string().min(1), invoiceId: z.string().optional(), body: z.string().min(1).max(10_000) }),
    response: noteView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      const { note } = await addNote({ store: deps.store, now, workspaceId: organisationId, by: actor!, customerId: body.customerId, invoiceId: body.invoiceId ?? null, body: body.body, mailer: deps.userMailer, baseUrl: deps.baseUrl });
      return toNoteView(note);
    },
  }),
];
