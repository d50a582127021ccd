import type { ChainedAuditEntry } from '../audit/audit-chain.ts';
import type { JsonObject, JsonValue } from './json.ts';

// What operators switch and watch: maintenance mode, the scheduled jobs, worker heartbeats and
// the audit trail of every toggle.

export const scheduledJobNames = ['planning', 'sending', 'queue', 'inbound', 'deliverability', 'retention', 'webhooks'] as const;
export type ScheduledJobName = (typeof scheduledJobNames)[number];

export interface MaintenanceState {
  on: boolean;
  reason: string | null;
  /** When it was last switched, and by whom. */
  changedAt: number | null;
  changedBy: string | null;
}

export interface ScheduledJobState {
  name: ScheduledJobName;
  paused: boolean;
  pausedReason: string | null;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  /** 'ok' or 'failed', or null before the first run. */
  lastStatus: 'ok' | 'failed' | null;
  lastError: string | null;
}

export interface WorkerHeartbeat {
  workerId: string;
  seenAt: number;
  detail: JsonObject;
}

export interface AuditEntryInput {
  /** null for install-wide actions (maintenance, jobs). */
  workspaceId: string | null;
  at: number;
  /** Who: a user's email, 'cli:<os user>', 'worker:<id>'. */
  actor: string;
  /** What, as a dotted verb: 'maintenance.on', 'job.pause', 'policy.apply', 'draft.approve'. */
  action: string;
  /** What it was done to: 'job sending', 'draft 42', 'domain ar.acme.example'. */
  subject: string;
  detail?: JsonObject;
  /** The actor's role in the organisation when the action was taken; null for the CLI and the worker. */
  role?: string | null;
  /** What the target was before and after the change, where there is one. */
  before?: JsonValue;
  after?: JsonValue;
  /** Why, in the actor's words (an approval's rationale, a suppression's note). */
  rationale?: string | null;
}

/** Role, before, after and rationale are kept inside `detail` (covered by the chain's hash). */
export interface StoredAuditEntry extends Required<Pick<AuditEntryInput, 'workspaceId' | 'at' | 'actor' | 'action' | 'subject' | 'detail'>> {
  id: number;
}

export interface AuditQuery {
  /** null: install-wide entries only. */
  workspaceId?: string | null;
  actor?: string;
  /** An exact action ('draft.approve') or a family ending in '.' ('draft.'). */
  action?: string;
  sinceAt?: number;
  /** Exclusive. */
  untilAt?: number;
  /** For the next page: entries with a smaller id. */
  beforeId?: number;
  limit?: number;
}

export interface OperationsStore {
  getMaintenance(): Promise<MaintenanceState>;
  /** Switches maintenance and writes the audit entry in one transaction. */
  setMaintenance(state: { on: boolean; reason: string | null; at: number; by: string }): Promise<MaintenanceState>;
  /** Every job in scheduledJobNames order, with defaults for those never run or paused. */
  listScheduledJobs(): Promise<ScheduledJobState[]>;
  /** Pauses or resumes a job and writes the audit entry in one transaction. */
  setScheduledJobPaused(name: ScheduledJobName, change: { paused: boolean; reason: string | null; at: number; by: string }): Promise<ScheduledJobState>;
  recordJobRun(name: ScheduledJobName, run: { startedAt: number; finishedAt: number; status: 'ok' | 'failed'; error?: string | null }): Promise<void>;
  /** The instant a workspace's planning last succeeded up to; null before its first run. */
  getPlannedThrough(workspaceId: string): Promise<number | null>;
  /**
   * Moves the workspace's planned-through instant from `from` to `to`, only if it still is
   * `from`: of two workers planning the same gap, one wins and the other gets false.
   */
  advancePlannedThrough(workspaceId: string, change: { from: number | null; to: number }): Promise<boolean>;
  recordHeartbeat(heartbeat: WorkerHeartbeat): Promise<void>;
  /** Newest first. */
  listHeartbeats(): Promise<WorkerHeartbeat[]>;
  appendAudit(entry: AuditEntryInput): Promise<StoredAuditEntry>;
  /** Newest first. */
  listAudit(query?: AuditQuery): Promise<StoredAuditEntry[]>;
  /** The whole trail in chain order, a page at a time (entries after `afterSeq`), for verifying it. */
  readAuditChain(query: { afterSeq: number; limit: number }): Promise<ChainedAuditEntry[]>;
}
