import { z } from 'zod';
import { readRemittanceFile } from '../../../../adapters/files/read-remittance-file.ts';
import { AppError } from '../../../../app/app-error.ts';
import { acceptRemittance } from '../../../../app/remittances/accept-remittance.ts';
import { getRemittance, getRemittanceFile, listRemittances } from '../../../../app/remittances/list-remittances.ts';
import type { RemittanceView } from '../../../../app/remittances/remittance-view.ts';
import { maxRemittanceBytes, uploadRemittance } from '../../../../app/remittances/upload-remittance.ts';
import { remittanceFormats, remittanceStatuses } from '../../../../app/ports/remittance-store.ts';
import { adviceProblemCodes, lineProblemCodes } from '../../../../core/cash/remittance/remittance-proposal.ts';
import { formatMoney } from '../../../../core/money/money.ts';
import { defineRoute, FileResponse } from '../define-route.ts';

// Remittance advices for a payment: upload the payer's file (CSV, PDF or text, sent as base64 in
// JSON) for a proposal of which invoices each line pays, read the proposals and the file, and
// accept one (all its proposed lines, or chosen lines with amounts), which allocates the payment.

const onePayment = z.object({ orgId: z.string().min(1), paymentId: z.coerce.number().int().positive() });
const oneRemittance = onePayment.extend({ remittanceId: z.coerce.number().int().positive() });
const money = z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() });
const iso = (at: number) => new Date(at).toISOString();

const lineView = z.object({
  number: z.number().int(),
  page: z.number().int().nullable(),
  line: z.number().int(),
  reference: z.string(),
  paid: money,
  invoiceAmount: money.nullable(),
  discount: money,
  deduction: money,
  reason: z.string().nullable(),
  currency: z.string().nullable(),
  invoice: z.object({ id: z.string(), number: z.string(), customerId: z.string(), customerName: z.string(), open: money }).nullable(),
  match: z.enum(['exact', 'normalised', 'typo']).nullable(),
  confidence: z.number(),
  reasons: z.array(z.string()),
  proposed: money,
  selected: z.boolean(),
  problems: z.array(z.object({ code: z.enum(lineProblemCodes), text: z.string() })),
  candidates: z.array(z.object({ invoiceId: z.string(), number: z.string() })),
});

const remittanceView = z.object({
  id: z.number().int(),
  paymentId: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  format: z.enum(remittanceFormats),
  status: z.enum(remittanceStatuses),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  acceptedBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  columns: z.record(z.string(), z.string()),
  decimalSeparator: z.enum(['.', ',']),
  decimalSeparatorUncertain: z.boolean(),
  issues: z.array(z.object({ page: z.number().int().nullable(), line: z.number().int(), field: z.string(), value: z.string(), reason: z.string(), outcome: z.enum(['skipped', 'warning']) })),
  lines: z.array(lineView),
  totals: z.object({ lines: money, stated: money.nullable(), proposed: money, unapplied: money }),
  problems: z.array(z.object({ code: z.enum(adviceProblemCodes), text: z.string() })),
  accepted: z.object({ lines: z.array(z.object({ number: z.number().int(), invoiceId: z.string(), invoiceNumber: z.string(), amount: money, allocationId: z.number().int() })), note: z.string().nullable() }).nullable(),
});

function toView({ remittance, advice, proposal, accepted }: RemittanceView): z.infer<typeof remittanceView> {
  const { currency } = proposal;
  const toMoney = (minor: number) => ({ minor, currency, formatted: formatMoney(minor, currency, 'en-US') });
  return {
    id: remittance.id,
    paymentId: remittance.paymentId,
    fileName: remittance.fileName,
    contentType: remittance.contentType,
    sizeBytes: remittance.sizeBytes,
    format: remittance.format,
    status: remittance.status,
    uploadedBy: remittance.uploadedBy,
    uploadedAt: iso(remittance.uploadedAt),
    acceptedBy: remittance.acceptedBy,
    acceptedAt: remittance.acceptedAt === null ? null : iso(remittance.acceptedAt),
    columns: advice.columns,
    decimalSeparator: advice.decimalSeparator,
    decimalSeparatorUncertain: advice.decimalSeparatorUncertain,
    issues: advice.issues.map(({ at, ...issue }) => ({ ...issue, page: at.page, line: at.line })),
    lines: proposal.lines.map((line) => ({
      number: line.number,
      page: line.at.page,
      line: line.at.line,
      reference: line.reference,
      paid: toMoney(line.paidMinor),
      invoiceAmount: line.invoiceAmountMinor === null ? null : toMoney(line.invoiceAmountMinor),
      discount: toMoney(line.discountMinor),
      deduction: toMoney(line.deductionMinor),
      reason: line.reason,
      currency: line.currency,
      invoice: line.invoice && { id: line.invoice.id, number: line.invoice.number, customerId: line.invoice.customerId, customerName: line.invoice.customerName, open: { minor: line.invoice.openMinor, currency: line.invoice.currency, formatted: formatMoney(line.invoice.openMinor, line.invoice.currency, 'en-US') } },
      match: line.match,
      confidence: line.confidence,
      reasons: line.reasons,
      proposed: toMoney(line.proposedMinor),
      selected: line.selected,
      problems: line.problems,
      candidates: line.candidates,
    })),
    totals: { lines: toMoney(proposal.linesTotalMinor), stated: proposal.statedTotalMinor === null ? null : toMoney(proposal.statedTotalMinor), proposed: toMoney(proposal.proposedMinor), unapplied: toMoney(proposal.unappliedMinor) },
    problems: proposal.problems,
    accepted: accepted && { note: accepted.note, lines: accepted.lines.map(({ amountMinor, ...line }) => ({ ...line, amount: toMoney(amountMinor) })) },
  };
}

