import { AppError } from '../app-error.ts';
import type { CreatePaymentProcessor } from '../ports/payment-processor.ts';
import type { WebhookProcessor } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { connectorKeyShapes } from './manage-payment-connectors.ts';

// "Test the connection" of a payment connector, cheap and without moving money: each stored key
// has the shape its processor gives keys; the processor, when it can answer (Stripe: a read of the
// balance), says whether it knows the API key. A webhook secret cannot be asked about: it is
// proven by a delivery that verified with it, so the newest one since the keys were set is shown.

export type ConnectorCheckOutcome = 'passed' | 'failed' | 'unknown';

export interface ConnectorCheckItem {
  field: 'secretKey' | 'webhookSecret';
  outcome: ConnectorCheckOutcome;
  message: string;
}

export interface ConnectorCheck {
  processor: WebhookProcessor;
  /** Nothing failed (an unknown is not a failure: no delivery yet, the processor out of reach). */
  ok: boolean;
  items: ConnectorCheckItem[];
  /** The newest delivery that verified with the webhook secret since it was set. */
  lastDeliveryAt: number | null;
}

export async function checkPaymentConnector(input: {
  store: Store;
  workspaceId: string;
  processor: WebhookProcessor;
  /** How to make the processor from the keys; absent: only the shapes of the keys are checked. */
  create?: CreatePaymentProcessor;
}): Promise<ConnectorCheck> {
  const { store, workspaceId, processor } = input;
  const record = `payment connector ${processor}`;
  const connector = await store.getPaymentConnector(workspaceId, processor);
  if (!connector) throw new AppError('not_found', `${record} is not set up in this organisation`, { record, field: 'processor' });
  const shape = connectorKeyShapes[processor];
  const items: ConnectorCheckItem[] = [];
  const lastDeliveryAt = await store.latestWebhookDeliveryAt(workspaceId, processor, connector.setAt);

  if (shape.secretKey !== null) {
    if (connector.secretKey === null) items.push({ field: 'secretKey', outcome: 'unknown', message: 'No secret key: webhooks only, and payers pay through the payment address if one is set' });
    else if (!shape.secretKey.test(connector.secretKey)) items.push({ field: 'secretKey', outcome: 'failed', message: `The secret key is not ${shape.words}` });
    else {
      const check = await input.create?.({ secretKey: connector.secretKey, webhookSecret: connector.webhookSecret }).checkCredentials?.();
      if (!check) items.push({ field: 'secretKey', outcome: 'unknown', message: 'The secret key has the right shape; the processor was not asked' });
      else items.push({ field: 'secretKey', outcome: check.outcome === 'accepted' ? 'passed' : check.outcome === 'refused' ? 'failed' : 'unknown', message: check.detail });
    }
  }

  if (!shape.webhookSecret.test(connector.webhookSecret)) {
    items.push({ field: 'webhookSecret', outcome: 'failed', message: `The webhook secret is not ${shape.words}` });
  } else {
    items.push(
      lastDeliveryAt === null
        ? { field: 'webhookSecret', outcome: 'unknown', message: 'The webhook secret has the right shape; no delivery has verified with it yet (send a test event to the webhook address)' }
        : { field: 'webhookSecret', outcome: 'passed', message: 'Deliveries verify with the webhook secret' },
    );
  }
  return { processor, ok: items.every((item) => item.outcome !== 'failed'), items, lastDeliveryAt };
}
