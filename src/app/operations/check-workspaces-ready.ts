import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import type { PolicyIssue } from '../../core/policy/policy-issue.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import type { SendingDomainState } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import type { ReadinessStatus } from './readiness-report.ts';

// The readiness checks that look into each workspace: its live policy and its sending domains.

export interface LoadedWorkspacePolicy {
  workspaceId: string;
  /** The live (highest published) version, or null when none is published. */
  version: number | null;
  /** null when there is no live version or it does not load. */
  policy: Policy | null;
  /** The live version's errors, missing templates first (as `plixo policy lint` reports them). */
  errors: PolicyIssue[];
  /** Draft versions above the live one: edited, not published. */
  newerDrafts: number[];
}

interface CheckResult {
  status: ReadinessStatus;
  detail: string;
}

export async function loadLivePolicies(store: Store): Promise<LoadedWorkspacePolicy[]> {
  const workspaces = await store.listWorkspaces();
  return Promise.all(
    workspaces.map(async ({ id }): Promise<LoadedWorkspacePolicy> => {
      const versions = await store.listPolicyVersions(id);
      const live = await store.getLivePolicyVersion(id);
      const newerDrafts = versions.filter((version) => version.status === 'draft' && version.version > (live?.version ?? 0)).map((version) => version.version);
      if (!live) return { workspaceId: id, version: null, policy: null, errors: [], newerDrafts };
      const loaded = loadPolicyBundle(live.bundle);
      const errors = loaded.issues.filter((issue) => issue.severity === 'error');
      const ordered = [...errors.filter((issue) => issue.code === 'missing-template'), ...errors.filter((issue) => issue.code !== 'missing-template')];
      return { workspaceId: id, version: live.version, policy: errors.length === 0 ? loaded.policy : null, errors: ordered, newerDrafts };
    }),
  );
}

/** Every workspace runs a published version that loads: its cadences' templates exist, its segments resolve. */
export function checkPolicies(loads: readonly LoadedWorkspacePolicy[]): CheckResult {
  if (loads.length === 0) return { status: 'warn', detail: 'no workspace yet' };
  return combine(
    loads.map((load): CheckResult => {
      const drafts = load.newerDrafts.length > 0 ? ` (draft ${load.newerDrafts.join(', ')} not published)` : '';
      if (load.version === null) {
        return { status: 'fail', detail: `${load.workspaceId}: no published policy version, so none of its segments run${drafts}` };
      }
      const [first] = load.errors;
      if (first || !load.policy) {
        const count = load.errors.length === 1 ? '1 error' : `${load.errors.length} errors`;
        const where = first ? `; first: ${first.file}:${first.line}:${first.column}: ${first.message}` : '';
        return { status: 'fail', detail: `${load.workspaceId}: live version ${load.version} does not load (${count})${where}` };
      }
      const segments = load.policy.segments.length;
      return { status: 'pass', detail: `${load.workspaceId}: version ${load.version}, ${segments} segment${segments === 1 ? '' : 's'}${drafts}` };
    }),
  );
}

/**
 * The domains a workspace's messages leave from (its first sender, and any a segment names) have
 * a passing DNS check and are not paused. Workspaces whose policy does not load are left to the
 * policies check.
 */
export async function checkSendingDomains(store: Store, loads: readonly LoadedWorkspacePolicy[]): Promise<CheckResult> {
  const loaded = loads.filter((load): load is LoadedWorkspacePolicy & { policy: Policy } => load.policy !== null);
  if (loaded.length === 0) return { status: 'warn', detail: loads.length === 0 ? 'no workspace yet' : 'no workspace with a loadable policy to check' };
  const results = await Promise.all(
    loaded.map(async ({ workspaceId, policy }): Promise<CheckResult[]> => {
      const domains = sendingDomainsOf(policy);
      if (domains.length === 0) return [{ status: 'fail', detail: `${workspaceId}: the policy names no sending domain, so its messages are held` }];
      const states = await store.listSendingDomains(workspaceId);
      return domains.map((domain) => judgeDomain(workspaceId, domain, states.find((state) => state.domain.toLowerCase() === domain)));
    }),
  );
  return combine(results.flat());
}

function sendingDomainsOf(policy: Policy): string[] {
  const named = [policy.workspace.senders[0]?.domain, ...policy.segments.map((segment) => segment.sender?.domain)];
  return [...new Set(named.filter((domain): domain is string => domain !== undefined).map((domain) => domain.toLowerCase()))];
}

function judgeDomain(workspaceId: string, domain: string, state: SendingDomainState | undefined): CheckResult {
  const name = `${workspaceId} ${domain}`;
  if (state?.paused) return { status: 'fail', detail: `${name}: paused${state.pausedReason ? ` (${state.pausedReason})` : ''}` };
  if (!state || state.status === null || state.lastCheckedAt === null) return { status: 'warn', detail: `${name}: DNS never checked` };
  const checked = `checked ${new Date(state.lastCheckedAt).toISOString()}`;
  if (state.status === 'pass') return { status: 'pass', detail: `${name}: SPF, DKIM and DMARC pass (${checked})` };
  const parts = (['spf', 'dkim', 'dmarc'] as const).filter((part) => state[part] !== 'pass').map((part) => `${part.toUpperCase()} ${state[part] ?? 'unknown'}`);
  return { status: state.status, detail: `${name}: ${parts.join(', ')} (${checked})` };
}

/** The worst status; the details of the worst first, so the reason leads. */
function combine(results: readonly CheckResult[]): CheckResult {
  const order: Record<ReadinessStatus, number> = { fail: 0, warn: 1, pass: 2 };
  const sorted = [...results].sort((a, b) => order[a.status] - order[b.status]);
  return { status: sorted[0]?.status ?? 'pass', detail: sorted.map((result) => result.detail).join('; ') };
}
