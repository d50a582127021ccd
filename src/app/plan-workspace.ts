import { createEngine } from '../core/planning/create-engine.ts';
import type { EngineAction, EngineActionType } from '../core/planning/engine-action.ts';
import type { MoveReason } from '../core/planning/place-message.ts';
import { loadLivePolicy } from './load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from './load-workspace-portfolio.ts';
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
  /** The gap in planning recorded as a maintenance window, if any. */
  downtime: { from: number; to: number } | null;
  /** Why nothing was written, when another worker planned the workspace first. */
  skipped: string | null;
  /** The actions this pass recorded (an action covering several steps counts once), by type. */
  plannedByType: Partial<Record<EngineActionType, number>>;
  /** Of those, how many the guardrails moved later than planned, by each reason they moved for. */
  deferredByReason: Partial<Record<MoveReason, number>>;
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

function toRecordedActions(action: EngineAction, policyVersion: number, rendered?: RenderedAction): EngineActionInput[] {
  const base = { customerId: action.customer, type: action.type, at: action.at, reason: action.reason ?? null };
  const { snapshots: _snapshots, ...recorded } = action;
  // The version that decided it: the audit of "why did this go out" starts there.
  const payload = JSON.parse(JSON.stringify({ ...recorded, plannedAt: action.plannedAt ?? null, policyVersion, ...rendered }));
  return recordKeysOf(action).map((key) => ({ ...base, ...key, payload }));
}

export interface PlanWorkspaceInput {
  store: Store;
  workspaceId: string;
  now: number;
  links: MessageLinks;
  documents: DocumentRenderer;
  /**
   * The worker's downtime rule: when this workspace was last planned longer ago than this, the
   * gap becomes a `maintenance` window, so the engine treats steps planned inside it as late and
   * applies each cadence's catchUp (spec 3.3). Absent: time is taken as continuous (plixo run,
   * tests).
   */
  downtimeThresholdMs?: number;
}

/** The steps of an action not recorded yet; a consolidated message loses the ones already sent. */
function withoutRecordedSteps(action: EngineAction, recorded: ReadonlySet<string>): EngineAction | null {
  const keys = recordKeysOf(action);
  const fresh = keys.filter((key) => !recorded.has(rowKey(key)));
  if (fresh.length === 0) return null;
  if (fresh.length === keys.length || !action.steps) return action;
  // An import of history can consolidate a step that already went out on its own with a new one:
  // the message is rewritten for the new steps only, under their own key.
  const steps = action.steps.filter((step) => !recorded.has(rowKey({ invoiceId: step.invoice, cadence: step.cadence, step: step.step })));
  const invoices = action.invoices.filter((invoice) => steps.some((step) => step.invoice === invoice));
  const leadInvoice = action.leadInvoice !== undefined && invoices.includes(action.leadInvoice) ? action.leadInvoice : invoices[0];
  return { ...action, steps, invoices, ...(leadInvoice !== undefined ? { leadInvoice } : {}) };
}