const maxBase64Length = Math.ceil(maxRemittanceBytes / 3) * 4;

export const remittanceRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payments/:paymentId/remittances',
    summary: 'Upload the payer’s remittance advice for a payment (CSV, PDF or text, base64, up to 10 MB): each line is matched to an open invoice and proposed for review; nothing is applied yet',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: onePayment,
    body: z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().min(1) }),
    bodyLimitBytes: maxBase64Length + 64 * 1024,
    response: remittanceView,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, params, body, actor, now }) {
      const record = `remittance ${body.fileName}`;
      if (body.contentBase64.length > maxBase64Length) throw new AppError('invalid_input', `file: ${body.fileName} is larger than ${maxRemittanceBytes / 1024 / 1024} MB, the most a remittance file may be`, { record, field: 'file' });
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(body.contentBase64)) throw new AppError('invalid_input', 'contentBase64: is not base64', { record, field: 'contentBase64' });
      const content = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
      const view = await uploadRemittance({ store: deps.store, now, workspaceId: organisationId, by: actor!, paymentId: params.paymentId, file: { name: body.fileName, content }, readFile: readRemittanceFile });
      return toView(view);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payments/:paymentId/remittances',
    summary: 'A payment’s remittance advices, newest first, each with its proposal (and what was accepted)',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: onePayment,
    response: z.object({ items: z.array(remittanceView) }),
    async handler({ deps, organisationId, params }) {
      return { items: (await listRemittances({ store: deps.store, workspaceId: organisationId, paymentId: params.paymentId })).map(toView) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payments/:paymentId/remittances/:remittanceId',
    summary: 'One remittance advice with its proposal: each line’s invoice, amount, confidence and problems, and the totals against the payment',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: oneRemittance,
    response: remittanceView,
    async handler({ deps, organisationId, params }) {
      return toView(await getRemittance({ store: deps.store, workspaceId: organisationId, paymentId: params.paymentId, remittanceId: params.remittanceId }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payments/:paymentId/remittances/:remittanceId/file',
    summary: 'The remittance file as it was uploaded',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: oneRemittance,
    response: z.string(),
    async handler({ deps, organisationId, params }) {
      const file = await getRemittanceFile({ store: deps.store, workspaceId: organisationId, paymentId: params.paymentId, remittanceId: params.remittanceId });
      // The header takes the name only as plain characters.
      return new FileResponse(file.contentType, Buffer.from(file.content), file.fileName.replace(/[^\w.-]+/g, '_'));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payments/:paymentId/remittances/:remittanceId/accept',
    summary: 'Accept a remittance’s proposal: its proposed lines, or the lines given (with amounts where they differ); allocates the payment with a note citing the remittance, once',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: oneRemittance,
    body: z.object({ lines: z.array(z.object({ number: z.number().int().positive(), amount: z.string().max(30).optional() })).min(1).max(5000).optional(), note: z.string().max(2000).optional() }),
    response: remittanceView.extend({ payment: z.object({ id: z.number().int(), status: z.string(), unapplied: money }) }),
    idempotent: true,
    async handler({ deps, organisationId, params, body, actor, now }) {
      const result = await acceptRemittance({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        paymentId: params.paymentId,
        remittanceId: params.remittanceId,
        ...(body.lines ? { lines: body.lines } : {}),
        note: body.note ?? null,
      });
      const { payment } = result;
      return { ...toView(result.view), payment: { id: payment.id, status: payment.status, unapplied: { minor: payment.unappliedMinor, currency: payment.currency, formatted: formatMoney(payment.unappliedMinor, payment.currency, 'en-US') } } };
    },
  }),
];
