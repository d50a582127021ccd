import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PaymentProcessorError, type PaymentProcessor, type PaymentProcessorCredentials, type ProcessorEvent, type WebhookReading } from '../../../app/ports/payment-processor.ts';
import { isKnownCurrency, parsePositiveAmount } from '../../../core/money/money.ts';

// The generic signed webhook (POST /webhooks/payments/:workspaceId) for processors and ERPs that
// are not Stripe: `Plixo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with
// the workspace's shared secret (several v1 values are allowed, for a secret being rotated). The
// signature and its age are checked before the body is parsed. docs/payments.md has the format.

export const signedWebhookToleranceSeconds = 300;

const instant = z.iso.datetime({ offset: true });
const money = z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal string such as "120.00"');
const currency = z.string().refine(isKnownCurrency, 'must be an ISO 4217 code');
const ref = z.string().min(1).max(255);

const bodySchema = z.discriminatedUnion('type', [
  z.object({
    id: ref,
    type: z.literal('payment.received'),
    createdAt: instant,
    payment: z.object({
      id: ref,
      amount: money,
      currency,
      receivedAt: instant.optional(),
      customer: ref.optional(),
      payerName: z.string().max(500).optional(),
      memo: z.string().max(10_000).optional(),
      invoices: z.array(z.object({ invoice: ref, amount: money.optional() })).max(500).optional(),
    }),
  }),
  z.object({
    id: ref,
    type: z.literal('payment.reversed'),
    createdAt: instant,
    payment: z.object({ id: ref }),
    reversal: z.object({ id: ref, amount: money, currency, reason: z.enum(['refund', 'chargeback']) }),
  }),
]);

/** The Plixo-Signature header for a body: what a sender computes (and what tests sign with). */
export function signPlixoWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

function verify(secret: string, body: string, header: string, receivedAt: number): string | null {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name]) => name === 'v1').map(([, value]) => value ?? '');
  if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) return 'the Plixo-Signature header must be t=<unix seconds>,v1=<hex HMAC-SHA256>';
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const matches = signatures.some((signature) => /^[0-9a-f]{64}$/i.test(signature) && timingSafeEqual(Buffer.from(signature, 'hex'), expected));
  if (!matches) return 'the signature does not match the body (wrong secret, or the body was changed)';
  if (Math.abs(receivedAt / 1000 - Number(timestamp)) > signedWebhookToleranceSeconds) return `the signature's timestamp is more than ${signedWebhookToleranceSeconds} seconds from now (a replay, or a clock off)`;
  return null;
}

function minorOf(amount: string, code: string, field: string): number {
  const parsed = parsePositiveAmount(amount, code);
  if (!parsed.ok) throw new Error(`${field}: ${parsed.problem}`);
  return parsed.minor;
}

function translate(body: z.infer<typeof bodySchema>): ProcessorEvent {
  const at = Date.parse(body.createdAt);
  if (body.type === 'payment.received') {
    const payment = body.payment;
    return {
      kind: 'payment_succeeded',
      eventId: body.id,
      at: payment.receivedAt ? Date.parse(payment.receivedAt) : at,
      paymentRef: payment.id,
      amountMinor: minorOf(payment.amount, payment.currency, 'payment.amount'),
      currency: payment.currency,
      payerName: payment.payerName ?? null,
      payerEmail: null,
      memo: payment.memo ?? null,
      customerId: payment.customer ?? null,
      workspaceId: null,
      invoices: (payment.invoices ?? []).map((item, index) => ({ invoiceId: item.invoice, amountMinor: item.amount === undefined ? null : minorOf(item.amount, payment.currency, `payment.invoices[${index}].amount`) })),
      linkId: null,
      checkoutId: null,
    };
  }
  const reversal = body.reversal;
  return { kind: 'reversal', eventId: body.id, at, paymentRef: body.payment.id, reversalRef: reversal.id, amountMinor: minorOf(reversal.amount, reversal.currency, 'reversal.amount'), currency: reversal.currency, reason: reversal.reason };
}

export function createSignedWebhookProcessor(credentials: PaymentProcessorCredentials): PaymentProcessor {
  return {
    name: 'webhook',
    async createCheckout() {
      throw new PaymentProcessorError('the generic payment webhook only reports payments; checkouts need a processor such as Stripe', false);
    },
    readWebhook({ payload, signature, receivedAt }): WebhookReading {
      if (!signature) return { ok: false, problem: 'no Plixo-Signature header' };
      const body = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
      const problem = verify(credentials.webhookSecret, body, signature, receivedAt);
      if (problem) return { ok: false, problem };
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, problem: 'the body is not JSON' };
      }
      const parsed = bodySchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, problem: `${issue.path.join('.') || 'body'}: ${issue.message}` };
      }
      try {
        return { ok: true, type: parsed.data.type, event: translate(parsed.data) };
      } catch (error) {
        return { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
