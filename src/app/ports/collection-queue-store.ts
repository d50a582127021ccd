import type { JsonObject } from './json.ts';

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
  nextAction: JsonObject | null;
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
