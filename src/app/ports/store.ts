// The Store port: what use cases need from persistence, in the domain's words.
// No database types cross this line; adapters (src/adapters/storage) implement it.
//
// Time words: `…At` is a UTC instant in epoch milliseconds, `…On` a calendar date 'YYYY-MM-DD'.
// Money: integer minor units (`…Minor`) plus an ISO 4217 `currency`; never a float.

import type { Plan } from '../../core/access/plans.ts';
import type { AccessStore } from './access-store.ts';
import type { ApprovalStore } from './approval-store.ts';
import type { CollectionQueueStore } from './collection-queue-store.ts';
import type { CollectionsRecordStore } from './collections-record-store.ts';
import type { DeliverabilityStore } from './deliverability-store.ts';
import type { JsonObject } from './json.ts';
import type { OperationsStore } from './operations-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { PayerPortalStore } from './payer-portal-store.ts';
import type { PolicyPublishingStore, PolicyVersionInput, StoredPolicyVersion } from './policy-publishing-store.ts';
import type { SegmentModeStore } from './segment-mode-store.ts';
import type { ReportingStore } from './reporting-store.ts';
import type { PaymentStore } from './payment-store.ts';
import type { CashApplicationStore } from './cash-application-store.ts';
import type { RemittanceStore } from './remittance-store.ts';
import type { CashCandidateStore } from './cash-candidate-store.ts';

export type { JsonObject, JsonValue } from './json.ts';

export { plans } from '../../core/policy/policy-schema.ts';
export type { Plan } from '../../core/access/plans.ts';

export interface WorkspaceInput {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  currency: string;
  /** What the organisation may use; kept when absent on an update, 'growth' for a new workspace. */
  plan?: Plan;
}

export interface StoredWorkspace extends WorkspaceInput {
  plan: Plan;
  createdAt: number;
}

export interface ContactInput {
  email: string;
  name?: string | null;
  role?: string | null;
  isPrimary?: boolean;
}

export interface StoredContact {
  workspaceId: string;
  customerId: string;
  email: string;
  name: string | null;
  role: string | null;
  isPrimary: boolean;
}

export interface CustomerInput {
  /** The customer's id in the source system (ERP, CSV), unique per workspace. */
  id: string;
  name: string;
  /** IANA zone; null means the workspace's. */
  timeZone?: string | null;
  /** BCP 47; null means the workspace's. */
  locale?: string | null;
  tags?: string[];
  region?: string | null;
  industry?: string | null;
  score?: number | null;
  tier?: string | null;
  /** The customer's full contact list: contacts not listed are removed. Absent: contacts stay as they are. */
  contacts?: ContactInput[];
}

export interface StoredCustomer {
  workspaceId: string;
  id: string;
  name: string;
  timeZone: string | null;
  locale: string | null;
  tags: string[];
  region: string | null;
  industry: string | null;
  score: number | null;
  tier: string | null;
  createdAt: number;
  updatedAt: number;
}

export type InvoiceStatus = 'open' | 'closed';

export interface InvoiceInput {
  id: string;
  customerId: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  amountMinor: number;
  balanceMinor: number;
  currency: string;
  /** When Plixo first learned of the invoice; the engine does not act on what it could not know. */
  knownAt: number;
  status: InvoiceStatus;
}

export interface StoredInvoice extends InvoiceInput {
  workspaceId: string;
  updatedAt: number;
}

export const eventTypes = ['payment', 'reply', 'promise', 'dispute', 'dispute_resolved', 'pause', 'maintenance', 'credit', 'payment_reversed', 'plan', 'plan_cancelled'] as const;
export type EventType = (typeof eventTypes)[number];

export interface EventInput {
  at: number;
  type: EventType;
  /** Derived from the invoice when only the invoice is given. */
  customerId?: string | null;
  invoiceId?: string | null;
  /** Type-specific fields (amount, on, until, from, to…), kept as given. */
  payload?: JsonObject;
}

export interface StoredEvent {
  workspaceId: string;
  /** Increases in the order events were recorded. */
  id: number;
  at: number;
  type: EventType;
  customerId: string | null;
  invoiceId: string | null;
  payload: JsonObject;
  recordedAt: number;
}

/** An amount Cash-App Assist looks open invoices up by (minor units of `currency`). */
export interface OpenBalanceQuery {
  currency: string;
  amountMinor: number;
  /** The first this many invoices owing it, in customer then invoice order (code points); all of them when absent. */
  first?: number;
  /** And every invoice owing it of these customers. */
  customerIds?: readonly string[];
}

