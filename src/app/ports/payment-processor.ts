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

export interface PaymentProcessor {
  /** A short stable name: 'stripe'. Stored with every payment that came through it. */
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
}
