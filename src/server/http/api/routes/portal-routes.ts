import { z } from 'zod';
import { AppError } from '../../../../app/app-error.ts';
import { getPayerLinkStatus } from '../../../../app/portal/get-payer-link-status.ts';
import { previewPaymentUrl } from '../../../../app/portal/preview-payment-url.ts';
import { regeneratePayerLink } from '../../../../app/portal/regenerate-payer-link.ts';
import { setPortalSettings } from '../../../../app/portal/set-portal-settings.ts';
import { downloadName } from '../content-disposition.ts';
import { defineRoute, FileResponse, publicBaseUrl } from '../define-route.ts';

// The payer portal seen from the team's side: an invoice's payer link (its state, regenerating
// it), the portal's settings (a payment address when no processor is connected, with a preview),
// and the files payers attached to disputes. The pages payers see are not API routes
// (server/http/portal/).

const org = z.object({ orgId: z.string().min(1) });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const settingsView = z.object({ paymentUrlTemplate: z.string().nullable(), updatedBy: z.string().nullable(), updatedAt: z.string().nullable() });
const oneInvoice = org.extend({ invoiceId: z.string().min(1) });
const oneAttachment = org.extend({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
const attachmentView = z.object({ id: z.number().int(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), createdAt: z.string() });

export const portalRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/invoices/:invoiceId/payer-link',
    summary: 'The invoice’s payer link: live, expired (seven days without use) or spent (paid through it), its last use and expiry, and its address; `link` null when the invoice has none',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: oneInvoice,
    response: z.object({
      link: z
        .object({ state: z.enum(['live', 'expired', 'spent']), url: z.string(), createdAt: z.string(), lastUsedAt: z.string(), expiresAt: z.string().nullable(), spentAt: z.string().nullable() })
        .nullable(),
    }),
    async handler({ deps, organisationId, params, now }) {
      const link = await getPayerLinkStatus({ store: deps.store, now, workspaceId: organisationId, invoiceId: params.invoiceId, baseUrl: publicBaseUrl(deps), secret: deps.secret });
      return { link: link && { ...link, createdAt: iso(link.createdAt)!, lastUsedAt: iso(link.lastUsedAt)!, expiresAt: iso(link.expiresAt), spentAt: iso(link.spentAt) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/invoices/:invoiceId/payer-link',
    summary: 'Regenerate the invoice’s payer link: the old link stops working at once; the next message carries the new one',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'queue.work' },
    params: oneInvoice,
    response: z.object({ url: z.string(), createdAt: z.string(), revokedPrevious: z.boolean() }),
    status: 201,
    async handler({ deps, organisationId, actor, params, now }) {
      const result = await regeneratePayerLink({ store: deps.store, now, workspaceId: organisationId, by: actor!, invoiceId: params.invoiceId, baseUrl: publicBaseUrl(deps), secret: deps.secret });
      return { url: result.url, createdAt: iso(result.link.createdAt)!, revokedPrevious: result.revoked !== null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/portal-settings',
    summary: 'The payer portal’s settings: the payment address used when no processor is connected',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: org,
    response: settingsView,
    async handler({ deps, organisationId }) {
      const settings = await deps.store.getPortalSettings(organisationId);
      return { ...settings, updatedAt: iso(settings.updatedAt) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/orgs/:orgId/portal-settings',
    summary: 'Set the payment address ({invoice_number}, {amount}, {currency} are filled in), or null for none',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: org,
    body: z.object({ paymentUrlTemplate: z.string().max(2000).nullable() }),
    response: settingsView,
    async handler({ deps, organisationId, actor, body, now }) {
      const settings = await setPortalSettings({ store: deps.store, now, workspaceId: organisationId, by: actor!, paymentUrlTemplate: body.paymentUrlTemplate });
      return { ...settings, updatedAt: iso(settings.updatedAt) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/portal-settings/preview',
    summary: 'Where a payer would be sent with this payment address, filled in for one of the open invoices (or a sample one); refused as saving it would be, naming paymentUrlTemplate',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: org,
    body: z.object({ paymentUrlTemplate: z.string().max(2000) }),
    response: z.object({ url: z.string(), invoice: z.object({ number: z.string(), amount: z.string(), currency: z.string(), sample: z.boolean().describe('made up: the organisation has no open invoice') }) }),
    async handler({ deps, organisationId, body, now }) {
      return previewPaymentUrl({ store: deps.store, now, workspaceId: organisationId, paymentUrlTemplate: body.paymentUrlTemplate });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/disputes/:id/attachments',
    summary: 'The files brought with a dispute (from the payer portal)',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org.extend({ id: z.coerce.number().int().positive() }),
    response: z.object({ items: z.array(attachmentView) }),
    async handler({ deps, organisationId, params }) {
      const items = await deps.store.listDisputeAttachments(organisationId, params.id);
      return { items: items.map((item) => ({ id: item.id, filename: item.filename, contentType: item.contentType, sizeBytes: item.sizeBytes, createdAt: iso(item.createdAt)! })) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/disputes/:id/attachments/:attachmentId',
    summary: 'One file of a dispute, base64',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: oneAttachment,
    response: attachmentView.extend({ contentBase64: z.string() }),
    async handler({ deps, organisationId, params }) {
      const file = await deps.store.getDisputeAttachmentContent(organisationId, params.id, params.attachmentId);
      if (!file) throw new AppError('not_found', `attachment ${params.attachmentId} of dispute ${params.id} does not exist in this organisation`, { record: `dispute ${params.id}` });
      return { id: file.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.sizeBytes, createdAt: iso(file.createdAt)!, contentBase64: Buffer.from(file.content).toString('base64') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/disputes/:id/attachments/:attachmentId/download',
    summary: 'One file of a dispute as a download: its stored type, always as an attachment, under a safe version of the name the payer gave',
    tag: 'Payer portal',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: oneAttachment,
    response: z.string(),
    async handler({ deps, organisationId, params }) {
      const file = await deps.store.getDisputeAttachmentContent(organisationId, params.id, params.attachmentId);
      if (!file) throw new AppError('not_found', `attachment ${params.attachmentId} of dispute ${params.id} does not exist in this organisation`, { record: `dispute ${params.id}`, field: 'attachmentId' });
      return new FileResponse(file.contentType, file.content, downloadName(file.filename, file.contentType, `dispute-${params.id}-attachment-${file.id}`));
    },
  }),
];
