import { z } from 'zod';
import { formatMoney } from '../../../../core/money/money.ts';
import { AppError } from '../../../../app/app-error.ts';
import { defaultApprovalSettings } from '../../../../app/approvals/approval-settings.ts';
import { allocateWithShortPays } from '../../../../app/payments/allocate-with-short-pays.ts';
import { getPaymentView, listPayments, type PaymentView } from '../../../../app/payments/list-payments.ts';
import { checkPaymentConnector } from '../../../../app/payments/check-payment-connector.ts';
import { listPaymentConnectors, removePaymentConnector, setPaymentConnector, type PaymentConnectorView } from '../../../../app/payments/manage-payment-connectors.ts';
import { recordIncomingPayment } from '../../../../app/payments/record-payment.ts';
import { requirePositiveAmount } from '../../../../app/require-positive-amount.ts';
import { reversePayment } from '../../../../app/payments/reverse-payment.ts';
import { paymentSources, paymentStatuses, webhookProcessors } from '../../../../app/ports/payment-store.ts';
import { reversalReasons } from '../../../../core/portfolio/portfolio.ts';
import { paymentWebhookPath } from '../../payment-webhook-routes.ts';
import { defineRoute, publicBaseUrl, type ApiDependencies } from '../define-route.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.ts';
import { shortPayBody, shortPayView, toShortPayChoice } from '../short-pay-schemas.ts';

// The payments API for ERPs and other processors: record a payment (idempotent by its id in the
// sender's system), list payments (the unapplied ones: Unapplied Cash), allocate one across
// invoices, record a reversal; and the workspace's payment connectors (keys shown masked).

const org = z.object({ orgId: z.string().min(1) });
const onePayment = org.extend({ paymentId: z.coerce.number().int().positive() });
export const money = z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() });
const decimal = z.string().max(30);
export const toMoney = (minor: number, currency: string) => ({ minor, currency, formatted: formatMoney(minor, currency, 'en-US') });
const iso = (at: number) => new Date(at).toISOString();

export const paymentView = z.object({
  id: z.number().int(),
  source: z.enum(paymentSources),
  sourceId: z.string(),
  status: z.enum(paymentStatuses),
  amount: money,
  unapplied: money,
  reversed: money,
  receivedAt: z.string(),
  customerId: z.string().nullable(),
  payerName: z.string().nullable(),
  memo: z.string().nullable(),
  recordedBy: z.string(),
  allocations: z.array(z.object({ id: z.number().int(), invoiceId: z.string(), amount: money, reversed: money, by: z.string(), confidencePercent: z.number().int().nullable(), note: z.string().nullable(), at: z.string() })),
  reversals: z.array(z.object({ id: z.number().int(), reference: z.string(), reason: z.enum(reversalReasons), amount: money, at: z.string(), reinstatedAt: z.string().nullable(), note: z.string().nullable() })),
});

export function toPaymentView({ payment, allocations, reversals }: PaymentView): z.infer<typeof paymentView> {
  const currency = payment.currency;
  return {
    id: payment.id,
    source: payment.source,
    sourceId: payment.sourceId,
    status: payment.status,
    amount: toMoney(payment.amountMinor, currency),
    unapplied: toMoney(payment.unappliedMinor, currency),
    reversed: toMoney(payment.reversedMinor, currency),
    receivedAt: iso(payment.receivedAt),
    customerId: payment.customerId,
    payerName: payment.payerName,
    memo: payment.memo,
    recordedBy: payment.recordedBy,
    allocations: allocations.map((allocation) => ({ id: allocation.id, invoiceId: allocation.invoiceId, amount: toMoney(allocation.amountMinor, currency), reversed: toMoney(allocation.reversedMinor, currency), by: allocation.by, confidencePercent: allocation.confidencePercent, note: allocation.note, at: iso(allocation.at) })),
    reversals: reversals.map((reversal) => ({ id: reversal.id, reference: reversal.reference, reason: reversal.reason, amount: toMoney(reversal.amountMinor, currency), at: iso(reversal.at), reinstatedAt: reversal.reinstatedAt === null ? null : iso(reversal.reinstatedAt), note: reversal.note })),
  };
}

const connectorView = z.object({
  processor: z.enum(webhookProcessors),
  secretKey: z.string().nullable(),
  webhookSecret: z.string(),
  setBy: z.string(),
  setAt: z.string(),
  webhookPath: z.string(),
  webhookUrl: z.string().describe('the whole address to give the processor: the public address of this Plixo and webhookPath'),
  lastDeliveryAt: z.string().nullable().describe('the newest delivery that verified with these keys'),
  unreadable: z.boolean().describe('the keys were encrypted under another PLIXO_SECRET and do not open: save them again'),
});
const endpointView = z.object({ processor: z.enum(webhookProcessors), webhookPath: z.string(), webhookUrl: z.string() });
const onePaymentConnector = org.extend({ processor: z.enum(webhookProcessors) });

