import type { WebhookReading } from '../ports/payment-processor.ts';
import type { StoredWebhookDelivery, WebhookProcessor } from '../ports/payment-store.ts';
import type { JsonObject, Store } from '../ports/store.ts';
import { applyWebhookDelivery, type WebhookErrorListener } from './apply-webhook-delivery.ts';

// A verified webhook delivery: stored once per (processor, event id), then applied. A redelivery
// finds the stored one and changes nothing, so each event is applied exactly once however often
// it comes. Applying is one transaction per delivery (the ledger's rows, the engine's events and
// the delivery's outcome together); a delivery that fails to apply stays `received` and is tried
// again by the worker (retry-webhook-deliveries.ts). Events that wait for their payment go when it comes.

export interface ReceivedWebhook {
  /** The processor had delivered this event before. */
  duplicate: boolean;
  /** Where the delivery stands after this call. */
  status: StoredWebhookDelivery['status'];
  outcome: string | null;
}

export async function receivePaymentWebhook(input: {
  store: Store;
  now: number;
  workspaceId: string;
  processor: WebhookProcessor;
  /** What the processor's adapter read: only a verified delivery reaches here. */
  reading: Extract<WebhookReading, { ok: true }>;
  /** Told about a delivery that could not be applied (it stays stored and is tried again). */
  onError?: WebhookErrorListener;
}): Promise<ReceivedWebhook> {
  const { store, now, workspaceId, processor, reading } = input;
  const { delivery, created } = await store.receiveWebhookDelivery(workspaceId, {
    processor,
    eventId: reading.event.eventId,
    eventType: reading.type,
    eventAt: reading.event.at,
    receivedAt: now,
    event: reading.event as unknown as JsonObject,
  });
  if (!created) return { duplicate: true, status: delivery.status, outcome: delivery.outcome };
  const result = await applyWebhookDelivery(store, delivery, now, input.onError);
  return { duplicate: false, status: result?.status ?? 'received', outcome: result?.outcome ?? null };
}
