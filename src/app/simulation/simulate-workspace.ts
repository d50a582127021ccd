import type { EngineAction } from '../../core/planning/engine-action.ts';
import { simulatePortfolio } from '../../core/simulation/simulate-portfolio.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy, loadStoredVersion } from '../load-live-policy.ts';
import { loadWorkspacePortfolio } from '../load-workspace-portfolio.ts';
import type { Store } from '../ports/store.ts';

// The simulator: what the engine would do for one customer, or one segment, over a date range,
// with the organisation's invoices and events as they are now, under the live policy or any
// version (a draft included). Nothing is recorded or sent. Each message keeps its planned instant
// and the guardrails that moved it (weekend, holiday, quiet hours, caps, warm-up), in order.

const maxDays = 366;
/** A longer answer is cut here and says so; narrow the range or pick a customer. */
export const simulationActionLimit = 2000;

export interface SimulationInput {
  store: Store;
  workspaceId: string;
  from: number;
  to: number;
  customerId?: string;
  segment?: string;
  /** A stored version (draft or published); default the live policy as every segment runs it. */
  version?: number;
}

export interface SimulationResult {
  version: number | null;
  actions: EngineAction[];
  truncated: boolean;
}

export async function simulateWorkspace(input: SimulationInput): Promise<SimulationResult> {
  const { store, workspaceId, from, to } = input;
  if (!(to > from)) throw new AppError('invalid_input', 'to must be after from', { field: 'to' });
  if (to - from > maxDays * 86_400_000) throw new AppError('invalid_input', `the range is at most ${maxDays} days`, { field: 'to' });
  if (input.customerId === undefined && input.segment === undefined) throw new AppError('invalid_input', 'choose a customer or a segment to simulate', { field: 'customerId' });
  let policy;
  let version: number | null = null;
  if (input.version !== undefined) {
    const stored = await store.getPolicyVersion(workspaceId, input.version);
    if (!stored) throw new AppError('not_found', `policy version ${input.version} does not exist in this organisation`, { record: `policy version ${input.version}`, field: 'version' });
    policy = loadStoredVersion(stored).policy;
    version = stored.version;
  } else {
    policy = (await loadLivePolicy(store, workspaceId)).policy;
  }
  if (input.segment !== undefined && !policy.segments.some((segment) => segment.name === input.segment)) {
    throw new AppError('not_found', `segment "${input.segment}" is not in ${version === null ? 'the live policy' : `version ${version}`}; it has ${policy.segments.map((segment) => segment.name).join(', ')}`, { record: `segment ${input.segment}`, field: 'segment' });
  }
  const portfolio = await loadWorkspacePortfolio(store, workspaceId, input.customerId !== undefined ? { customerId: input.customerId } : undefined);
  if (input.customerId !== undefined && !portfolio.customers.some((customer) => customer.id === input.customerId)) {
    throw new AppError('not_found', `customer ${input.customerId} does not exist in this organisation`, { record: `customer ${input.customerId}`, field: 'customerId' });
  }
  const all = simulatePortfolio({ policy, portfolio, from, to });
  const actions = input.segment === undefined ? all : all.filter((action) => action.segment === input.segment);
  return { version, actions: actions.slice(0, simulationActionLimit), truncated: actions.length > simulationActionLimit };
}
