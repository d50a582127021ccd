import { describeMissingFeature, findPlanProblems, listPlanProblems, planHolding, planLimits, planNames, withinLimits, type Plan, type PlanFeature } from '../../core/access/plans.ts';
import { currencyDigits } from '../../core/money/money.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { Store, StoredWorkspace } from '../ports/store.ts';
import { auditActor, type ActorInput } from './actor.ts';

// An organisation's plan: what it holds against the plan's limits, and changing the plan. The
// open balance adds every currency at face value (no exchange rates): the limits are coarse
// bands, and an A/R team reads them as such.

export interface PlanUsage {
  customers: number;
  /** Major units, all currencies added at face value. */
  openBalance: number;
}

export async function measurePlanUsage(store: Store, workspaceId: string): Promise<PlanUsage> {
  const { customers, openBalances } = await store.measurePortfolio(workspaceId);
  const openBalance = openBalances.reduce((sum, { currency, balanceMinor }) => sum + balanceMinor / 10 ** currencyDigits(currency), 0);
  return { customers, openBalance };
}

const count = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** Refuses (plan_required, naming the plan that holds it) when the workspace outgrew its plan; `what` says what would make it so. */
export async function requireWithinPlan(store: Store, workspaceId: string, plan: Plan, what: string): Promise<void> {
  const usage = await measurePlanUsage(store, workspaceId);
  if (withinLimits(plan, usage)) return;
  const limits = planLimits[plan];
  throw new AppError(
    'plan_required',
    `${what} would bring the organisation to ${count(usage.customers)} customers and ${count(usage.openBalance)} of open balance; the ${planNames[plan]} plan holds ${count(limits.customers ?? Infinity)} customers and ${count(limits.openBalance ?? Infinity)}: the ${planNames[planHolding(usage)]} plan holds this`,
  );
}

/** Refuses (plan_required, naming the plan that has it) what the workspace's plan does not include. */
export function requirePlanFeature(workspace: StoredWorkspace, feature: PlanFeature): void {
  const missing = describeMissingFeature(workspace.plan, feature);
  if (missing !== null) throw new AppError('plan_required', missing);
}

export async function setOrganisationPlan(input: { store: Store; now: number; workspaceId: string; by: ActorInput; plan: Plan; rationale?: string | null }) {
  const { store, now, workspaceId, by, plan } = input;
  return store.transaction(async (tx) => {
    const workspace = await tx.getWorkspace(workspaceId);
    if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
    if (workspace.plan === plan) return workspace;
    await requireWithinPlan(tx, workspaceId, plan, `the ${planNames[plan]} plan`);
    // A smaller plan must still run the live policy: escalations, tasks and caps do not vanish silently.
    if ((await tx.getPolicyPublishState(workspaceId)).liveVersion !== null) {
      const live = await loadLivePolicy(tx, workspaceId);
      const problems = findPlanProblems(live.policy, plan);
      if (problems.length > 0) {
        throw new AppError('conflict', `the live policy uses what the ${planNames[plan]} plan does not include: ${listPlanProblems(problems)}; publish a policy without them first`);
      }
    }
    const updated = await tx.upsertWorkspace({ ...workspace, plan });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'organisation.plan', subject: `organisation ${workspaceId}`, before: { plan: workspace.plan }, after: { plan }, rationale: input.rationale ?? null });
    return updated;
  });
}
