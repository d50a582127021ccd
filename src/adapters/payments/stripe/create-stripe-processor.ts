import Stripe from 'stripe';
import { PaymentProcessorError, type Checkout, type CheckoutRequest, type CredentialCheck, type PaymentProcessor, type PaymentProcessorCredentials, type WebhookReading } from '../../../app/ports/payment-processor.ts';
import { translateStripeEvent } from './translate-stripe-event.ts';

// The payment-processor port over Stripe (the official `stripe` package): Checkout Sessions for
// paying, and webhooks verified with `stripe.webhooks.constructEvent` before anything of them is
// parsed, then translated into the port's events.

export interface StripeConnection {
  /** Where the API is; Stripe's own unless a test points the client at a local server. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

/** How old (or how far ahead) a delivery's signed timestamp may be: Stripe's own default. */
export const webhookToleranceSeconds = 300;

/** A check of the key is a person waiting on a screen: one try, not the checkout's retries. */
const checkTimeoutMs = 10_000;

/** Stripe Checkout's languages; a BCP 47 locale maps to the closest, else Stripe picks ('auto'). */
const checkoutLocales = new Set(['bg', 'cs', 'da', 'de', 'el', 'en', 'en-GB', 'es', 'es-419', 'et', 'fi', 'fil', 'fr', 'fr-CA', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'lv', 'ms', 'mt', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'vi', 'zh', 'zh-HK', 'zh-TW']);

export function checkoutLocale(locale: string | null | undefined): Stripe.Checkout.SessionCreateParams.Locale {
  if (!locale) return 'auto';
  if (checkoutLocales.has(locale)) return locale as Stripe.Checkout.SessionCreateParams.Locale;
  const language = locale.split('-')[0]!;
  return checkoutLocales.has(language) ? (language as Stripe.Checkout.SessionCreateParams.Locale) : 'auto';
}

function signedAtSeconds(header: string): number | null {
  const match = /(?:^|,)\s*t=(\d+)/.exec(header);
  return match ? Number(match[1]) : null;
}

export function createStripeProcessor(credentials: PaymentProcessorCredentials, connection: StripeConnection = {}): PaymentProcessor {
  const client = credentials.secretKey
    ? new Stripe(credentials.secretKey, {
        maxNetworkRetries: connection.maxNetworkRetries ?? 2,
        timeout: connection.timeoutMs ?? 20_000,
        ...(connection.host ? { host: connection.host } : {}),
        ...(connection.port ? { port: connection.port } : {}),
        ...(connection.protocol ? { protocol: connection.protocol } : {}),
      })
    : null;
  return {
    name: 'stripe',

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (!client) throw new PaymentProcessorError('the Stripe connector has no secret key: set one to take payments', false);
      // Stripe echoes metadata in its webhooks: the payment finds its workspace, invoice and link.
      const metadata = { workspaceId: request.workspaceId, invoiceId: request.invoiceId, customerId: request.customerId, linkId: request.linkId };
      try {
        const session = await client.checkout.sessions.create({
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountMinor, product_data: { name: `Invoice ${request.invoiceNumber}` } } }],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          client_reference_id: request.invoiceId,
          locale: checkoutLocale(request.locale),
          ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
          metadata,
          payment_intent_data: { metadata, description: `Invoice ${request.invoiceNumber}` },
        });
        if (!session.url) throw new PaymentProcessorError(`Stripe created checkout ${session.id} without a page address`, false);
        return { url: session.url, checkoutId: session.id };
      } catch (error) {
        throw translateStripeError(error);
      }
    },

    readWebhook({ payload, signature, receivedAt }): WebhookReading {
      if (!signature) return { ok: false, problem: 'no Stripe-Signature header' };
      let event: Stripe.Event;
      try {
        // Verification first: nothing of an unverified body is parsed, let alone stored.
        event = Stripe.webhooks.constructEvent(typeof payload === 'string' ? payload : Buffer.from(payload), signature, credentials.webhookSecret, webhookToleranceSeconds, undefined, receivedAt);
      } catch (error) {
        return { ok: false, problem: `the Stripe signature does not verify: ${error instanceof Error ? error.message : String(error)}` };
      }
      // Stripe checks only that a delivery is not too old; one signed far ahead of our clock is refused too.
      const signedAt = signedAtSeconds(signature);
      if (signedAt !== null && signedAt * 1000 - receivedAt > webhookToleranceSeconds * 1000) return { ok: false, problem: 'the Stripe signature is dated in the future' };
      return { ok: true, type: event.type, event: translateStripeEvent(event) };
    },

    // The balance is the cheapest read every secret key may make; it moves no money. A restricted
    // key without the Balance permission is still a key Stripe knows (403, not 401).
    async checkCredentials(): Promise<CredentialCheck> {
      if (!client) return { outcome: 'refused', detail: 'the connector has no secret key' };
      try {
        const balance = await client.balance.retrieve({}, { timeout: connection.timeoutMs ?? checkTimeoutMs, maxNetworkRetries: 0 });
        return { outcome: 'accepted', detail: `Stripe accepted the key (${balance.livemode ? 'live' : 'test'} mode)` };
      } catch (error) {
        if (error instanceof Stripe.errors.StripePermissionError) return { outcome: 'accepted', detail: 'Stripe knows the key; it is restricted and may not read the balance, so make sure it may create Checkout Sessions' };
        if (error instanceof Stripe.errors.StripeAuthenticationError) return { outcome: 'refused', detail: `Stripe refused the key: ${error.message}` };
        if (error instanceof Stripe.errors.StripeError && error.type !== 'StripeConnectionError' && (error.statusCode ?? 500) < 500) return { outcome: 'refused', detail: `Stripe refused the request: ${error.message}` };
        return { outcome: 'unreachable', detail: `Stripe could not be reached: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

function translateStripeError(error: unknown): Error {
  if (error instanceof PaymentProcessorError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const retryable = error.type === 'StripeConnectionError' || error.type === 'StripeAPIError' || error.type === 'StripeRateLimitError' || (error.statusCode ?? 0) >= 500;
    return new PaymentProcessorError(`Stripe refused the checkout: ${error.message}`, retryable, { cause: error });
  }
  return new PaymentProcessorError(`Stripe could not be reached: ${error instanceof Error ? error.message : String(error)}`, true, { cause: error });
}