function webhookEndpoint(deps: ApiDependencies, processor: (typeof webhookProcessors)[number], organisationId: string): z.infer<typeof endpointView> {
  const webhookPath = paymentWebhookPath(processor, organisationId);
  return { processor, webhookPath, webhookUrl: new URL(webhookPath, publicBaseUrl(deps)).href };
}

const toConnectorView = (deps: ApiDependencies, organisationId: string, connector: PaymentConnectorView): z.infer<typeof connectorView> => ({
  ...connector,
  ...webhookEndpoint(deps, connector.processor, organisationId),
  setAt: iso(connector.setAt),
  lastDeliveryAt: connector.lastDeliveryAt === null ? null : iso(connector.lastDeliveryAt),
});

export const paymentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payments',
    summary: 'Record an incoming payment (idempotent by its id in your system); applied at once when it names its invoices unambiguously, else left unapplied',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: org,
    body: z.object({
      id: z.string().min(1).max(255),
      amount: decimal,
      currency: z.string().length(3),
      receivedAt: z.iso.datetime({ offset: true }),
      customerId: z.string().min(1).optional(),
      payerName: z.string().max(500).optional(),
      memo: z.string().max(10_000).optional(),
      invoices: z.array(z.object({ invoiceId: z.string().min(1), amount: decimal.optional() })).max(500).optional(),
    }),
    response: paymentView.extend({ created: z.boolean(), unappliedReason: z.string().nullable() }),
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, body, actor, now }) {
      const record = `payment ${body.id}`;
      const amountMinor = requirePositiveAmount(body.amount, body.currency, { record, field: 'amount' });
      const invoices = (body.invoices ?? []).map((item, index) => ({ invoiceId: item.invoiceId, amountMinor: item.amount === undefined ? null : requirePositiveAmount(item.amount, body.currency, { record, field: `invoices[${index}].amount` }) }));
      const receivedAt = Date.parse(body.receivedAt);
      if (receivedAt > now) throw new AppError('invalid_input', 'receivedAt: is in the future', { record, field: 'receivedAt' });
      const result = await recordIncomingPayment({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        payment: { source: 'api', sourceId: body.id, amountMinor, currency: body.currency, receivedAt, customerId: body.customerId ?? null, payerName: body.payerName ?? null, memo: body.memo ?? null, invoices },
      });
      const view = await getPaymentView({ store: deps.store, workspaceId: organisationId, paymentId: result.payment.id });
      return { ...toPaymentView(view), created: result.created, unappliedReason: result.unappliedReason };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payments',
    summary: 'Payments newest first with their allocations and reversals; unapplied=true lists those with money left to allocate',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: pageQuerySchema.extend({ unapplied: z.enum(['true', 'false']).optional(), customerId: z.string().optional() }),
    response: z.object({ items: z.array(paymentView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const beforeId = decodeCursor(query.cursor, z.number().int());
      const views = await listPayments({
        store: deps.store,
        workspaceId: organisationId,
        limit: query.limit + 1,
        unapplied: query.unapplied === 'true',
        ...(query.customerId ? { customerId: query.customerId } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      const items = views.slice(0, query.limit);
      return { items: items.map(toPaymentView), nextCursor: views.length > query.limit ? encodeCursor(items[items.length - 1]!.payment.id) : null };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payments/:paymentId',
    summary: 'One payment with its allocations and reversals',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: onePayment,
    response: paymentView,
    async handler({ deps, organisationId, params }) {
      return toPaymentView(await getPaymentView({ store: deps.store, workspaceId: organisationId, paymentId: params.paymentId }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payments/:paymentId/allocations',
    summary: 'Allocate a payment’s unapplied money across invoices, never above the payment or an invoice’s open balance, and decide each short-paid invoice’s rest (write off, promise, dispute, leave open), all in one transaction',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.apply' },
    params: onePayment,
    body: z.object({
      allocations: z.array(z.object({ invoiceId: z.string().min(1), amount: decimal })).min(1).max(500),
      note: z.string().max(2000).optional(),
      shortPays: z.array(shortPayBody).max(500).optional(),
    }),
    response: paymentView.extend({ shortPays: z.array(shortPayView) }),
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, params, body, actor, now }) {
      const { shortPays } = await allocateWithShortPays({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        paymentId: params.paymentId,
        allocations: body.allocations,
        note: body.note ?? null,
        shortPays: (body.shortPays ?? []).map((choice, index) => toShortPayChoice(choice, index, `payment ${params.paymentId}`)),
        approvals: deps.approvals ?? defaultApprovalSettings,
        mailer: deps.userMailer,
        baseUrl: deps.baseUrl,
      });
      const view = toPaymentView(await getPaymentView({ store: deps.store, workspaceId: organisationId, paymentId: params.paymentId }));
      return { ...view, shortPays: shortPays.map(({ remainderMinor, ...outcome }) => ({ ...outcome, remainder: toMoney(remainderMinor, view.amount.currency) })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payments/:paymentId/reversals',
    summary: 'Record that money of a payment went back (refund or chargeback), idempotent by reference: the invoices it paid owe it again and resume their cadence',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'payments.reverse' },
    params: onePayment,
    body: z.object({ reference: z.string().min(1).max(255), amount: decimal, reason: z.enum(reversalReasons), note: z.string().max(2000).optional() }),
    response: paymentView,
    status: 201,
    async handler({ deps, organisationId, params, body, actor, now }) {
      const payment = await deps.store.getPayment(organisationId, params.paymentId);
      if (!payment) throw new AppError('not_found', `payment ${params.paymentId} does not exist in this organisation`, { record: `payment ${params.paymentId}` });
      const amountMinor = requirePositiveAmount(body.amount, payment.currency, { record: `payment ${payment.id}`, field: 'amount' });
      await reversePayment({ store: deps.store, now, workspaceId: organisationId, by: actor!, paymentId: payment.id, amountMinor, reason: body.reason, reference: body.reference, note: body.note ?? null });
      return toPaymentView(await getPaymentView({ store: deps.store, workspaceId: organisationId, paymentId: payment.id }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/payment-connectors',
    summary: 'The organisation’s payment connectors (Stripe, the generic webhook), keys masked, and the webhook address of every processor, set up or not',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: org,
    response: z.object({ items: z.array(connectorView), endpoints: z.array(endpointView) }),
    async handler({ deps, organisationId }) {
      const connectors = await listPaymentConnectors({ store: deps.store, workspaceId: organisationId });
      return { items: connectors.map((connector) => toConnectorView(deps, organisationId, connector)), endpoints: webhookProcessors.map((processor) => webhookEndpoint(deps, processor, organisationId)) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/orgs/:orgId/payment-connectors/:processor',
    summary: 'Set a payment connector: Stripe’s secret key and webhook signing secret, or the generic webhook’s shared secret; answered masked',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: onePaymentConnector,
    body: z.object({ secretKey: z.string().max(500).nullable().optional(), webhookSecret: z.string().max(500) }),
    response: connectorView,
    async handler({ deps, organisationId, params, body, actor, now }) {
      const view = await setPaymentConnector({ store: deps.store, now, workspaceId: organisationId, by: actor!, processor: params.processor, secretKey: body.secretKey ?? null, webhookSecret: body.webhookSecret });
      return toConnectorView(deps, organisationId, view);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/orgs/:orgId/payment-connectors/:processor',
    summary: 'Remove a payment connector: its webhooks are refused from now on, and without Stripe payers pay through the payment address, if one is set',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: onePaymentConnector,
    response: z.null(),
    status: 204,
    async handler({ deps, organisationId, params, actor, now }) {
      await removePaymentConnector({ store: deps.store, now, workspaceId: organisationId, by: actor!, processor: params.processor });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/payment-connectors/:processor/check',
    summary: 'Test a payment connector without moving money: the shape of each key, whether the processor knows the API key (Stripe: a read of the balance), and the newest delivery that verified with the webhook secret',
    tag: 'Payments',
    access: { kind: 'organisation', permission: 'connectors.manage' },
    params: onePaymentConnector,
    response: z.object({
      processor: z.enum(webhookProcessors),
      ok: z.boolean().describe('nothing failed'),
      items: z.array(z.object({ field: z.enum(['secretKey', 'webhookSecret']), outcome: z.enum(['passed', 'failed', 'unknown']), message: z.string() })),
      lastDeliveryAt: z.string().nullable(),
    }),
    async handler({ deps, organisationId, params }) {
      const check = await checkPaymentConnector({ store: deps.store, workspaceId: organisationId, processor: params.processor, ...(deps.paymentProcessors ? { create: deps.paymentProcessors[params.processor] } : {}) });
      return { ...check, lastDeliveryAt: check.lastDeliveryAt === null ? null : iso(check.lastDeliveryAt) };
    },
  }),
];
