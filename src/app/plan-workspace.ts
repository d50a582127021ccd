import { createEngine } from '../core/planning/create-engine.ts';
import type { EngineAction } from '../core/planning/engine-action.ts';
import { loadLivePolicy } from './load-live-policy.ts';
import { loadWorkspacePortfolio } from './load-workspace-portfolio.ts';
import { buildOutboxMessage } from './delivery/build-outbox-message.ts';
import type { ComposeResult } from './messages/compose-message.ts';
import { composeActions, describeComposition, type RenderedAction } from './messages/render-actions.ts';
import type { OutboxMessageInput } from './ports/outbox-store.ts';
import type { DocumentRenderer, MessageLinks } from './ports/documents.ts';
import type { EngineActionInput, Store } from './ports/store.ts';

// One worker tick for one workspace: run the engine up to `now` and record what it decided.
// The engine is deterministic, so running it again over the same data decides the same
// actions; the store's unique (invoice, cadence, step) key makes recording them idempotent.

export interface PlanWorkspaceResult {
  decided: number;
  recorded: number;
  /** New messages in the outbox: queued to send, drafts for review, or held. */
  enqueued: number;
  /** Messages that could not be rendered (a missing value): recorded with the reason, not sent. */
  held: number;
}

interface RecordKey {
  invoiceId: string;
  cadence: string;
  step: string;
  actionKey: string;
}

/**
 * The keys under which an action is recorded: one row per invoice and step it covers. Tasks from
 * events (a reply, a broken promise) belong to no cadence step: their reason and instant key them.
 */
function recordKeysOf(action: EngineAction): RecordKey[] {
  if (action.steps && action.steps.length > 0) {
    const actionKey = `${action.type}:${action.customer}:${action.steps.map((step) => `${step.invoice}/${step.cadence}/${step.step}`).join('+')}`;
    return action.steps.map((step) => ({ invoiceId: step.invoice, cadence: step.cadence, step: step.step, actionKey }));
  }
  const step = `${action.reason ?? action.type}@${new Date(action.at).toISOString()}`;
  const actionKey = `${action.type}:${action.customer}:${step}`;
  return action.invoices.map((invoiceId) => ({ invoiceId, cadence: '', step, actionKey }));
}

function rowKey(key: { invoiceId: string; cadence: string; step: string }): string {
  return `${key.invoiceId}/${key.cadence}/${key.step}`;
}

export function toRecordedActions(action: EngineAction, rendered?: RenderedAction): EngineActionInput[] {
  const base = { customerId: action.customer, type: action.type, at: action.at, reason: action.reason ?? null };
  const { snapshots: _snapshots, ...recorded } = action;
  const payload = JSON.parse(JSON.stringify({ ...recorded, plannedAt: action.plannedAt ?? null, ...rendered }));
  return recordKeysOf(action).map((key) => ({ ...base, ...key, payload }));
}

export interface PlanWorkspaceInput {
  store: Store;
  workspaceId: string;
  now: number;
  links: MessageLinks;
  documents: DocumentRenderer;
}

export async function planWorkspace({ store, workspaceId, now, links, documents }: PlanWorkspaceInput): Promise<PlanWorkspaceResult> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) return { decided: 0, recorded: 0, enqueued: 0, held: 0 };
  const { policy } = await loadLivePolicy(store, workspaceId);
  const portfolio = await loadWorkspacePortfolio(store, workspaceId);
  // The engine starts when Plixo first knew anything: the workspace's creation, or an earlier
  // invoice brought in with its own knownAt (an import of history).
  const start = Math.min(workspace.createdAt, ...portfolio.invoices.map((invoice) => invoice.knownAt ?? workspace.createdAt));
  const engine = createEngine({ policy, portfolio, start });
  const actions = engine.advanceTo(now + 1);
  // Only what is not recorded yet is rendered: a replayed tick costs no rendering.
  const recorded = new Set((await store.listEngineActions(workspaceId)).map(rowKey));
  const fresh = actions.filter((action) => recordKeysOf(action).some((key) => !recorded.has(rowKey(key))));
  // The suppression list is honoured here, at the moment of deciding: suppressed addresses leave
  // the recipients, and a message left with none is held with that reason.
  const suppressed = new Set((await store.listSuppressions(workspaceId, { activeAt: now })).map((entry) => entry.email));
  const addressed = fresh.map((action) =>
    action.to ? { ...action, to: action.to.filter((address) => !suppressed.has(address.toLowerCase())) } : action,
  );
  const unreachable = addressed.filter((action) => (action.type === 'send' || action.type === 'draft') && action.to?.length === 0);
  const composed: Map<EngineAction, ComposeResult | { ok: false; failure: { reason: string; description: string } }> = await composeActions({
    workspaceId,
    policy,
    portfolio,
    actions: addressed.filter((action) => !unreachable.includes(action)),
    links,
    documents,
  });
  for (const action of unreachable) composed.set(action, { ok: false, failure: { reason: 'suppressed', description: 'every recipient is on the suppression list' } });
  const rows: EngineActionInput[] = [];
  const messages: OutboxMessageInput[] = [];
  let held = 0;
  for (const action of addressed) {
    const result = composed.get(action);
    const rendered: RenderedAction | undefined = result === undefined ? undefined : result.ok ? describeComposition(result) : { held: { ...result.failure } };
    const recorded = toRecordedActions(action, rendered);
    rows.push(...recorded);
    if (result === undefined) continue;
    if (!result.ok) held += 1;
    messages.push(buildOutboxMessage({ workspaceId, policy, action, actionKey: recorded[0]!.actionKey, composed: result }));
  }
  // The decision and its message are written together: a crash leaves both or neither, and a
  // message already in the outbox (a replayed tick, another worker) is not enqueued twice.
  const result = await store.transaction(async (tx) => {
    const recordedResult = rows.length > 0 ? await tx.recordEngineActions(workspaceId, rows) : { insertedCount: 0 };
    const enqueued = messages.length > 0 ? await tx.enqueueOutboxMessages(workspaceId, messages) : { inserted: [] };
    return { recorded: recordedResult.insertedCount, enqueued: enqueued.inserted.filter(Boolean).length };
  });
  return { decided: actions.length, recorded: result.recorded, enqueued: result.enqueued, held };
}
