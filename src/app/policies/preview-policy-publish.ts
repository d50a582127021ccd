import type { LivePolicy } from '../../core/policy/compose-live-policy.ts';
import { projectNextActions, stepOf, type InvoiceProjection } from '../../core/planning/project-next-actions.ts';
import type { EngineAction } from '../../core/planning/engine-action.ts';
import { AppError } from '../app-error.ts';
import { composePublishState, type VersionCache } from '../load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { Store } from '../ports/store.ts';
import { findPublishBlockers } from './find-publish-blockers.ts';
import { preparePolicyPublish, type PublishTarget } from './prepare-policy-publish.ts';

// The impact of a publish before it is made: the engine runs the workspace twice, with the policy
// as it is and as the publish would make it, from the same data and the same instant, and each
// open invoice's next action (within the horizon) is compared. An action differs when its kind,
// instant, step, template text, tone, recipients or assignee does.

export interface NextActionView {
  type: EngineAction['type'];
  at: string;
  /** 'cadence/step', or the reason of a task outside the cadence (a reply). */
  step: string | null;
  template: string | null;
  reason: string | null;
}

export interface InvoiceImpact {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  before: { segment: string | null; version: number | null; next: NextActionView | null };
  after: { segment: string | null; version: number | null; next: NextActionView | null };
}

export interface PublishPreview {
  version: number;
  segments: PublishTarget;
  /** Publish with these to be sure the publish is what was previewed. */
  expectedRevision: number;
  expectedDraftRevision: number | null;
  horizon: { from: string; to: string };
  /** Open invoices governed by a chosen segment before or after. */
  considered: number;
  changed: number;
  bySegment: { segment: string; considered: number; changed: number }[];
  /** Up to `sampleSize` changed invoices, by invoice id. */
  sample: InvoiceImpact[];
  /** Why the publish would be refused (a chosen segment under the 70 % contact-coverage gate); empty: it would not. */
  blockers: string[];
}

interface Projection {
  segment: string | null;
  version: number | null;
  fingerprint: string;
  view: NextActionView | null;
}

const day = 86_400_000;

function project(live: LivePolicy, projections: ReadonlyMap<string, InvoiceProjection>): Map<string, Projection> {
  const result = new Map<string, Projection>();
  for (const [invoiceId, { now: inspection, next: action }] of projections) {
    const segment = inspection?.segment?.name ?? null;
    const template = action?.template === undefined ? undefined : live.policy.templates.get(action.template);
    const view: NextActionView | null = action
      ? { type: action.type, at: new Date(action.at).toISOString(), step: stepOf(action, invoiceId), template: action.template?.replace(/@v\d+$/, '') ?? null, reason: action.reason ?? null }
      : null;
    const fingerprint = JSON.stringify([view?.type, view?.at, view?.step, view?.reason, template ?? null, action?.tone, action?.to, action?.assignTo]);
    result.set(invoiceId, { segment, version: segment === null ? null : (live.versionOfSegment.get(segment) ?? null), fingerprint, view });
  }
  return result;
}

export async function previewPolicyPublish(input: {
  store: Store;
  workspaceId: string;
  version: number;
  segments: PublishTarget;
  now: number;
  /** How far ahead to look for each invoice's next action; default 60 days. */
  horizonDays?: number;
  sampleSize?: number;
}): Promise<PublishPreview> {
  const { store, workspaceId, version, segments, now } = input;
  const horizonDays = input.horizonDays ?? 60;
  const sampleSize = input.sampleSize ?? 20;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const prepared = await preparePolicyPublish(store, { workspaceId, version, segments, now });
  const cache: VersionCache = new Map([[version, prepared.loaded]]);
  const portfolio = await loadWorkspacePortfolio(store, workspaceId);
  const start = planningStart(workspace, portfolio);
  const until = now + horizonDays * day;
  // Nothing published yet: every invoice's "before" is no outreach at all.
  const run = (live: LivePolicy) => projectNextActions({ policy: live.policy, portfolio, start, now, until });
  const currentPolicy = prepared.current.liveVersion === null ? null : await composePublishState(store, workspaceId, prepared.current, cache);
  const before = currentPolicy === null ? null : project(currentPolicy, run(currentPolicy));
  const proposedPolicy = await composePublishState(store, workspaceId, prepared.proposed, cache);
  const proposedProjections = run(proposedPolicy);
  const after = project(proposedPolicy, proposedProjections);
  const blockers = await findPublishBlockers(store, { workspaceId, segments, policy: proposedPolicy.policy, now, known: { portfolio, projections: proposedProjections } });
  const chosen = segments === 'all' ? null : new Set(segments);
  const inScope = (segment: string | null) => segment !== null && (chosen === null || chosen.has(segment));
  const bySegment = new Map<string, { considered: number; changed: number }>();
  const sample: InvoiceImpact[] = [];
  let considered = 0;
  let changed = 0;
  const open = portfolio.invoices.filter((invoice) => invoice.balanceMinor > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const invoice of open) {
    const was = before?.get(invoice.id) ?? null;
    const will = after.get(invoice.id)!;
    if (!inScope(was?.segment ?? null) && !inScope(will.segment)) continue;
    considered += 1;
    const differs = (was?.fingerprint ?? JSON.stringify(null)) !== will.fingerprint || (was?.segment ?? null) !== will.segment;
    const key = will.segment ?? was?.segment ?? '(none)';
    const counts = bySegment.get(key) ?? { considered: 0, changed: 0 };
    counts.considered += 1;
    if (differs) {
      counts.changed += 1;
      changed += 1;
      if (sample.length < sampleSize) {
        sample.push({
          invoiceId: invoice.id,
          invoiceNumber: invoice.number,
          customerId: invoice.customerId,
          before: { segment: was?.segment ?? null, version: was?.version ?? null, next: was?.view ?? null },
          after: { segment: will.segment, version: will.version, next: will.view },
        });
      }
    }
    bySegment.set(key, counts);
  }
  return {
    version,
    segments,
    expectedRevision: prepared.current.revision,
    expectedDraftRevision: prepared.target.status === 'draft' ? prepared.target.revision : null,
    horizon: { from: new Date(now).toISOString(), to: new Date(until).toISOString() },
    considered,
    changed,
    bySegment: [...bySegment].map(([segment, counts]) => ({ segment, ...counts })).sort((a, b) => (a.segment < b.segment ? -1 : 1)),
    sample,
    blockers,
  };
}
