import { AppError } from '../app-error.ts';
import type { ProcessorEvent, WebhookReading } from '../ports/payment-processor.ts';
import type { StoredWebhookDelivery, WebhookProcessor } from '../ports/payment-store.ts';
import type { JsonObject, Store } from '../ports/store.ts';
import { applyProcessorEvent, type DeliveryOutcome } from './apply-processor-event.ts';

// A verified webhook delivery: stored once per (processor, event id), then applied. A redelivery
// finds the stored one and changes nothing, so each event is applied exactly once however often
// it comes. Applying is one transaction per delivery (the ledger's rows, the engine's events and
// the delivery's outcome together); a delivery that fails to apply stays `received` and is tried
// again with the workspace's next delivery. Events that wait for their payment go when it comes.

export interface ReceivedWebhook {
  /** The processor had delivered this event before. */
  duplicate: boolean;
  /** Where the delivery stands after this call. */
  status: StoredWebhookDelivery['status'];
  outcome: string | null;
}

/** How many earlier deliveries that failed to apply one call takes up again. */
const retryBatch = 20;

export async function receivePaymentWebhook(input: {
  store: Store;
  now: number;
  workspaceId: string;
  processor: WebhookProcessor;
  /** What the processor's adapter read: only a verified delivery reaches here. */
  reading: Extract<WebhookReading, { ok: true }>;
  /** Told about a delivery that could not be applied (it stays stored and is tried again). */
  onError?: (error: unknown, delivery: StoredWebhookDelivery) => void;
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
  const pending = await store.listWebhookDeliveries(workspaceId, { statuses: ['received'], limit: retryBatch + 1 });
  let result: DeliveryOutcome | null = null;
  for (const item of [delivery, ...pending.filter((other) => !(other.processor === processor && other.eventId === delivery.eventId)).slice(0, retryBatch)]) {
    const outcome = await applyDelivery(store, item, now, input.onError);
    if (item === delivery) result = outcome;
  }
  return { duplicate: false, status: result?.status ?? 'received', outcome: result?.outcome ?? null };
}

/** Applies one stored delivery and settles it in the same transaction; then the deliveries that waited for a payment it recorded. */
async function applyDelivery(store: Store, delivery: StoredWebhookDelivery, now: number, onError?: (error: unknown, delivery: StoredWebhookDelivery) => void): Promise<DeliveryOutcome | null> {
  let outcome: DeliveryOutcome;
  try {
    outcome = await store.transaction(async (tx) => {
      const result = await applyProcessorEvent({ tx, now, workspaceId: delivery.workspaceId, processor: delivery.processor, event: delivery.event as unknown as ProcessorEvent });
      await tx.settleWebhookDelivery(delivery.workspaceId, { processor: delivery.processor, eventId: delivery.eventId }, { status: result.status, waitingFor: result.waitingFor, outcome: result.outcome, at: now });
      return result;
    });
  } catch (error) {
    // A refusal of the use cases (the event contradicts the ledger) will not change on a retry.
    if (error instanceof AppError) {
      const refused: DeliveryOutcome = { status: 'ignored', waitingFor: null, outcome: `refused: ${error.message}`, recordedPaymentRef: null };
      await store.settleWebhookDelivery(delivery.workspaceId, { processor: delivery.processor, eventId: delivery.eventId }, { ...refused, at: now });
      return refused;
    }
    onError?.(error, delivery);
    return null;
  }
  if (outcome.recordedPaymentRef !== null) {
    const waiting = await store.listWebhookDeliveries(delivery.workspaceId, { statuses: ['waiting'], waitingFor: outcome.recordedPaymentRef, limit: 1000 });
    // In the processor's order of events, so a dispute's opening comes before its closing.
    for (const item of waiting.filter((other) => other.processor === delivery.processor)) await applyDelivery(store, item, now, onError);
  }
  return outcome;
}
