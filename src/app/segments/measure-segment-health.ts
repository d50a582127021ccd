import type { Policy } from '../../core/policy/policy-model.ts';
import { projectNextActions, type InvoiceProjection } from '../../core/planning/project-next-actions.ts';
import type { Portfolio } from '../../core/portfolio/portfolio.ts';
import { autopilotBlockers, healthThresholds, measureSegmentHealth, publishBlocker, type SegmentHealth } from '../../core/segments/segment-health.ts';
import { AppError } from '../app-error.ts';
import { listPromises } from '../collections/record-promise.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { SegmentMode } from '../ports/segment-mode-store.ts';
import type { Store } from '../ports/store.ts';

// Each segment's health as the gates read it: the engine runs to now, so every open invoice is
// counted in the segment that governs it now (its balance after payments and credits, its days
// past due). A message or a payment counts in the segment of its invoice now.

const day = 86_400_000;

/** The health of every segment of `policy` (the live one, or the one a publish would make). */
export async function measureHealthUnder(
  store: Store,
  workspaceId: string,
  policy: Policy,
  now: number,
  /** The engine's run to now under `policy`, when the caller has it already (the impact preview). */
  known?: { portfolio: Portfolio; projections: ReadonlyMap<string, InvoiceProjection> },
): Promise<SegmentHealth[]> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const portfolio = known?.portfolio ?? (await loadWorkspacePortfolio(store, workspaceId));
  const projections = known?.projections ?? projectNextActions({ policy, portfolio, start: planningStart(workspace, portfolio), now, until: now + 1 });
  const segmentOf = new Map<string, string>();
  const openInvoices: { id: string; customerId: string; segment: string }[] = [];
  for (const invoice of portfolio.invoices) {
    const inspection = projections.get(invoice.id)?.now ?? null;
    const segment = inspection?.segment?.name;
    if (segment === undefined) continue;
    segmentOf.set(invoice.id, segment);
    if ((inspection?.snapshot.balanceMinor ?? invoice.balanceMinor) > 0) openInvoices.push({ id: invoice.id, customerId: invoice.customerId, segment });
  }
  const suppressed = new Set((await store.listSuppressions(workspaceId, { activeAt: now })).map((entry) => entry.email.toLowerCase()));
  const reachable = new Set(
    portfolio.customers.filter((customer) => customer.contacts.some((contact) => contact.email !== null && !suppressed.has(contact.email.toLowerCase()))).map((customer) => customer.id),
  );
  const disputed = new Set<string>();
  for (const event of portfolio.events) {
    if (event.type === 'dispute') disputed.add(event.invoiceId);
    if (event.type === 'dispute_resolved') disputed.delete(event.invoiceId);
  }
  const bounceSince = now - healthThresholds.bounceWindowDays * day;
  const messages = (await store.listOutboxMessages(workspaceId, { statuses: ['sent', 'failed'], limit: 10_000_000 }))
    .filter((message) => message.sentAt !== null && message.sentAt >= bounceSince && message.sentAt <= now)
    .flatMap((message) => {
      const segment = message.invoiceIds.map((id) => segmentOf.get(id)).find((name) => name !== undefined);
      return segment === undefined ? [] : [{ segment, bounced: message.bouncedAt !== null }];
    });
  const promises = (await listPromises({ store, now, workspaceId })).flatMap((promise) => {
    const segment = segmentOf.get(promise.invoiceId);
    return segment === undefined ? [] : [{ segment, status: promise.status }];
  });
  // A reversal is a `payment_reversed` event (a refund or a chargeback of a payment); the rate
  // is reversals over payments, both counted in the trailing window.
  const reversalSince = now - healthThresholds.reversalWindowDays * day;
  const payments = (await store.listEvents(workspaceId, { sinceAt: reversalSince }))
    .filter((event) => (event.type === 'payment' || event.type === 'payment_reversed') && event.invoiceId !== null && event.at <= now)
    .flatMap((event) => {
      const segment = segmentOf.get(event.invoiceId!);
      return segment === undefined ? [] : [{ segment, reversal: event.type === 'payment_reversed' }];
    });
  return measureSegmentHealth({
    segments: policy.segments.map((segment) => segment.name),
    invoices: openInvoices.map((invoice) => ({ segment: invoice.segment, reachable: reachable.has(invoice.customerId), disputed: disputed.has(invoice.id) })),
    messages,
    promises,
    payments,
  });
}

export interface SegmentView {
  segment: string;
  priority: number;
  cadence: string;
  /** The published version the segment runs. */
  version: number;
  mode: SegmentMode;
  /** The mode of the segment's published file, which applies until someone switches it. */
  fileMode: SegmentMode;
  switchedBy: string | null;
  switchedAt: number | null;
  switchReason: string | null;
  health: SegmentHealth;
  /** Why Autopilot may not go on now; empty: it may. */
  autopilotBlockers: string[];
  /** Why a publish to it is refused now; null: it is not. */
  publishBlocker: string | null;
}

/** Every segment of the live policy with its mode, who switched it, its health and its gates. */
export async function listSegments(input: { store: Store; workspaceId: string; now: number }): Promise<SegmentView[]> {
  const { store, workspaceId, now } = input;
  const live = await loadLivePolicy(store, workspaceId);
  const settings = new Map((await store.listSegmentModes(workspaceId)).map((setting) => [setting.segment, setting]));
  const health = new Map((await measureHealthUnder(store, workspaceId, live.policy, now)).map((entry) => [entry.segment, entry]));
  return live.policy.segments.map((segment) => {
    const setting = settings.get(segment.name);
    const segmentHealth = health.get(segment.name)!;
    return {
      segment: segment.name,
      priority: segment.priority,
      cadence: segment.cadence.name.replace(/@v\d+$/, ''),
      version: live.versionOfSegment.get(segment.name) ?? live.version,
      mode: segment.mode,
      fileMode: live.fileModes.get(segment.name) ?? segment.mode,
      switchedBy: setting?.setBy ?? null,
      switchedAt: setting?.setAt ?? null,
      switchReason: setting?.reason ?? null,
      health: segmentHealth,
      autopilotBlockers: autopilotBlockers(segmentHealth),
      publishBlocker: publishBlocker(segmentHealth),
    };
  });
}
