import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { CreatePaymentProcessor, PaymentProcessor } from '../ports/payment-processor.ts';
import type { WebhookProcessor } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';

// A workspace's payment connectors: its Stripe keys (the API key for checkouts, the webhook
// signing secret) and the shared secret of the generic payment webhook. Kept in the database;
// the API shows only the start and the last four characters of each, never the whole secret.

export interface PaymentConnectorView {
  processor: WebhookProcessor;
  secretKey: string | null;
  webhookSecret: string;
  setBy: string;
  setAt: number;
}

/** `sk_live_…9f3a`: enough to tell keys apart, not enough to use one. */
export function maskSecret(secret: string): string {
  const prefix = /^[a-z]+_(?:(?:live|test)_)?/.exec(secret)?.[0] ?? '';
  return `${prefix}…${secret.slice(-4)}`;
}

const shapes: Record<WebhookProcessor, { secretKey: RegExp | null; webhookSecret: RegExp; words: string }> = {
  stripe: { secretKey: /^(sk|rk)_(live|test)_[A-Za-z0-9]{8,}$/, webhookSecret: /^whsec_[A-Za-z0-9+/=]{16,}$/, words: 'a Stripe secret or restricted key (sk_… or rk_…) and the endpoint’s signing secret (whsec_…)' },
  webhook: { secretKey: null, webhookSecret: /^[\x21-\x7e]{32,500}$/, words: 'a shared secret of at least 32 printable characters' },
};

export async function setPaymentConnector(input: { store: Store; now: number; workspaceId: string; by: ActorInput; processor: WebhookProcessor; secretKey: string | null; webhookSecret: string }): Promise<PaymentConnectorView> {
  const { store, now, workspaceId, processor } = input;
  const record = `payment connector ${processor}`;
  const shape = shapes[processor];
  if (shape.secretKey === null && input.secretKey !== null) throw new AppError('invalid_input', `secretKey: the ${processor} connector takes no API key`, { record, field: 'secretKey' });
  if (shape.secretKey !== null && input.secretKey !== null && !shape.secretKey.test(input.secretKey)) throw new AppError('invalid_input', `secretKey: expected ${shape.words}`, { record, field: 'secretKey' });
  if (!shape.webhookSecret.test(input.webhookSecret)) throw new AppError('invalid_input', `webhookSecret: expected ${shape.words}`, { record, field: 'webhookSecret' });
  const actor = auditActor(input.by);
  await store.transaction(async (tx) => {
    const before = await tx.getPaymentConnector(workspaceId, processor);
    await tx.setPaymentConnector(workspaceId, { processor, secretKey: input.secretKey, webhookSecret: input.webhookSecret, setBy: actor.actor, setAt: now });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'connector.set',
      subject: record,
      before: before ? { secretKey: before.secretKey && maskSecret(before.secretKey), webhookSecret: maskSecret(before.webhookSecret) } : null,
      after: { secretKey: input.secretKey && maskSecret(input.secretKey), webhookSecret: maskSecret(input.webhookSecret) },
    });
  });
  return { processor, secretKey: input.secretKey && maskSecret(input.secretKey), webhookSecret: maskSecret(input.webhookSecret), setBy: actor.actor, setAt: now };
}

export async function listPaymentConnectors(input: { store: Store; workspaceId: string }): Promise<PaymentConnectorView[]> {
  return (await input.store.listPaymentConnectors(input.workspaceId)).map((connector) => ({
    ...connector,
    secretKey: connector.secretKey && maskSecret(connector.secretKey),
    webhookSecret: maskSecret(connector.webhookSecret),
  }));
}

/** The workspace's processor, made from its connector; null when the workspace has none for it. */
export async function openPaymentProcessor(input: { store: Store; workspaceId: string; processor: WebhookProcessor; create: CreatePaymentProcessor }): Promise<PaymentProcessor | null> {
  const connector = await input.store.getPaymentConnector(input.workspaceId, input.processor);
  return connector ? input.create({ secretKey: connector.secretKey, webhookSecret: connector.webhookSecret }) : null;
}
