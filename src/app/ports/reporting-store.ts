// Read-only figures for the dashboard, the ops console and the deliverability screen, each one
// aggregate query (or a short page) so they answer quickly over 100,000 invoices. No database
// types cross this line. Dates are 'YYYY-MM-DD' in the organisation's time zone; instants are
// epoch milliseconds.

export const agingBuckets = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

export interface AgingRow {
  currency: string;
  bucket: AgingBucket;
  invoices: number;
  /** The stored balances (what Plixo learned), before payments and credits recorded since. */
  balanceMinor: number;
}

export interface ReceivablesCheckpoint {
  /** The instant A/R is measured at (a month's end, or now for the month so far). */
  at: number;
  /** Its date in the organisation's time zone: invoices issued on or before it count. */
  on: string;
  /** The first day of the period whose invoicing the DSO divides by (inclusive). */
  invoicedFromOn: string;
}

export interface CheckpointRow {
  /** Index into the checkpoints asked for. */
  checkpoint: number;
  currency: string;
  /**
   * Open at the checkpoint, before payments and credits recorded in Plixo: the amount of each
   * invoice issued by then and not yet closed, less what was already paid when Plixo learned of it
   * (when that was on or before the checkpoint).
   */
  receivableMinor: number;
  /** Invoiced between `invoicedFromOn` and `on`, both included. */
  invoicedMinor: number;
}

/** A payment, credit, reversal or promise recorded on an invoice, with the invoice facts needed to count it. */
export interface MoneyEventFact {
  type: 'payment' | 'credit' | 'payment_reversed' | 'promise';
  at: number;
  /** The event's payload: `amount` (a decimal string in the invoice's currency), `on` for promises. */
  payload: Record<string, unknown>;
  invoice: {
    id: string;
    currency: string;
    issuedOn: string;
    dueOn: string;
    amountMinor: number;
    balanceMinor: number;
    knownAt: number;
    status: 'open' | 'closed';
    /** When Plixo last wrote the invoice: for a closed one, when it learned of the closing. */
    updatedAt: number;
  };
}

export interface CadenceCoverage {
  /** Entries of the scored collections queue (one per open invoice); 0 before its first scoring. */
  openInvoices: number;
  /** Of those, the ones whose next action a segment's cadence plans and whose customer has an email address that is not suppressed. */
  coveredInvoices: number;
  /** When the queue was scored; null: never. */
  scoredAt: number | null;
}

export interface OutboxCounts {
  queued: number;
  sending: number;
  failed: number;
  held: number;
  draft: number;
  /** The earliest notBefore among queued or sending messages already due; null: none due. */
  oldestDueAt: number | null;
}

/** As the Store's StoredSuppression (kept apart so the ports import no cycle). */
export interface SuppressionEntry {
  workspaceId: string;
  email: string;
  reason: 'invalid' | 'opted_out' | 'legal_hold';
  untilAt: number | null;
  note: string | null;
  createdAt: number;
}

export interface SuppressionPageQuery {
  /** Part of the address, without regard to case. */
  search?: string;
  /** The next page: addresses after this one. */
  afterEmail?: string;
  limit: number;
}

export interface ReportingStore {
  /** Open invoices by days past due at `todayOn` (0 or less is current) and currency, ordered by currency. */
  measureAging(workspaceId: string, todayOn: string): Promise<AgingRow[]>;
  /** For each checkpoint and currency with anything to count: A/R open then and what was invoiced in its period. */
  measureReceivablesAt(workspaceId: string, checkpoints: readonly ReceivablesCheckpoint[]): Promise<CheckpointRow[]>;
  /** Every payment, credit and promise event tied to an invoice, ordered by `at`. */
  listMoneyEvents(workspaceId: string): Promise<MoneyEventFact[]>;
  /** How much of the open portfolio a cadence covers, from the scored collections queue, with suppressions in force at `now`. */
  measureCadenceCoverage(workspaceId: string, now: number): Promise<CadenceCoverage>;
  /** The organisation's outbox by state. */
  countOutbox(workspaceId: string, now: number): Promise<OutboxCounts>;
  /** Messages sent from a sending domain (compared without case) with `fromAt <= sentAt < untilAt`: a warm-up day's count. */
  countSentFromDomain(workspaceId: string, query: { domain: string; fromAt: number; untilAt: number }): Promise<number>;
  /** A page of the suppression list, ordered by email. */
  pageSuppressions(workspaceId: string, query: SuppressionPageQuery): Promise<SuppressionEntry[]>;
}
