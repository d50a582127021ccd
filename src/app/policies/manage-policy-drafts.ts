import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import { compareIssues, type PolicyIssue } from '../../core/policy/policy-issue.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { PolicyFile, Store, StoredPolicyVersion } from '../ports/store.ts';

// Drafts: the only policy a person edits. "New cadence" and "Edit" both start a draft, a copy of
// the live version (or of any version, or a bundle brought in); the live version keeps running
// until a draft is published. A draft may hold lint errors while it is worked on: the issues come
// back with every save, and publishing refuses a draft that has errors.

export interface DraftResult {
  version: StoredPolicyVersion;
  /** The linter's findings on the saved bundle, in file, line and column order. */
  issues: PolicyIssue[];
}

export function lintBundle(files: readonly PolicyFile[]): PolicyIssue[] {
  return [...loadPolicyBundle(files).issues].sort(compareIssues);
}

function checkFiles(files: readonly PolicyFile[]): void {
  files.forEach((file, index) => {
    if (!/\.ya?ml$/.test(file.path)) throw new AppError('invalid_input', `files[${index}].path "${file.path}" must end in .yaml or .yml`, { field: `files[${index}].path` });
  });
}

/** Numbers and paths of the files that changed: the audit trail's before and after of a save. */
function describeChange(before: readonly PolicyFile[], after: readonly PolicyFile[]) {
  const old = new Map(before.map((file) => [file.path, file.text]));
  const next = new Map(after.map((file) => [file.path, file.text]));
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort();
  return {
    added: paths.filter((path) => !old.has(path)),
    removed: paths.filter((path) => !next.has(path)),
    changed: paths.filter((path) => old.has(path) && next.has(path) && old.get(path) !== next.get(path)),
  };
}

export async function createPolicyDraft(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  /** The bundle to start from; absent: a copy of `basedOn`, or of the live version. */
  files?: readonly PolicyFile[];
  basedOn?: number;
  note?: string | null;
}): Promise<DraftResult> {
  const { store, now, workspaceId, by } = input;
  return store.transaction(async (tx) => {
    let basedOn: StoredPolicyVersion | null = null;
    if (input.basedOn !== undefined) {
      basedOn = await tx.getPolicyVersion(workspaceId, input.basedOn);
      if (!basedOn) throw new AppError('not_found', `policy version ${input.basedOn} does not exist in this organisation`, { field: 'basedOn' });
    } else if (input.files === undefined) {
      basedOn = await tx.getLivePolicyVersion(workspaceId);
      if (!basedOn) throw new AppError('invalid_input', 'the organisation has no published version to copy: give the files of the draft', { field: 'files' });
    }
    const files = input.files ?? basedOn!.bundle;
    checkFiles(files);
    const version = await tx.createPolicyDraft(workspaceId, { bundle: [...files], createdBy: auditActor(by).actor, basedOn: basedOn?.version ?? null, note: input.note ?? null });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: 'policy.draft',
      subject: `policy version ${version.version}`,
      detail: { basedOn: basedOn?.version ?? null, files: files.map((file) => file.path) },
      rationale: input.note ?? null,
    });
    return { version, issues: lintBundle(files) };
  });
}

export async function editPolicyDraft(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  version: number;
  files: readonly PolicyFile[];
  /** The draft's revision the editor started from. */
  revision: number;
  note?: string | null;
}): Promise<DraftResult> {
  const { store, now, workspaceId, by, version } = input;
  checkFiles(input.files);
  return store.transaction(async (tx) => {
    const before = await tx.getPolicyVersion(workspaceId, version);
    const result = await tx.editPolicyDraft(workspaceId, version, { bundle: [...input.files], revision: input.revision, ...(input.note !== undefined ? { note: input.note } : {}) });
    if (!result.ok) {
      const record = `policy version ${version}`;
      if (result.reason === 'missing') throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
      if (result.reason === 'published') {
        throw new AppError('conflict', `${record} is published, and a published version never changes: create a draft from it (basedOn: ${version}) and publish that`, { record, field: 'status' });
      }
      throw new AppError('conflict', `${record} was saved by someone else since revision ${input.revision} (it is at revision ${result.current?.revision}): reload the draft and make the change again`, { record, field: 'revision' });
    }
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: 'policy.edit',
      subject: `policy version ${version}`,
      before: { revision: input.revision },
      after: { revision: result.version.revision, ...describeChange(before?.bundle ?? [], input.files) },
      rationale: input.note ?? null,
    });
    return { version: result.version, issues: lintBundle(input.files) };
  });
}
