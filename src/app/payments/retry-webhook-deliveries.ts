import type { Store } from '../ports/store.ts';
import { applyWebhookDelivery, type WebhookErrorListener } from './apply-webhook-delivery.ts';

// The worker's second try at webhook deliveries that were stored but failed to apply (the
// database was briefly unavailable, the process stopped half-way): every organisation's oldest
// first, a batch at a time. A delivery younger than `minAgeMs` is left to the request that is
// applying it now.

export interface RetriedDeliveries {
  tried: number;
  applied: number;
  failed: number;
}

export async function retryWebhookDeliveries(input: { store: Store; now: number; minAgeMs?: number; batch?: number; onError?: WebhookErrorListener }): Promise<RetriedDeliveries> {
  const { store, now } = input;
  const minAgeMs = input.minAgeMs ?? 60_000;
  const batch = input.batch ?? 200;
  const retried: RetriedDeliveries = { tried: 0, applied: 0, failed: 0 };
  for (const workspace of await store.listWorkspaces()) {
    const received = await store.listWebhookDeliveries(workspace.id, { statuses: ['received'], limit: batch });
    for (const delivery of received.filter((item) => item.receivedAt <= now - minAgeMs)) {
      retried.tried += 1;
      const outcome = await applyWebhookDelivery(store, delivery, now, input.onError);
      if (outcome) retried.applied += 1;
      else retried.failed += 1;
    }
  }
  return retried;
}
