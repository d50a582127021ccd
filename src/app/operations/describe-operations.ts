import type { MaintenanceState, ScheduledJobName, ScheduledJobState } from '../ports/operations-store.ts';
import type { OutboxCounts } from '../ports/reporting-store.ts';
import type { Store } from '../ports/store.ts';
import { checkReadiness } from './check-readiness.ts';
import { jobSchedules } from './job-schedules.ts';
import type { ReadinessCheckName, ReadinessStatus } from './readiness-report.ts';

// What the ops console shows an organisation: the readiness checks, maintenance, the worker's jobs
// and the organisation's outbox. Maintenance, the jobs, the worker, the database and the mail
// server are the installation's (one switch stops every organisation); the policies, sending
// domains and outbox checks are the organisation's own, so a member never reads another
// organisation's names or problems.

export type CheckScope = 'installation' | 'organisation';

export const checkScopes: Record<ReadinessCheckName, CheckScope> = {
  database: 'installation',
  worker: 'installation',
  mail: 'installation',
  'sending-domains': 'organisation',
  policies: 'organisation',
  outbox: 'installation',
  maintenance: 'installation',
  'scheduled-jobs': 'installation',
};

export interface ScopedReadinessCheck {
  name: ReadinessCheckName;
  scope: CheckScope;
  status: ReadinessStatus;
  detail: string;
}

export type JobState = 'active' | 'paused' | 'held' | 'failed';

export interface JobView extends ScheduledJobState {
  state: JobState;
  schedule: string;
  /** When a periodic job is next due (its last start plus its period); null when it runs every tick, per message, is paused, or has not run yet. */
  nextRunAt: number | null;
}

export interface OperationsConsole {
  checkedAt: number;
  status: ReadinessStatus;
  checks: ScopedReadinessCheck[];
  maintenance: MaintenanceState;
  jobs: JobView[];
  outbox: OutboxCounts & { oldestDueAgeMs: number | null };
}

export interface DescribeOperationsInput {
  store: Store;
  workspaceId: string;
  now: number;
  heartbeatMaxAgeMs: number;
  /**
   * The installation's own report (GET /readyz, with the server's mail probe and migration check);
   * its installation-wide checks are used as they are. Without it they are run here, without those probes.
   */
  installation?: { checks: readonly { name: string; status: ReadinessStatus; detail: string }[] } | null;
}

const rank: Record<ReadinessStatus, number> = { pass: 0, warn: 1, fail: 2 };

export async function describeOperations({ store, workspaceId, now, heartbeatMaxAgeMs, installation = null }: DescribeOperationsInput): Promise<OperationsConsole> {
  // The workspace-wide checks read every workspace through listWorkspaces: seen through this view
  // they read only the caller's organisation.
  const organisationOnly: Store = { ...store, listWorkspaces: async () => (await store.listWorkspaces()).filter((workspace) => workspace.id === workspaceId) };
  const [local, maintenance, jobs, outbox] = await Promise.all([
    checkReadiness({ store: organisationOnly, now, heartbeatMaxAgeMs }),
    store.getMaintenance(),
    store.listScheduledJobs(),
    store.countOutbox(workspaceId, now),
  ]);
  const fromInstallation = new Map((installation?.checks ?? []).map((check) => [check.name, check]));
  const checks = local.checks.map((check): ScopedReadinessCheck => {
    const scope = checkScopes[check.name];
    const chosen = scope === 'installation' ? (fromInstallation.get(check.name) ?? check) : check;
    return { name: check.name, scope, status: chosen.status, detail: chosen.detail };
  });
  const status = checks.reduce<ReadinessStatus>((worst, check) => (rank[check.status] > rank[worst] ? check.status : worst), 'pass');
  return {
    checkedAt: now,
    status,
    checks,
    maintenance,
    jobs: jobs.map((job) => describeJob(job, maintenance.on)),
    outbox: { ...outbox, oldestDueAgeMs: outbox.oldestDueAt === null ? null : Math.max(0, now - outbox.oldestDueAt) },
  };
}

const stoppedByMaintenance: ReadonlySet<ScheduledJobName> = new Set(['planning', 'sending']);

export function describeJob(job: ScheduledJobState, maintenanceOn: boolean): JobView {
  const schedule = jobSchedules[job.name];
  const state: JobState = job.paused ? 'paused' : maintenanceOn && stoppedByMaintenance.has(job.name) ? 'held' : job.lastStatus === 'failed' ? 'failed' : 'active';
  const nextRunAt = !job.paused && schedule.everyMs !== null && job.lastStartedAt !== null ? job.lastStartedAt + schedule.everyMs : null;
  return { ...job, state, schedule: schedule.description, nextRunAt };
}
