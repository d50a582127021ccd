
// The collections queue as the worker scored it: one entry per open invoice. Replaced whole per
// workspace (a reader sees the old queue or the new one, never a mix), read a page at a time.

export interface QueueReason {
  code: string;
  points: number;
  /** In words, for the person working the queue: "61-90 days past due". */
  text: string;
}

export interface QueueEntryInput {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  score: number;
  daysPastDue: number;
  balanceMinor: number;
  currency: string;
  /** The largest first. */
  reasons: QueueReason[];
  nextActionAt: number | null;
  nextAction: QueuedAction | null;
}

/** The next action the engine plans for an invoice, as the queue shows it (instants in ISO 8601). */
export interface QueuedAction {
  type: string;
  at: string;
  step: string | null;
  segment: string | null;
  reason: string | null;
  /** Where the step was planned before the guardrails moved it, when they did. */
  plannedAt: string | null;
  /** Why it moved: weekend, holiday, quiet_hours, cap, warm_up, … */
  moves: string[];
}

export interface StoredQueueEntry extends QueueEntryInput {
  refreshedAt: number;
}

export interface QueuePageQuery {
  limit: number;
  /** The next page: entries after this one in queue order (score descending, then invoice id). */
  after?: { score: number; invoiceId: string };
  customerId?: string;
}

export interface CollectionQueueStore {
  replaceCollectionQueue(workspaceId: string, entries: readonly QueueEntryInput[], refreshedAt: number): Promise<void>;
  /** Score descending, then invoice id. */
  pageCollectionQueue(workspaceId: string, query: QueuePageQuery): Promise<StoredQueueEntry[]>;
  /** When the queue was last scored; null: never. */
  getCollectionQueueRefreshedAt(workspaceId: string): Promise<number | null>;
}
