import type { EngineActionType } from '../../core/planning/engine-action.ts';
import type { MoveReason } from '../../core/planning/place-message.ts';
import type { DeferralCause, FailureCause, WithdrawalCause } from '../delivery/delivery-causes.ts';
import type { ScheduledJobName } from './operations-store.ts';
import type { WebhookProcessor } from './payment-store.ts';

// What the worker, the jobs and the HTTP server tell the metrics: counts and durations, each with
// a closed list of labels. The Prometheus adapter (adapters/metrics) turns them into series; the
// engine and the use cases know nothing of it. `workspaceId` is passed where an adapter may count
// per organisation if an operator asks for it (a handful of organisations); labels never carry
// invoice ids, addresses or anything a payer wrote.

export type MessageSettlement =
  | { outcome: 'sent' }
  | { outcome: 'failed'; cause: FailureCause }
  | { outcome: 'withdrawn'; cause: WithdrawalCause }
  | { outcome: 'deferred'; cause: DeferralCause };

/**
 * How a payment webhook delivery ended at the door: applied, waiting (for its payment), ignored
 * (nothing to do) or received (stored, to be applied again later); a duplicate of one stored
 * before; refused (empty, or its signature did not verify); or for an organisation without that connector.
 */
export const webhookOutcomes = ['applied', 'waiting', 'ignored', 'received', 'duplicate', 'refused', 'no_connector'] as const;
export type WebhookOutcome = (typeof webhookOutcomes)[number];

export interface Metrics {
  /** Actions a planning pass recorded in a workspace, by type; and those the guardrails moved, by reason. */
  countPlannedActions(input: { workspaceId: string; byType: Partial<Record<EngineActionType, number>>; deferredByReason: Partial<Record<MoveReason, number>> }): void;
  /** A message sent, failed, withdrawn (before sending, or a stale draft) or deferred for a later attempt. */
  countMessage(input: { workspaceId: string; count?: number } & MessageSettlement): void;
  observeTick(input: { durationMs: number }): void;
  observeJob(input: { job: ScheduledJobName; status: 'ok' | 'failed'; durationMs: number }): void;
  countWebhookDelivery(input: { processor: WebhookProcessor; outcome: WebhookOutcome }): void;
  /** `route` is the route's pattern (`/api/orgs/:orgId/invoices`), never the address asked for. */
  observeHttpRequest(input: { method: string; route: string; statusCode: number; durationMs: number }): void;
  countRetention(input: { droppedBodies: number; deletedMessages: number }): void;
}

/** Counts nothing: the default wherever no metrics are wired (tests, `plixo run`). */
export const noMetrics: Metrics = {
  countPlannedActions() {},
  countMessage() {},
  observeTick() {},
  observeJob() {},
  countWebhookDelivery() {},
  observeHttpRequest() {},
  countRetention() {},
};
