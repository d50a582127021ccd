import { z } from 'zod';
import { sendNudge } from '../../../../app/messages/send-nudge.ts';
import { approveDraft, discardDraft, editDraft } from '../../../../app/delivery/review-drafts.ts';
import { outboxStatuses, type StoredOutboxMessage } from '../../../../app/ports/outbox-store.ts';
import { addSuppression, removeSuppression } from '../../../../app/suppressions/manage-suppressions.ts';
import { suppressionReasons } from '../../../../app/ports/store.ts';
import { AppError } from '../../../../app/app-error.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.ts';

// The outbox and Shadow Mode drafts (review, edit, approve, discard), and the suppression list.

const org = z.object({ orgId: z.string().min(1) });
const byId = org.extend({ id: z.coerce.number().int().positive() });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const messageView = z.object({
  id: z.number().int(),
  kind: z.enum(['send', 'draft']),
  status: z.enum(outboxStatuses),
  reason: z.string().nullable(),
  customerId: z.string(),
  invoiceIds: z.array(z.string()),
  decidedAt: z.string(),
  notBefore: z.string(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  reviewedBy: z.string().nullable(),
  edited: z.boolean(),
  /** When retention dropped the message's text, HTML and attachments (subject and recipients stay); null while kept. */
  bodyDroppedAt: z.string().nullable(),
});
const draftView = messageView.extend({ text: z.string().nullable(), html: z.string().nullable(), attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })) });
const suppressionView = z.object({ email: z.string(), reason: z.enum(suppressionReasons), untilAt: z.string().nullable(), note: z.string().nullable(), createdAt: z.string() });

function toMessageView(message: StoredOutboxMessage): z.infer<typeof messageView> {
  return {
    id: message.id,
    kind: message.kind,
    status: message.status,
    reason: message.statusReason,
    customerId: message.customerId,
    invoiceIds: message.invoiceIds,
    decidedAt: iso(message.decidedAt)!,
    notBefore: iso(message.notBefore)!,
    to: message.content?.to ?? [],
    subject: message.content?.subject ?? null,
    sentAt: iso(message.sentAt),
    attempts: message.attempts,
    reviewedBy: message.reviewedBy,
    edited: message.edited,
    bodyDroppedAt: iso(message.bodyDroppedAt),
  };
}

function toDraftView(message: StoredOutboxMessage): z.infer<typeof draftView> {
  return {
    ...toMessageView(message),
    text: message.content?.text ?? null,
    html: message.content?.html ?? null,
    attachments: (message.content?.attachments ?? []).map(({ filename, contentType }) => ({ filename, contentType })),
  };
}

