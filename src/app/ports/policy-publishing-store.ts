import type { PublishedState, PublishTarget } from '../../core/policy/apply-publish.ts';


// Policies as versions: drafts are edited, publishing freezes one and gives it to segments.
// A workspace has a live version, which every segment runs unless a publish to chosen segments
// gave a segment another one, and a publish revision that every publish advances: a publish
// names the revision it was previewed against, so of two concurrent publishes one wins.

export interface PolicyFile {
  path: string;
  text: string;
}

export type PolicyVersionStatus = 'draft' | 'published';

export interface PolicyVersionInput {
  version: number;
  bundle: PolicyFile[];
  status: PolicyVersionStatus;
  /** Defaults to now when the status is 'published'. */
  publishedAt?: number | null;
}

export interface StoredPolicyVersion {
  workspaceId: string;
  version: number;
  bundle: PolicyFile[];
  status: PolicyVersionStatus;
  createdAt: number;
  publishedAt: number | null;
  /** Each edit of a draft advances it: an editor saving from an older read is refused. */
  revision: number;
  /** Who created it and who published it: a user's email, 'cli:<os user>', 'system'. */
  createdBy: string | null;
  publishedBy: string | null;
  /** The version a draft was copied from. */
  basedOn: number | null;
  note: string | null;
}

export interface PolicyDraftInput {
  bundle: PolicyFile[];
  createdBy: string;
  /** The version it was copied from. */
  basedOn?: number | null;
  note?: string | null;
}

export interface PolicyDraftEdit {
  bundle: PolicyFile[];
  note?: string | null;
  /** The draft's revision the editor read. */
  revision: number;
}

export type PolicyDraftEditResult =
  | { ok: true; version: StoredPolicyVersion }
  /** missing: no such version; published: it is frozen; stale: someone saved it since `revision`. */
  | { ok: false; reason: 'missing' | 'published' | 'stale'; current: StoredPolicyVersion | null };

/** Which versions run where (segmentVersions: segments running another version than the live one), and the publish revision. */
export interface PolicyPublishState extends PublishedState {
  /** Advanced by every publish; 0 before the first. */
  revision: number;
}

export interface PublishPolicyInput {
  version: number;
  /** 'all': the version becomes live for every segment, and earlier per-segment choices end. */
  segments: PublishTarget;
  /** The publish revision the change was previewed against. */
  expectedRevision: number;
  /** For a draft: the edit revision that was previewed. */
  expectedDraftRevision?: number;
  publishedBy: string;
  /** Default: the store's clock. */
  at?: number;
}

export type PublishPolicyResult =
  | { ok: true; state: PolicyPublishState; version: StoredPolicyVersion; /** true when a draft was frozen by this publish. */ froze: boolean }
  /** missing: no such version; stale: another publish came first; stale_draft: the draft was edited since the preview. */
  | { ok: false; reason: 'missing' | 'stale' | 'stale_draft'; state: PolicyPublishState };

export interface PolicyPublishingStore {
  /** A new draft under the next free version number (concurrent creations get different numbers). */
  createPolicyDraft(workspaceId: string, draft: PolicyDraftInput): Promise<StoredPolicyVersion>;
  editPolicyDraft(workspaceId: string, version: number, edit: PolicyDraftEdit): Promise<PolicyDraftEditResult>;
  /** All or nothing; the workspace's publish revision moves only when this returns ok. */
  publishPolicyVersion(workspaceId: string, publish: PublishPolicyInput): Promise<PublishPolicyResult>;
  /** Read in one statement, so a reader never sees half of a publish. */
  getPolicyPublishState(workspaceId: string): Promise<PolicyPublishState>;
}
