import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { CreatePaymentProcessor, PaymentProcessor } from '../ports/payment-processor.ts';
import type { StoredPaymentConnector, WebhookProcessor } from '../ports/payment-store.ts';
import { StorageError, type JsonObject, type Store } from '../ports/store.ts';

// A workspace's payment connectors: its Stripe keys (the API key for checkouts, the webhook
// signing secret) and the shared secret of the generic payment webhook. Kept in the database;
// the API shows only the start and the last four characters of each, never the whole secret.

export interface PaymentConnectorView {
  processor: WebhookProcessor;
  secretKey: string | null;
  webhookSecret: string;
  setBy: string;
  setAt: number;
  /** The newest verified delivery since the keys were set: proof the webhook secret works. */
  lastDeliveryAt: number | null;
  /** The keys do not open with this installation's secret (PLIXO_SECRET changed): save them again. */
  unreadable: boolean;
}

/**
 * `sk_live_…9f3a`: enough to tell keys apart, not enough to use one. Only the known prefixes of
 * processors' keys are shown whole; of any other secret (the generic webhook's), the last four.
 */
export function maskSecret(secret: string): string {
  const prefix = /^(?:(?:sk|rk|pk)_(?:live|test)_|whsec_)/.exec(secret)?.[0] ?? '';
  return `${prefix}…${secret.slice(-4)}`;
}

/** The keys each processor takes; `secretKey` null: it takes none. */
export const connectorKeyShapes: Record<WebhookProcessor, { secretKey: RegExp | null; webhookSecret: RegExp; words: string }> = {
  stripe: { secretKey: /^(sk|rk)_(live|test)_[A-Za-z0-9]{8,}$/, webhookSecret: /^whsec_[A-Za-z0-9+/=]{16,}$/, words: 'a Stripe secret or restricted key (sk_… or rk_…) and the endpoint’s signing secret (whsec_…)' },
  webhook: { secretKey: null, webhookSecret: /^[\x21-\x7e]{32,500}$/, words: 'a shared secret of at least 32 printable characters' },
};

export async function setPaymentConnector(input: { store: Store; now: number; workspaceId: string; by: ActorInput; processor: WebhookProcessor; secretKey: string | null; webhookSecret: string }): Promise<PaymentConnectorView> {
  const { store, now, workspaceId, processor } = input;
  const record = `payment connector ${processor}`;
  const shape = connectorKeyShapes[processor];
  if (shape.secretKey === null && input.secretKey !== null) throw new AppError('invalid_input', `secretKey: the ${processor} connector takes no API key`, { record, field: 'secretKey' });
  if (shape.secretKey !== null && input.secretKey !== null && !shape.secretKey.test(input.secretKey)) throw new AppError('invalid_input', `secretKey: expected ${shape.words}`, { record, field: 'secretKey' });
  if (!shape.webhookSecret.test(input.webhookSecret)) throw new AppError('invalid_input', `webhookSecret: expected ${shape.words}`, { record, field: 'webhookSecret' });
  const actor = auditActor(input.by);
  await store.transaction(async (tx) => {
    const before = await readForAudit(tx, workspaceId, processor);
    await tx.setPaymentConnector(workspaceId, { processor, secretKey: input.secretKey, webhookSecret: input.webhookSecret, setBy: actor.actor, setAt: now });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'connector.set',
      subject: record,
      before: maskedForAudit(before),
      after: { secretKey: input.secretKey && maskSecret(input.secretKey), webhookSecret: maskSecret(input.webhookSecret) },
    });
  });
  return { processor, secretKey: input.secretKey && maskSecret(input.secretKey), webhookSecret: maskSecret(input.webhookSecret), setBy: actor.actor, setAt: now, lastDeliveryAt: null, unreadable: false };
}

export async function listPaymentConnectors(input: { store: Store; workspaceId: string }): Promise<PaymentConnectorView[]> {
  const { store, workspaceId } = input;
  return Promise.all(
    (await store.listPaymentConnectors(workspaceId)).map(async ({ unreadable, ...connector }) => ({
      ...connector,
      secretKey: connector.secretKey && maskSecret(connector.secretKey),
      webhookSecret: unreadable ? '' : maskSecret(connector.webhookSecret),
      lastDeliveryAt: await store.latestWebhookDeliveryAt(workspaceId, connector.processor, connector.setAt),
      unreadable: unreadable === true,
    })),
  );
}

/** Removes a connector: its webhooks are refused (404) and, for Stripe, payers pay through the payment address, if any. Audited. */
export async function removePaymentConnector(input: { store: Store; now: number; workspaceId: string; by: ActorInput; processor: WebhookProcessor }): Promise<void> {
  const { store, now, workspaceId, processor } = input;
  const record = `payment connector ${processor}`;
  const actor = auditActor(input.by);
  await store.transaction(async (tx) => {
    const before = await readForAudit(tx, workspaceId, processor);
    if (!before || !(await tx.deletePaymentConnector(workspaceId, processor))) throw new AppError('not_found', `${record} is not set up in this organisation`, { record, field: 'processor' });
    await tx.appendAudit({ workspaceId, at: now, ...actor, action: 'connector.remove', subject: record, before: maskedForAudit(before), after: null });
  });
}

/** The connector as it was, for the audit trail; `unreadable` when its keys no longer open (so it can still be replaced or removed). */
async function readForAudit(tx: Store, workspaceId: string, processor: WebhookProcessor): Promise<StoredPaymentConnector | 'unreadable' | null> {
  try {
    return await tx.getPaymentConnector(workspaceId, processor);
  } catch (error) {
    if (error instanceof StorageError && (await tx.listPaymentConnectors(workspaceId)).some((connector) => connector.processor === processor && connector.unreadable)) return 'unreadable';
    throw error;
  }
}

function maskedForAudit(before: StoredPaymentConnector | 'unreadable' | null): JsonObject | null {
  if (before === null) return null;
  if (before === 'unreadable') return { keys: 'unreadable with this installation’s secret' };
  return { secretKey: before.secretKey && maskSecret(before.secretKey), webhookSecret: maskSecret(before.webhookSecret) };
}

/** The workspace's processor, made from its connector; null when the workspace has none for it. */
export async function openPaymentProcessor(input: { store: Store; workspaceId: string; processor: WebhookProcessor; create: CreatePaymentProcessor }): Promise<PaymentProcessor | null> {
  const connector = await input.store.getPaymentConnector(input.workspaceId, input.processor);
  return connector ? input.create({ secretKey: connector.secretKey, webhookSecret: connector.webhookSecret }) : null;
}
