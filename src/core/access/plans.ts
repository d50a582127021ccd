import type { Policy } from '../policy/policy-model.ts';
import { plans } from '../policy/policy-schema.ts';

// What each plan includes: the one place the tiers live (docs/plans.md describes them).
// Starter is basic cadences: email steps, one default segment, no escalations, no caps and
// approvals, no policy-as-code API, no disputes. Growth and up include everything; the plans
// above Starter differ in how much they hold (customers and open A/R balance).

export type Plan = (typeof plans)[number];

export const planNames: Record<Plan, string> = { starter: 'Starter', growth: 'Growth', scale: 'Scale', enterprise: 'Enterprise' };

export const planFeatures = {
  escalations: 'escalations to people when a customer does not respond',
  approvals: 'discount and credit caps with approvals, and payment-plan approvals',
  task_steps: 'task steps in cadences (calls and manual follow-ups)',
  segments: 'more than one segment',
  policy_as_code: 'the policy-as-code API (API tokens on policy routes, plixo policy publish)',
  disputes: 'disputes with reason codes and SLAs',
} as const;

export type PlanFeature = keyof typeof planFeatures;

const included: Record<Plan, readonly PlanFeature[]> = {
  starter: [],
  growth: Object.keys(planFeatures) as PlanFeature[],
  scale: Object.keys(planFeatures) as PlanFeature[],
  enterprise: Object.keys(planFeatures) as PlanFeature[],
};

export interface PlanLimits {
  /** null: no limit. */
  customers: number | null;
  /** The open A/R balance, in major units, summed over currencies at face value; null: no limit. */
  openBalance: number | null;
}

export const planLimits: Record<Plan, PlanLimits> = {
  starter: { customers: 250, openBalance: 1_000_000 },
  growth: { customers: 5_000, openBalance: 25_000_000 },
  scale: { customers: 50_000, openBalance: 500_000_000 },
  enterprise: { customers: null, openBalance: null },
};

export function includes(plan: Plan, feature: PlanFeature): boolean {
  return included[plan].includes(feature);
}

/** The first plan that includes the feature, for "needs the Growth plan". */
export function planIncluding(feature: PlanFeature): Plan {
  return plans.find((plan) => includes(plan, feature))!;
}

/** The first plan whose limits hold `usage`. */
export function planHolding(usage: { customers: number; openBalance: number }): Plan {
  return plans.find((plan) => withinLimits(plan, usage))!;
}

export function withinLimits(plan: Plan, usage: { customers: number; openBalance: number }): boolean {
  const limits = planLimits[plan];
  return (limits.customers === null || usage.customers <= limits.customers) && (limits.openBalance === null || usage.openBalance <= limits.openBalance);
}

export interface PlanProblem {
  feature: PlanFeature;
  /** Where in the policy: 'cadence standard, escalation no-response'. */
  where: string;
}

/** What a policy uses that the plan does not include, in the order a reader meets it. */
export function findPlanProblems(policy: Policy, plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (feature: PlanFeature, where: string) => {
    if (!includes(plan, feature)) problems.push({ feature, where });
  };
  if (policy.segments.length > 1) add('segments', `${policy.segments.length} segments (${policy.segments.map((segment) => segment.name).join(', ')})`);
  const cadences = [...new Map(policy.segments.map((segment) => [segment.cadence.name, segment.cadence])).values()];
  for (const cadence of cadences) {
    for (const escalation of cadence.escalations) add('escalations', `cadence ${cadence.name}, escalation ${escalation.id}`);
    for (const step of cadence.steps) if (step.action === 'task') add('task_steps', `cadence ${cadence.name}, step ${step.id}`);
    const tiers = [...cadence.caps.discount, ...cadence.caps.credit];
    if (tiers.some((tier) => tier.approvers.length > 0)) add('approvals', `cadence ${cadence.name}, caps`);
  }
  return problems;
}

/** "escalations (cadence standard, escalation no-response); task steps (…)": the problems in one line. */
export function listPlanProblems(problems: readonly PlanProblem[]): string {
  return problems.map((problem) => `${problem.feature.replace('_', ' ')} (${problem.where})`).join('; ');
}

/** "the Starter plan does not include escalations (…): the Growth plan does". */
export function describePlanProblems(problems: readonly PlanProblem[], plan: Plan): string {
  return `the ${planNames[plan]} plan does not include ${listPlanProblems(problems)}: the ${planNames[planIncluding(problems[0]!.feature)]} plan does`;
}

/** Why a plan refuses a feature, naming the plan that has it. */
export function describeMissingFeature(plan: Plan, feature: PlanFeature): string | null {
  return includes(plan, feature) ? null : `the ${planNames[plan]} plan does not include ${planFeatures[feature]}: the ${planNames[planIncluding(feature)]} plan does`;
}
