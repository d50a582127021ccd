import { loadPolicyBundle } from '../policy/load-policy-bundle.ts';
import type { Policy } from '../policy/policy-model.ts';
import { parsePortfolio } from '../portfolio/parse-portfolio.ts';
import type { EngineAction } from '../planning/engine-action.ts';
import { simulatePortfolio } from '../simulation/simulate-portfolio.ts';
import { toActionRecord } from '../simulation/format-actions.ts';
import { parseInstant } from '../time/parse-instant.ts';

// Test support: a policy written as YAML and data written as in DATA.json, run through the
// real loader and engine, so engine tests read like the spec.

export function policyFromYaml(text: string): Policy {
  const result = loadPolicyBundle([{ path: 'policy.yaml', text }]);
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  if (!result.policy || errors.length > 0) {
    throw new Error(`test policy has errors:\n${errors.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n')}`);
  }
  return result.policy;
}

export interface SimulateYamlInput {
  policy: string | Policy;
  data: unknown;
  from: string;
  to: string;
  tickMs?: number;
}

export function simulateActions({ policy, data, from, to, tickMs }: SimulateYamlInput): EngineAction[] {
  const parsed = parsePortfolio(data);
  if (!parsed.ok) throw new Error(`test data has problems: ${JSON.stringify(parsed.issues)}`);
  return simulatePortfolio({
    policy: typeof policy === 'string' ? policyFromYaml(policy) : policy,
    portfolio: parsed.portfolio,
    from: parseInstant(from)!,
    to: parseInstant(to)!,
    ...(tickMs ? { tickMs } : {}),
  });
}

/** The actions as `plixo simulate` prints them (plain JSON records). */
export function simulateYaml(input: SimulateYamlInput): Record<string, unknown>[] {
  return simulateActions(input).map(toActionRecord);
}