export async function planWorkspace({ store, workspaceId, now, links, documents, downtimeThresholdMs }: PlanWorkspaceInput): Promise<PlanWorkspaceResult> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) return { decided: 0, recorded: 0, enqueued: 0, held: 0, downtime: null, skipped: null, plannedByType: {}, deferredByReason: {} };
  // Read before the data: the outbox's last look before sending compares events against it.
  const writtenAt = now;
  const plannedThrough = downtimeThresholdMs === undefined ? null : await store.getPlannedThrough(workspaceId);
  const downtime = plannedThrough !== null && downtimeThresholdMs !== undefined && now - plannedThrough > downtimeThresholdMs ? { from: plannedThrough, to: now } : null;
  const { policy, version: liveVersion, versionOfSegment } = await loadLivePolicy(store, workspaceId);
  const loaded = await loadWorkspacePortfolio(store, workspaceId);
  const portfolio = downtime
    ? { ...loaded, events: [...loaded.events, { type: 'maintenance' as const, at: downtime.from, from: downtime.from, to: downtime.to }].sort((a, b) => a.at - b.at) }
    : loaded;
  const start = planningStart(workspace, portfolio);
  const engine = createEngine({ policy, portfolio, start });
  const actions = engine.advanceTo(now + 1);
  // Only what is not recorded yet is rendered: a replayed tick costs no rendering.
  const recorded = new Set((await store.listEngineActions(workspaceId)).map(rowKey));
  const fresh = actions.flatMap((action) => withoutRecordedSteps(action, recorded) ?? []);
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
  const messages: { first: number; count: number; message: OutboxMessageInput }[] = [];
  const spans: { action: EngineAction; first: number; count: number }[] = [];
  let held = 0;
  for (const action of addressed) {
    const result = composed.get(action);
    const rendered: RenderedAction | undefined = result === undefined ? undefined : result.ok ? describeComposition(result) : { held: { ...result.failure } };
    const recordedRows = toRecordedActions(action, (action.segment === undefined ? undefined : versionOfSegment.get(action.segment)) ?? liveVersion, rendered);
    if (result !== undefined) {
      if (!result.ok) held += 1;
      messages.push({ first: rows.length, count: recordedRows.length, message: { ...buildOutboxMessage({ workspaceId, policy, action, actionKey: recordedRows[0]!.actionKey, composed: result }), writtenAt } });
    }
    spans.push({ action, first: rows.length, count: recordedRows.length });
    rows.push(...recordedRows);
  }
  // The decision, its message and the planned-through instant are written together: a crash
  // leaves all or none, and of two workers planning the same moment one writes and one skips.
  try {
    const result = await store.transaction(async (tx) => {
      if (downtimeThresholdMs !== undefined && (plannedThrough === null || now > plannedThrough)) {
        if (!(await tx.advancePlannedThrough(workspaceId, { from: plannedThrough, to: now }))) throw new PlannedElsewhere();
      }
      if (downtime) {
        const window = { from: new Date(downtime.from).toISOString(), to: new Date(downtime.to).toISOString() };
        await tx.appendEvents(workspaceId, [{ at: downtime.from, type: 'maintenance', payload: window }]);
        await tx.appendAudit({ workspaceId, at: now, actor: 'worker', action: 'worker.downtime', subject: `no planning from ${window.from} to ${window.to}`, detail: window });
      }
      const recordedResult = rows.length > 0 ? await tx.recordEngineActions(workspaceId, rows) : { insertedCount: 0, inserted: [] };
      // A message goes in only when this transaction recorded every step it covers.
      const ours = messages.filter(({ first, count }) => recordedResult.inserted.slice(first, first + count).every(Boolean)).map(({ message }) => message);
      const enqueued = ours.length > 0 ? await tx.enqueueOutboxMessages(workspaceId, ours) : { inserted: [] };
      const planned = spans.filter(({ first, count }) => recordedResult.inserted.slice(first, first + count).some(Boolean)).map(({ action }) => action);
      return { recorded: recordedResult.insertedCount, enqueued: enqueued.inserted.filter(Boolean).length, planned };
    });
    return { decided: actions.length, recorded: result.recorded, enqueued: result.enqueued, held, downtime, skipped: null, ...tallyPlanned(result.planned) };
  } catch (error) {
    if (error instanceof PlannedElsewhere) {
      return { decided: actions.length, recorded: 0, enqueued: 0, held: 0, downtime: null, skipped: 'another worker planned this workspace at the same time', plannedByType: {}, deferredByReason: {} };
    }
    throw error;
  }
}

class PlannedElsewhere extends Error {}

function tallyPlanned(actions: readonly EngineAction[]): Pick<PlanWorkspaceResult, 'plannedByType' | 'deferredByReason'> {
  const plannedByType: PlanWorkspaceResult['plannedByType'] = {};
  const deferredByReason: PlanWorkspaceResult['deferredByReason'] = {};
  for (const action of actions) {
    plannedByType[action.type] = (plannedByType[action.type] ?? 0) + 1;
    for (const reason of new Set(action.moves ?? [])) deferredByReason[reason] = (deferredByReason[reason] ?? 0) + 1;
  }
  return { plannedByType, deferredByReason };
}
