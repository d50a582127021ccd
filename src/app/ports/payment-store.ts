import type { ReversalReason } from '../../core/portfolio/portfolio.ts';
import type { JsonObject } from './json.ts';

// The payments ledger: money received (from Stripe, the API, a signed webhook, a CSV import or
// the payer portal), how it was allocated to invoices, and what of it went back (refunds and
// chargebacks); the webhook deliveries that brought it, so each is applied exactly once; and
// each workspace's payment connectors (processor keys and webhook secrets).
//
// Money is integer minor units plus the payment's ISO 4217 currency; instants are epoch ms.

export const paymentSources = ['stripe', 'api', 'webhook', 'csv', 'portal'] as const;
export type PaymentSource = (typeof paymentSources)[number];

/** Derived from the amounts: nothing allocated, some, all, or every unit reversed. */
export const paymentStatuses = ['unapplied', 'partially_applied', 'applied', 'reversed'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export { reversalReasons } from '../../core/portfolio/portfolio.ts';
export type PaymentReversalReason = ReversalReason;

export interface PaymentInput {
  source: PaymentSource;
  /** The source's own id of the payment (a Stripe PaymentIntent, an ERP's receipt number): unique per workspace and source. */
  sourceId: string;
  amountMinor: number;
  currency: string;
  receivedAt: number;
  /** The customer, when the source says who paid. */
  customerId?: string | null;
  payerName?: string | null;
  /** Memo or remittance text as the payer wrote it (invoice numbers, a reference). */
  memo?: string | null;
  /** What the source adds: the invoices it names, a checkout or charge id, the payer link. */
  detail?: JsonObject;
  /** A user's email, `token:<name>`, `stripe`, `webhook`. */
  recordedBy: string;
}

export interface StoredPayment {
  id: number;
  workspaceId: string;
  source: PaymentSource;
  sourceId: string;
  amountMinor: number;
  currency: string;
  receivedAt: number;
  customerId: string | null;
  payerName: string | null;
  memo: string | null;
  detail: JsonObject;
  recordedBy: string;
  status: PaymentStatus;
  /** Received, less allocated (net of reversals), less reversed from the unapplied part. */
  unappliedMinor: number;
  reversedMinor: number;
  createdAt: number;
}

export interface AllocationBatchInput {
  paymentId: number;
  allocations: readonly { invoiceId: string; amountMinor: number }[];
  /** A user's label, or `auto` for a machine's match (with its confidence). */
  by: string;
  /** 0-100 for `auto`; null for a person. */
  confidencePercent: number | null;
  note: string | null;
  at: number;
}

export interface StoredAllocation {
  id: number;
  workspaceId: string;
  paymentId: number;
  invoiceId: string;
  amountMinor: number;
  /** What later reversals took back of it. */
  reversedMinor: number;
  by: string;
  confidencePercent: number | null;
  note: string | null;
  at: number;
}

export interface ReversalPart {
  allocationId: number;
  invoiceId: string;
  amountMinor: number;
}

export interface PaymentReversalInput {
  paymentId: number;
  /** Unique per payment: a Stripe refund total or dispute id, an ERP's reversal id. */
  reference: string;
  reason: PaymentReversalReason;
  amountMinor: number;
  /** What came out of the unapplied part; the rest comes out of `parts`. */
  fromUnappliedMinor: number;
  parts: readonly ReversalPart[];
  at: number;
  recordedBy: string;
  note: string | null;
}

export interface StoredPaymentReversal extends PaymentReversalInput {
  id: number;
  workspaceId: string;
  parts: ReversalPart[];
  /** A chargeback the payee won: its money came back. */
  reinstatedAt: number | null;
}

export const webhookProcessors = ['stripe', 'webhook'] as const;
export type WebhookProcessor = (typeof webhookProcessors)[number];

/** received: stored, not yet applied; waiting: refers to a payment not known yet; applied; ignored (nothing to do). */
export const webhookDeliveryStatuses = ['received', 'waiting', 'applied', 'ignored'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export interface WebhookDeliveryInput {
  processor: WebhookProcessor;
  /** The processor's event id: a redelivery has the same one. */
  eventId: string;
  eventType: string;
  /** When the processor says it happened. */
  eventAt: number;
  receivedAt: number;
  /** The event in the payment-processor port's words (verified, translated), not the raw body. */
  event: JsonObject;
}

export interface StoredWebhookDelivery extends WebhookDeliveryInput {
  workspaceId: string;
  status: WebhookDeliveryStatus;
  /** The payment's source id a waiting delivery needs. */
  waitingFor: string | null;
  /** What applying it did, in words. */
  outcome: string | null;
  processedAt: number | null;
}

export interface PaymentConnectorInput {
  processor: WebhookProcessor;
  /** The processor's API key (Stripe `sk_…` or `rk_…`); null for the generic webhook. */
  secretKey: string | null;
  /** Verifies webhook signatures (Stripe `whsec_…`, or the generic webhook's shared secret). */
  webhookSecret: string;
  setBy: string;
  setAt: number;
}

export type StoredPaymentConnector = PaymentConnectorInput & {
  /**
   * Listing only: the keys were encrypted under another instance secret (PLIXO_SECRET changed) and
   * do not open; `secretKey` is null and `webhookSecret` empty. Saving the keys again mends it.
   */
  unreadable?: true;
};

export interface PaymentStore {
  /** Idempotent by (source, sourceId): a second call answers the first payment with `created: false`. */
  recordPayment(workspaceId: string, payment: PaymentInput): Promise<{ payment: StoredPayment; created: boolean }>;
  getPayment(workspaceId: string, id: number): Promise<StoredPayment | null>;
  findPayment(workspaceId: string, source: PaymentSource, sourceId: string): Promise<StoredPayment | null>;
  /** Newest first (by id); `unapplied`: only those with money left to allocate (the Unapplied Cash list). */
  listPayments(workspaceId: string, query: { unapplied?: boolean; customerId?: string; beforeId?: number; limit: number }): Promise<StoredPayment[]>;
  /**
   * Writes the allocations and lowers the payment's unapplied amount, all or nothing; refused
   * (StorageInputError, field `allocations`) when they exceed what is unapplied at that moment.
   */
  addPaymentAllocations(workspaceId: string, batch: AllocationBatchInput): Promise<StoredAllocation[]>;
  /** By id; of the payments given, or of an invoice. */
  listPaymentAllocations(workspaceId: string, query: { paymentIds?: readonly number[]; invoiceId?: string }): Promise<StoredAllocation[]>;
  /**
   * Idempotent by (payment, reference). Takes the amount out of the payment's unapplied part and
   * its allocations as `parts` say; refused when it exceeds what is left of them.
   */
  recordPaymentReversal(workspaceId: string, reversal: PaymentReversalInput): Promise<{ reversal: StoredPaymentReversal; created: boolean }>;
  /** By id. */
  listPaymentReversals(workspaceId: string, query: { paymentIds: readonly number[] }): Promise<StoredPaymentReversal[]>;
  /** Gives a reversal's money back to the payment's unapplied part, once: false when it already was. */
  reinstatePaymentReversal(workspaceId: string, reversalId: number, at: number): Promise<boolean>;

  /** Stores a verified delivery once per (processor, event id): a redelivery answers `created: false`. */
  receiveWebhookDelivery(workspaceId: string, delivery: WebhookDeliveryInput): Promise<{ delivery: StoredWebhookDelivery; created: boolean }>;
  /** In the processor's event order (event instant, then arrival). */
  listWebhookDeliveries(workspaceId: string, query: { statuses: readonly WebhookDeliveryStatus[]; waitingFor?: string; limit: number }): Promise<StoredWebhookDelivery[]>;
  /**
   * Takes a stored delivery for applying, in the caller's transaction, only while it still has the
   * status it was read with: of two processes applying the same delivery, one gets true, the other
   * (after the first commits) false. On PostgreSQL the row stays locked until the transaction ends.
   */
  claimWebhookDelivery(workspaceId: string, key: { processor: WebhookProcessor; eventId: string }, expected: WebhookDeliveryStatus): Promise<boolean>;
  settleWebhookDelivery(
    workspaceId: string,
    key: { processor: WebhookProcessor; eventId: string },
    outcome: { status: WebhookDeliveryStatus; waitingFor: string | null; outcome: string; at: number },
  ): Promise<void>;
  /** When the newest verified delivery from the processor arrived (at or after `since`); null when none did. */
  latestWebhookDeliveryAt(workspaceId: string, processor: WebhookProcessor, since: number): Promise<number | null>;

  getPaymentConnector(workspaceId: string, processor: WebhookProcessor): Promise<StoredPaymentConnector | null>;
  /** Ordered by processor. */
  listPaymentConnectors(workspaceId: string): Promise<StoredPaymentConnector[]>;
  /** Replaces the processor's connector. */
  setPaymentConnector(workspaceId: string, connector: PaymentConnectorInput): Promise<void>;
  /** Removes the processor's connector; false when there was none. */
  deletePaymentConnector(workspaceId: string, processor: WebhookProcessor): Promise<boolean>;
}
