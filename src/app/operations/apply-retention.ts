import type { Store } from '../ports/store.ts';

// The daily retention job. The PDFs attached to messages are the heavy part of the outbox and
// can be rebuilt from the invoices; after `keepDays` they are dropped, while each message's
// recipients, subject, text and outcome stay for the record.

export async function applyRetention({ store, now, keepDays, batchSize = 500 }: { store: Store; now: number; keepDays: number; batchSize?: number }): Promise<{ prunedMessages: number }> {
  const before = now - keepDays * 86_400_000;
  let prunedMessages = 0;
  for (;;) {
    const pruned = await store.pruneOutboxAttachments(before, batchSize);
    prunedMessages += pruned;
    if (pruned < batchSize) return { prunedMessages };
  }
}
