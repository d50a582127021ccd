import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from '../policy/load-policy-bundle.ts';
import { buildPolicyFiles } from '../policy/testing/build-policy-files.ts';
import { describePlanProblems, findPlanProblems, includes, planHolding, planIncluding, withinLimits } from './plans.ts';

const rich = buildPolicyFiles({
  'cadence.yaml': `kind: Cadence
name: standard
tone: neutral
steps:
  - id: due
    day: 0
    template: reminder
  - id: call
    day: 10
    action: task
escalations:
  - id: no-response
    day: 21
    assignTo: operator
caps:
  discount:
    - upTo: 5%
    - approvers: [controller]
`,
  'segments.yaml': `kind: Segment
name: smb
priority: 10
match:
  customer.tags: { includes: smb }
cadence: standard
mode: shadow
---
kind: Segment
name: everyone
priority: 1000
cadence: standard
mode: shadow
`,
});

function policyOf(files: ReturnType<typeof buildPolicyFiles>) {
  const result = loadPolicyBundle(files);
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return result.policy!;
}

describe('plans', () => {
  it('gives Starter basic cadences only, and everything from Growth up', () => {
    expect(includes('starter', 'escalations')).toBe(false);
    expect(includes('starter', 'policy_as_code')).toBe(false);
    for (const plan of ['growth', 'scale', 'enterprise'] as const) expect(includes(plan, 'disputes')).toBe(true);
    expect(planIncluding('approvals')).toBe('growth');
  });

  it('lists what a policy uses beyond Starter, and nothing for Growth', () => {
    const policy = policyOf(rich);
    expect(findPlanProblems(policy, 'starter')).toEqual([
      { feature: 'segments', where: '2 segments (smb, everyone)' },
      { feature: 'escalations', where: 'cadence standard, escalation no-response' },
      { feature: 'task_steps', where: 'cadence standard, step call' },
      { feature: 'approvals', where: 'cadence standard, caps' },
    ]);
    expect(findPlanProblems(policy, 'growth')).toEqual([]);
    expect(describePlanProblems(findPlanProblems(policy, 'starter'), 'starter')).toMatch(/^the Starter plan does not include segments \(2 segments .*: the Growth plan does$/);
  });

  it('lets a basic policy run on Starter', () => {
    const basic = buildPolicyFiles({ 'cadence.yaml': 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\n' });
    expect(findPlanProblems(policyOf(basic), 'starter')).toEqual([]);
  });

  it('holds a portfolio in the smallest plan whose limits it fits', () => {
    expect(withinLimits('starter', { customers: 250, openBalance: 1_000_000 })).toBe(true);
    expect(withinLimits('starter', { customers: 251, openBalance: 10 })).toBe(false);
    expect(planHolding({ customers: 251, openBalance: 10 })).toBe('growth');
    expect(planHolding({ customers: 10, openBalance: 30_000_000 })).toBe('scale');
    expect(planHolding({ customers: 1_000_000, openBalance: 0 })).toBe('enterprise');
  });
});
