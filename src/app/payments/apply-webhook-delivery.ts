import { AppError } from '../app-error.ts';
import type { ProcessorEvent } from '../ports/payment-processor.ts';
import type { StoredWebhookDelivery } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { applyProcessorEvent, type DeliveryOutcome } from './apply-processor-event.ts';

// One stored webhook delivery applied and settled in one transaction (the ledger's rows, the
// engine's events and the delivery's outcome together), then the deliveries that waited for a
// payment it recorded. The delivery is claimed first at the status it was read with, so a
// request and the worker's retry, or two workers, never apply it twice.

export type WebhookErrorListener = (error: unknown, delivery: StoredWebhookDelivery) => void;

/** The outcome; null when it failed to apply (it stays as it was, for the next retry) or another process applied it first. */
export async function applyWebhookDelivery(store: Store, delivery: StoredWebhookDelivery, now: number, onError?: WebhookErrorListener): Promise<DeliveryOutcome | null> {
  const key = { processor: delivery.processor, eventId: delivery.eventId };
  let outcome: DeliveryOutcome | null;
  try {
    outcome = await store.transaction(async (tx) => {
      if (!(await tx.claimWebhookDelivery(delivery.workspaceId, key, delivery.status))) return null;
      const result = await applyProcessorEvent({ tx, now, workspaceId: delivery.workspaceId, processor: delivery.processor, event: delivery.event as unknown as ProcessorEvent });
      await tx.settleWebhookDelivery(delivery.workspaceId, key, { status: result.status, waitingFor: result.waitingFor, outcome: result.outcome, at: now });
      return result;
    });
  } catch (error) {
    // A refusal of the use cases (the event contradicts the ledger) will not change on a retry.
    if (error instanceof AppError) {
      const refused: DeliveryOutcome = { status: 'ignored', waitingFor: null, outcome: `refused: ${error.message}`, recordedPaymentRef: null };
      await store.settleWebhookDelivery(delivery.workspaceId, key, { ...refused, at: now });
      return refused;
    }
    onError?.(error, delivery);
    return null;
  }
  if (outcome?.recordedPaymentRef) {
    const waiting = await store.listWebhookDeliveries(delivery.workspaceId, { statuses: ['waiting'], waitingFor: outcome.recordedPaymentRef, limit: 1000 });
    // In the processor's order of events, so a dispute's opening comes before its closing.
    for (const item of waiting.filter((other) => other.processor === delivery.processor)) await applyWebhookDelivery(store, item, now, onError);
  }
  return outcome;
}
