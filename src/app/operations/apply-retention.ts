import type { Store } from '../ports/store.ts';

// The daily retention job, in two steps over the outbox:
//
// - after `bodyKeepDays`, a message that left the queue loses its rendered body (text, HTML, the
//   bytes of its PDFs: the heavy part, and rebuilt from the invoices if ever needed), keeping its
//   recipients, subject, key, outcome and instants for the record;
// - after `messageKeepDays` (a year and more, for "why did this go out"), the settled message is
//   deleted. The engine's recorded actions keep each decision under its key, so planning never
//   decides a deleted message again: deleting the outbox row cannot cause a second send.
//
// Each batch is its own short transaction, so neither step holds a long lock on the outbox.

export const defaultRetentionBatchSize = 1_000;

export interface RetentionInput {
  store: Store;
  now: number;
  bodyKeepDays: number;
  messageKeepDays: number;
  batchSize?: number;
}

export interface RetentionResult {
  droppedBodies: number;
  deletedMessages: number;
}

export async function applyRetention({ store, now, bodyKeepDays, messageKeepDays, batchSize = defaultRetentionBatchSize }: RetentionInput): Promise<RetentionResult> {
  const day = 86_400_000;
  // Deleted first: a message due for both is not rewritten only to be removed.
  const deletedMessages = await inBatches(batchSize, () => store.deleteSettledOutboxMessages(now - messageKeepDays * day, batchSize));
  const droppedBodies = await inBatches(batchSize, () => store.dropOutboxBodies(now - bodyKeepDays * day, batchSize));
  return { droppedBodies, deletedMessages };
}

async function inBatches(batchSize: number, run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await run();
    total += done;
    if (done < batchSize) return total;
  }
}