export const outboxRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/invoices/:invoiceId/nudge',
    summary: 'Send a pre-approved nudge: a template of the invoice’s cadence, at the first instant its guardrails allow (quiet hours, days, holidays, the daily cap); one per invoice per day',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'messages.nudge' },
    params: org.extend({ invoiceId: z.string().min(1) }),
    body: z.object({ template: z.string().min(1).optional(), note: z.string().max(2000).optional() }),
    response: messageView.extend({ template: z.string(), waitsFor: z.array(z.string()), existing: z.boolean() }),
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, params, body, now }) {
      const outcome = await sendNudge({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        invoiceId: params.invoiceId,
        ...(body.template ? { template: body.template } : {}),
        note: body.note ?? null,
        links: deps.messages.links,
        documents: deps.messages.documents,
      });
      return { ...toMessageView(outcome.message), template: outcome.template, waitsFor: outcome.moves, existing: outcome.existing };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/outbox',
    summary: 'Messages, newest first: queued, sent, drafts, held, withdrawn, each with why; filter by status and customer',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: pageQuerySchema.extend({ status: z.enum(outboxStatuses).optional(), customerId: z.string().optional() }),
    response: z.object({ items: z.array(messageView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const beforeId = decodeCursor(query.cursor, z.number().int());
      const rows = await deps.store.listOutboxMessages(organisationId, {
        limit: query.limit + 1,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(query.status ? { statuses: [query.status] } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
      });
      const items = rows.slice(0, query.limit);
      return { items: items.map(toMessageView), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!.id) : null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/drafts/:id',
    summary: 'One message with its text, HTML and attachments, for review',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'drafts.review' },
    params: byId,
    response: draftView,
    async handler({ deps, organisationId, params }) {
      const message = await deps.store.getOutboxMessage(organisationId, params.id);
      if (!message) throw new AppError('not_found', `message ${params.id} does not exist in this organisation`);
      return toDraftView(message);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/orgs/:orgId/drafts/:id',
    summary: 'Edit a draft’s subject and text (the branded layout stays)',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'drafts.review' },
    params: byId,
    body: z.object({ subject: z.string().min(1).max(500), text: z.string().min(1).max(100_000) }),
    response: draftView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toDraftView(await editDraft({ store: deps.store, workspaceId: organisationId, id: params.id, by: actor!, now, subject: body.subject, text: body.text }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/drafts/:id/approve',
    summary: 'Approve a draft: it goes out at the first instant the customer’s guardrails allow (409 if it is no longer right to send)',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'drafts.review' },
    params: byId,
    response: messageView,
    idempotent: true,
    async handler({ deps, organisationId, actor, params, now }) {
      return toMessageView(await approveDraft({ store: deps.store, workspaceId: organisationId, id: params.id, by: actor!, now }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/drafts/:id/discard',
    summary: 'Discard a draft, with the reason',
    tag: 'Outbox',
    access: { kind: 'organisation', permission: 'drafts.review' },
    params: byId,
    body: z.object({ reason: z.string().max(2000).optional() }),
    status: 204,
    response: z.null(),
    async handler({ deps, organisationId, actor, params, body, now }) {
      await discardDraft({ store: deps.store, workspaceId: organisationId, id: params.id, by: actor!, now, ...(body.reason ? { reason: body.reason } : {}) });
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/suppressions',
    summary: 'The suppression list: addresses Plixo never writes to, with reason, note and reactivation date',
    tag: 'Suppressions',
    access: { kind: 'organisation', permission: 'suppressions.manage' },
    params: org,
    query: z.object({ active: z.enum(['true', 'false']).optional() }),
    response: z.object({ items: z.array(suppressionView) }),
    async handler({ deps, organisationId, query, now }) {
      const rows = await deps.store.listSuppressions(organisationId, query.active === 'true' ? { activeAt: now } : {});
      return { items: rows.map((row) => ({ email: row.email, reason: row.reason, untilAt: iso(row.untilAt), note: row.note, createdAt: iso(row.createdAt)! })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/suppressions',
    summary: 'Suppress an address (an opt-out by phone, a legal hold), until a date or until lifted',
    tag: 'Suppressions',
    access: { kind: 'organisation', permission: 'suppressions.manage' },
    params: org,
    body: z.object({ email: z.email(), reason: z.enum(suppressionReasons), until: z.iso.datetime().optional(), note: z.string().max(2000).optional() }),
    response: suppressionView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      const saved = await addSuppression({
        store: deps.store,
        workspaceId: organisationId,
        email: body.email,
        reason: body.reason,
        untilAt: body.until ? Date.parse(body.until) : null,
        note: body.note ?? null,
        by: actor!,
        now,
      });
      return { email: saved.email, reason: saved.reason, untilAt: iso(saved.untilAt), note: saved.note, createdAt: iso(saved.createdAt)! };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/orgs/:orgId/suppressions/:email',
    summary: 'Lift a suppression',
    tag: 'Suppressions',
    access: { kind: 'organisation', permission: 'suppressions.manage' },
    params: org.extend({ email: z.string().min(3).max(320) }),
    status: 204,
    response: z.null(),
    async handler({ deps, organisationId, actor, params, now }) {
      await removeSuppression({ store: deps.store, workspaceId: organisationId, email: params.email, by: actor!, now });
      return null;
    },
  }),
];
