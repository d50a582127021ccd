import { loadPolicyBundle } from '../core/policy/load-policy-bundle.ts';
import { AppError } from './app-error.ts';
import type { PolicyFile, Store } from './ports/store.ts';

export interface ApplyPolicyResult {
  workspaceId: string;
  version: number;
  /** false when the bundle is the live version already: nothing was written. */
  changed: boolean;
  createdWorkspace: boolean;
}

function sameBundle(a: readonly PolicyFile[], b: readonly PolicyFile[]): boolean {
  const key = (files: readonly PolicyFile[]) => JSON.stringify([...files].sort((x, y) => (x.path < y.path ? -1 : 1)));
  return key(a) === key(b);
}

/**
 * Makes a bundle the workspace's published policy, as the next version (single-workspace
 * installs and policy-as-code). A bundle with lint errors is refused; the same bundle twice is
 * one version. The workspace is created from the bundle's Workspace document when missing.
 */
export async function applyPolicy({
  store,
  files,
  workspaceId,
  actor = 'system',
  now,
}: {
  store: Store;
  files: readonly PolicyFile[];
  workspaceId?: string;
  /** Who applied it, for the audit trail: 'cli:<os user>', a user's email. */
  actor?: string;
  /** When; default: the store's clock. */
  now?: number;
}): Promise<ApplyPolicyResult> {
  const result = loadPolicyBundle(files);
  const firstError = result.issues.find((issue) => issue.severity === 'error');
  if (!result.policy || firstError) {
    throw new AppError('policy_invalid', `the bundle has errors; first: ${firstError?.file}:${firstError?.line}:${firstError?.column}: ${firstError?.message}`);
  }
  const workspacePolicy = result.policy.workspace;
  const id = workspaceId ?? workspacePolicy.name ?? 'main';
  return store.transaction(async (tx) => {
    const existing = await tx.getWorkspace(id);
    if (!existing) {
      await tx.upsertWorkspace({
        id,
        name: workspacePolicy.branding.companyName,
        timeZone: workspacePolicy.timeZone,
        locale: workspacePolicy.locale,
        currency: workspacePolicy.currency,
      });
    }
    const versions = await tx.listPolicyVersions(id);
    const live = await tx.getLivePolicyVersion(id);
    if (live && sameBundle(live.bundle, files)) return { workspaceId: id, version: live.version, changed: false, createdWorkspace: false };
    const version = (versions.at(-1)?.version ?? 0) + 1;
    const saved = await tx.savePolicyVersion(id, { version, bundle: [...files], status: 'published' });
    await tx.appendAudit({
      workspaceId: id,
      at: now ?? saved.publishedAt ?? saved.createdAt,
      actor,
      action: 'policy.apply',
      subject: `policy version ${version}`,
      detail: { files: files.map((file) => file.path), previousVersion: live?.version ?? null },
    });
    return { workspaceId: id, version, changed: true, createdWorkspace: !existing };
  });
}
