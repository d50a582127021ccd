// The payment-processor port: where a payer is sent to pay, and what the processor later tells
// Plixo about money moving. Adapters (src/adapters/payments) implement it: Stripe first.
// Money is integer minor units plus an ISO 4217 code; instants are epoch milliseconds.

export interface CheckoutRequest {
  workspaceId: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  /** What the payer pays now: the open balance, or less when the workspace allows partial payment. */
  amountMinor: number;
  currency: string;
  /** Where the processor sends the payer after paying, and after giving up. */
  successUrl: string;
  cancelUrl: string;
  /** The payer link that started the payment; the processor echoes it back in its webhooks. */
  linkId: string;
  customerEmail?: string | null;
  /** BCP 47, for the processor's own checkout page. */
  locale?: string | null;
}

export interface Checkout {
  /** The processor's page the payer is redirected to. */
  url: string;
  /** The processor's id of this checkout (a Stripe Checkout Session id). */
  checkoutId: string;
}

/**
 * What a processor tells Plixo about money moving, in the port's own words. `paymentRef` is the
 * processor's id of the payment (a Stripe PaymentIntent) in every kind, so events about one
 * payment find each other whatever the order they arrive in.
 */
export type ProcessorEvent =
  | {
      kind: 'payment_succeeded';
      eventId: string;
      /** When the processor says it happened. */
      at: number;
      paymentRef: string;
      amountMinor: number;
      currency: string;
      payerName: string | null;
      payerEmail: string | null;
      memo: string | null;
      /** The customer, when the sender knows Plixo's id for it. */
      customerId: string | null;
      /** The workspace the checkout was made for (metadata), to check against the endpoint's. */
      workspaceId: string | null;
      /** The invoices the payment names; `amountMinor` null: as much as the invoice still owes. */
      invoices: { invoiceId: string; amountMinor: number | null }[];
      linkId: string | null;
      checkoutId: string | null;
    }
  /** Stripe reports refunds as the charge's refunded total so far: order-proof, the ledger takes the difference. */
  | { kind: 'refund_total'; eventId: string; at: number; paymentRef: string; refundedTotalMinor: number; currency: string }
  /** One reversal with its own id (the generic webhook, an ERP). */
  | { kind: 'reversal'; eventId: string; at: number; paymentRef: string; reversalRef: string; amountMinor: number; currency: string; reason: 'refund' | 'chargeback' }
  /** The payer's bank took the money back, pending the dispute's outcome. */
  | { kind: 'dispute_opened'; eventId: string; at: number; paymentRef: string; disputeRef: string; amountMinor: number; currency: string; openedAt: number }
  /** won: the money came back; lost: it stays with the payer. */
  | { kind: 'dispute_closed'; eventId: string; at: number; paymentRef: string; disputeRef: string; amountMinor: number; currency: string; openedAt: number; outcome: 'won' | 'lost' }
  /** Verified, but nothing Plixo acts on (another event type, an unpaid checkout, an inquiry). */
  | { kind: 'ignored'; eventId: string; at: number; reason: string };

export type ProcessorEventKind = ProcessorEvent['kind'];

export interface WebhookDelivery {
  /** The body exactly as received: the signature covers these bytes, not a re-encoding. */
  payload: string | Uint8Array;
  /** The signature header (Stripe-Signature). */
  signature: string | undefined;
  /** For the timestamp tolerance. */
  receivedAt: number;
}

/**
 * What the processor says of the workspace's API key when asked without moving money: `accepted`
 * (with what it learned, such as test or live mode), `refused` (the key is wrong or revoked), or
 * `unreachable` (no answer: nothing is known about the key).
 */
export interface CredentialCheck {
  outcome: 'accepted' | 'refused' | 'unreachable';
  detail: string;
}

/** `event.eventId` and `type` are the processor's; a refused delivery names why and nothing of it is trusted. */
export type WebhookReading = { ok: true; type: string; event: ProcessorEvent } | { ok: false; problem: string };

export interface PaymentProcessor {
  /** A short stable name: 'stripe'. Stored with every payment that came through it. */
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Verifies the delivery's signature (and that it is recent) before reading anything of it,
   * then translates it. Never throws for a bad delivery: it answers `ok: false`.
   */
  readWebhook(delivery: WebhookDelivery): WebhookReading;
  /** Asks the processor whether the API key works, with a cheap read; absent when the processor offers no such question. */
  checkCredentials?(): Promise<CredentialCheck>;
}

/** A workspace's keys for one processor (its payment connector). */
export interface PaymentProcessorCredentials {
  /** The API key (Stripe `sk_…` / `rk_…`); null: webhooks only, no checkout. */
  secretKey: string | null;
  webhookSecret: string;
}

/** Makes the workspace's processor from its connector; the composition root passes one per processor name. */
export type CreatePaymentProcessor = (credentials: PaymentProcessorCredentials) => PaymentProcessor;

/** The processor refused or could not be reached; `retryable`: the same request may succeed later. */
export class PaymentProcessorError extends Error {
  override readonly name = 'PaymentProcessorError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
