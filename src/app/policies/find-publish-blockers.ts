import type { PublishTarget } from '../../core/policy/apply-publish.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import type { InvoiceProjection } from '../../core/planning/project-next-actions.ts';
import type { Portfolio } from '../../core/portfolio/portfolio.ts';
import { publishBlocker } from '../../core/segments/segment-health.ts';
import type { Store } from '../ports/store.ts';
import { measureHealthUnder } from '../segments/measure-segment-health.ts';

/**
 * Why a publish to these segments is refused: each chosen segment, as the publish would make it,
 * whose contact coverage is under the publish gate (70 %). Empty: nothing stands in the way.
 */
export async function findPublishBlockers(
  store: Store,
  input: { workspaceId: string; segments: PublishTarget; policy: Policy; now: number; known?: { portfolio: Portfolio; projections: ReadonlyMap<string, InvoiceProjection> } },
): Promise<string[]> {
  const chosen = input.segments === 'all' ? null : new Set(input.segments);
  const health = await measureHealthUnder(store, input.workspaceId, input.policy, input.now, input.known);
  return health.filter((entry) => chosen === null || chosen.has(entry.segment)).flatMap((entry) => publishBlocker(entry) ?? []);
}