export interface OpenBalanceAnswer {
  /** Without a balance event after `at`: what they owe is their running balance. By id. */
  invoices: StoredInvoice[];
  /** With a payment, credit or reversal dated after `at` (or no running balance): what they owe is for the caller to work out. By id. */
  unsettled: StoredInvoice[];
  /** For each amount asked: how many open invoices without a balance event after `at` owe it. */
  counts: { currency: string; amountMinor: number; invoices: number }[];
}

export interface EventQuery {
  /** Only events with `at >= sinceAt`. */
  sinceAt?: number;
  customerId?: string;
  /** Only events of these customers (one query for a batch of them). */
  customerIds?: readonly string[];
  /** Only events on these invoices. */
  invoiceIds?: readonly string[];
  /** Only events of these types. */
  types?: readonly EventType[];
}

export type { PolicyFile, PolicyVersionInput, PolicyVersionStatus, StoredPolicyVersion } from './policy-publishing-store.ts';

export const engineActionTypes = ['send', 'draft', 'task', 'escalate', 'skip'] as const;
export type EngineActionType = (typeof engineActionTypes)[number];

export interface EngineActionInput {
  invoiceId: string;
  customerId: string;
  /** The cadence's name; '' for actions outside any cadence (a task after a reply). */
  cadence: string;
  /** A step id or an escalation id: (invoice, cadence, step) happens at most once. */
  step: string;
  type: EngineActionType;
  at: number;
  reason?: string | null;
  /** Idempotency key of the outgoing message; invoices consolidated into one message share it. */
  actionKey: string;
  payload?: JsonObject;
}

export interface StoredEngineAction {
  workspaceId: string;
  invoiceId: string;
  customerId: string;
  cadence: string;
  step: string;
  type: EngineActionType;
  at: number;
  reason: string | null;
  actionKey: string;
  payload: JsonObject;
  recordedAt: number;
}

export interface RecordEngineActionsResult {
  insertedCount: number;
  /** Per input, in order: false when (invoice, cadence, step) was already recorded. */
  inserted: boolean[];
}

