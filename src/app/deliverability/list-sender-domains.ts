import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import type { Store } from '../ports/store.ts';

/**
 * The sending domains of a workspace: its live policy's senders, lower-cased, in policy order.
 * Empty when the workspace has no published policy (or one that no longer loads), so a job over
 * every workspace passes over it instead of failing.
 */
export async function listSenderDomains(store: Store, workspaceId: string): Promise<string[]> {
  const live = await store.getLivePolicyVersion(workspaceId);
  if (!live) return [];
  const senders = loadPolicyBundle(live.bundle).policy?.workspace.senders ?? [];
  return [...new Set(senders.map((sender) => normalizeDomain(sender.domain)))];
}

/** Domains compare without case and without the root's trailing dot, as DNS compares them. */
export function normalizeDomain(domain: string): string {
  const trimmed = domain.trim().toLowerCase();
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
