import type { Policy } from '../policy/policy-model.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { Instant } from '../time/time-zone.ts';
import { createEngine } from '../planning/create-engine.ts';
import { compareActions, type EngineAction } from '../planning/engine-action.ts';

export interface SimulateInput {
  policy: Policy;
  portfolio: Portfolio;
  from: Instant;
  to: Instant;
  /** Advance the clock in steps of this many ms; absent: jump from event to event. */
  tickMs?: number;
}

/** Runs the engine over [from, to) on a simulated clock (spec section 5). */
export function simulatePortfolio({ policy, portfolio, from, to, tickMs }: SimulateInput): EngineAction[] {
  const engine = createEngine({ policy, portfolio, start: from });
  if (!tickMs) return engine.advanceTo(to);
  const actions: EngineAction[] = [];
  for (let tick = from + tickMs; ; tick += tickMs) {
    actions.push(...engine.advanceTo(Math.min(tick, to)));
    if (tick >= to) break;
  }
  return actions.sort(compareActions);
}