export const suppressionReasons = ['invalid', 'opted_out', 'legal_hold'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

export interface SuppressionInput {
  email: string;
  reason: SuppressionReason;
  /** A temporary suppression ends here (the address is active again); null: until removed. */
  untilAt?: number | null;
  note?: string | null;
}

export interface StoredSuppression {
  workspaceId: string;
  /** Lower-cased. */
  email: string;
  reason: SuppressionReason;
  untilAt: number | null;
  note: string | null;
  createdAt: number;
}

export interface Store extends OutboxStore, OperationsStore, DeliverabilityStore, AccessStore, PolicyPublishingStore, ApprovalStore, CollectionQueueStore, CollectionsRecordStore, SegmentModeStore, ReportingStore, PayerPortalStore, PaymentStore, CashApplicationStore, RemittanceStore, CashCandidateStore {
  upsertWorkspace(workspace: WorkspaceInput): Promise<StoredWorkspace>;
  getWorkspace(workspaceId: string): Promise<StoredWorkspace | null>;
  /** Ordered by id. */
  listWorkspaces(): Promise<StoredWorkspace[]>;
  /** What the workspace holds, for its plan's limits: customers, and open balances per currency (ordered by currency). */
  measurePortfolio(workspaceId: string): Promise<{ customers: number; openBalances: { currency: string; balanceMinor: number }[] }>;

  /** All or nothing: one bad customer or contact and nothing is written. */
  upsertCustomers(workspaceId: string, customers: readonly CustomerInput[]): Promise<{ upserted: number }>;
  /** Ordered by id; all of the workspace's customers when `ids` is absent. */
  listCustomers(workspaceId: string, query?: { ids?: readonly string[] }): Promise<StoredCustomer[]>;
  /** Ordered by customer id, then email. */
  listContacts(workspaceId: string, query?: { customerIds?: readonly string[] }): Promise<StoredContact[]>;

  /** All or nothing, as upsertCustomers. Every invoice's customer must exist. */
  upsertInvoices(workspaceId: string, invoices: readonly InvoiceInput[]): Promise<{ upserted: number }>;
  /** Ordered by id; all of the workspace's invoices when no filter is given; `customerIds`: only theirs; `status`: only those. */
  listInvoices(workspaceId: string, query?: { ids?: readonly string[]; customerIds?: readonly string[]; status?: InvoiceStatus }): Promise<StoredInvoice[]>;
  /** One page by id (code-point order), after `afterId`: for lists a person pages through. */
  pageInvoices(workspaceId: string, query: { limit: number; afterId?: string; status?: InvoiceStatus; customerId?: string }): Promise<StoredInvoice[]>;
  /**
   * Invoices one of whose number keys (normalise-invoice-number.ts `invoiceNumberKeys`, kept on
   * every upsert) is one of `keys`: open ones, or closed ones too with `status: 'any'`. By id.
   */
  findInvoicesByNumberKeys(workspaceId: string, query: { keys: readonly string[]; status: InvoiceStatus | 'any' }): Promise<StoredInvoice[]>;
  /**
   * Open invoices by what they owe at `at`: their stored balance less the payments and credits,
   * plus the reversals, recorded up to `at` (app/open-balance.ts), kept as a running balance on
   * every write. For each amount, among the open invoices with no such event dated after `at`:
   * the first `first` owing it (or all), every one owing it of `customerIds`, and how many owe it.
   * Besides (`unsettled`), every open invoice in an amount's currency that has a payment, credit or
   * reversal dated after `at`, whatever it owes: the caller works that out from its events.
   */
  findOpenInvoicesByOpenBalance(workspaceId: string, query: { at: number; amounts: readonly OpenBalanceQuery[] }): Promise<OpenBalanceAnswer>;
  /**
   * Open invoices ordered by customer id then invoice id (code-point order on every database),
   * read `batchSize` rows at a time. No connection or transaction is held between batches, so
   * the consumer may write (record actions) while iterating.
   */
  streamOpenInvoices(workspaceId: string, options?: { batchSize?: number }): AsyncIterable<StoredInvoice>;

  /** All or nothing. */
  appendEvents(workspaceId: string, events: readonly EventInput[]): Promise<{ appended: number }>;
  /** Ordered by `at`, then recording order. */
  listEvents(workspaceId: string, query?: EventQuery): Promise<StoredEvent[]>;

  /**
   * Creates a version or replaces a draft; a published version never changes. Saving one as
   * published makes it the live version of every segment (seeding, `plixo policy apply`).
   */
  savePolicyVersion(workspaceId: string, policyVersion: PolicyVersionInput): Promise<StoredPolicyVersion>;
  getPolicyVersion(workspaceId: string, version: number): Promise<StoredPolicyVersion | null>;
  /** The live version: what every segment runs unless a publish gave it another (getPolicyPublishState). */
  getLivePolicyVersion(workspaceId: string): Promise<StoredPolicyVersion | null>;
  /** Ordered by version. */
  listPolicyVersions(workspaceId: string): Promise<StoredPolicyVersion[]>;

  /** Never throws for a duplicate (invoice, cadence, step): it reports `inserted: false`. */
  recordEngineAction(workspaceId: string, action: EngineActionInput): Promise<{ inserted: boolean }>;
  recordEngineActions(workspaceId: string, actions: readonly EngineActionInput[]): Promise<RecordEngineActionsResult>;
  /** Ordered by `at`, invoice id, cadence, step. */
  listEngineActions(workspaceId: string, query?: { invoiceId?: string }): Promise<StoredEngineAction[]>;

  /**
   * Runs `fn` in one database transaction with a store bound to it; use only that store inside
   * (on SQLite the outer store waits for the transaction and would deadlock). Nested calls join
   * the outer transaction.
   */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;

  /** Adds or replaces the suppression of an address (compared without regard to case). */
  suppress(workspaceId: string, suppression: SuppressionInput): Promise<StoredSuppression>;
  /** false when the address was not suppressed. */
  unsuppress(workspaceId: string, email: string): Promise<boolean>;
  /**
   * Ordered by email; with `activeAt`, only those in force then (no end, or ending later); with
   * `emails`, only those addresses (compared without regard to case).
   */
  listSuppressions(workspaceId: string, query?: { activeAt?: number; emails?: readonly string[] }): Promise<StoredSuppression[]>;
}

export interface StorageInputIssue {
  /** The record, as a person would name it: `invoice INV-7`, `customer c9`, `events[3]`. */
  record: string;
  /** The input field, in the port's words: `dueOn`, `contacts[1].email`. */
  field: string;
  /** A whole sentence naming record and field: `invoice INV-7: dueOn "2024-02-30" is not a real date`. */
  message: string;
}

/** Bad data offered to the store. Nothing of the offending call was written. */
export class StorageInputError extends Error implements StorageInputIssue {
  override readonly name = 'StorageInputError';
  readonly record: string;
  readonly field: string;
  /** Every problem found; the error itself describes the first. */
  readonly issues: readonly StorageInputIssue[];

  constructor(issues: readonly [StorageInputIssue, ...StorageInputIssue[]], options?: { cause?: unknown }) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${first.message}${more}`, options);
    this.record = first.record;
    this.field = first.field;
    this.issues = issues;
  }
}

/** The database failed (unreachable, locked, a migration broke); the driver's error is the cause. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}
