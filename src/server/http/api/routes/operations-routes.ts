import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorLabel } from '../../../../app/access/actor.ts';
import { heartbeatMaxAgeFor } from '../../../../app/operations/check-readiness.ts';
import { describeJob, describeOperations, type OperationsConsole } from '../../../../app/operations/describe-operations.ts';
import { readinessCheckNames } from '../../../../app/operations/readiness-report.ts';
import { setJobPaused } from '../../../../app/operations/set-job-paused.ts';
import { setMaintenance } from '../../../../app/operations/set-maintenance.ts';
import { scheduledJobNames, type MaintenanceState } from '../../../../app/ports/operations-store.ts';
import { defineRoute } from '../define-route.ts';

// The ops console: readiness, maintenance, the worker's jobs and the organisation's outbox, as
// `plixo ops readiness|maintenance|cron` show them. Maintenance and the jobs belong to the whole
// installation: switching them stops every organisation, so they need `users.manage`, the
// strongest permission of the matrix (a Controller's), not only `operations.manage`.

const org = z.object({ orgId: z.string().min(1) });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const status = z.enum(['pass', 'warn', 'fail']);
const maintenanceView = z.object({ on: z.boolean(), reason: z.string().nullable(), changedAt: z.string().nullable(), changedBy: z.string().nullable() });
const jobView = z.object({
  name: z.enum(scheduledJobNames),
  state: z.enum(['active', 'paused', 'held', 'failed']),
  schedule: z.string(),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'failed']).nullable(),
  lastError: z.string().nullable(),
  nextRunAt: z.string().nullable(),
});
const consoleView = z.object({
  checkedAt: z.string(),
  status,
  checks: z.array(z.object({ name: z.enum(readinessCheckNames), scope: z.enum(['installation', 'organisation']), status, detail: z.string() })),
  maintenance: maintenanceView,
  jobs: z.array(jobView),
  outbox: z.object({
    queued: z.number().int(),
    sending: z.number().int(),
    failed: z.number().int(),
    held: z.number().int(),
    draft: z.number().int(),
    oldestDueAt: z.string().nullable(),
    oldestDueAgeMs: z.number().nullable(),
  }),
});

const toMaintenanceView = (state: MaintenanceState): z.infer<typeof maintenanceView> => ({ ...state, changedAt: iso(state.changedAt) });
const toJobView = (job: OperationsConsole['jobs'][number]): z.infer<typeof jobView> => ({
  ...job,
  lastStartedAt: iso(job.lastStartedAt),
  lastFinishedAt: iso(job.lastFinishedAt),
  nextRunAt: iso(job.nextRunAt),
});

const readyzReport = z.object({ checks: z.array(z.object({ name: z.string(), status, detail: z.string() })) });

/** The installation's report as GET /readyz answers it (the server's mail probe and migration check); null when this server has none. */
async function readInstallationReport(server: FastifyInstance): Promise<z.infer<typeof readyzReport> | null> {
  const response = await server.inject({ method: 'GET', url: '/readyz' });
  const parsed = readyzReport.safeParse(response.json());
  return parsed.success ? parsed.data : null;
}

export const operationsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/operations',
    summary: 'The ops console: readiness checks (each marked installation or organisation), maintenance, the worker’s jobs with last and next run, the organisation’s outbox',
    tag: 'Operations',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    response: consoleView,
    async handler({ deps, organisationId, request, now }) {
      const installation = await readInstallationReport(request.server);
      const view = await describeOperations({ store: deps.store, workspaceId: organisationId, now, heartbeatMaxAgeMs: heartbeatMaxAgeFor(30_000), installation });
      return {
        ...view,
        checkedAt: iso(view.checkedAt)!,
        maintenance: toMaintenanceView(view.maintenance),
        jobs: view.jobs.map(toJobView),
        outbox: { ...view.outbox, oldestDueAt: iso(view.outbox.oldestDueAt) },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/operations/maintenance',
    summary: 'Switch maintenance on (a reason is required) or off, for the whole installation: while on, no organisation plans or sends (audited)',
    tag: 'Operations',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    body: z.object({ on: z.boolean(), reason: z.string().max(2000).optional() }),
    response: maintenanceView.extend({ changed: z.boolean() }),
    async handler({ deps, actor, body, now }) {
      const result = await setMaintenance({ store: deps.store, on: body.on, reason: body.reason ?? null, by: actorLabel(actor!), now });
      return { ...toMaintenanceView(result.state), changed: result.changed };
    },
  }),
  ...[true, false].map((paused) =>
    defineRoute({
      method: 'POST',
      path: `/api/orgs/:orgId/operations/jobs/:name/${paused ? 'pause' : 'resume'}`,
      summary: paused
        ? 'Pause one of the worker’s jobs for the whole installation: it is skipped until resumed (audited)'
        : 'Resume a paused job of the worker, for the whole installation (audited)',
      tag: 'Operations',
      access: { kind: 'organisation', permission: 'users.manage' },
      params: org.extend({ name: z.string().min(1).max(100) }),
      body: z.object({ reason: z.string().max(2000).optional() }),
      response: jobView.extend({ changed: z.boolean() }),
      async handler({ deps, actor, params, body, now }) {
        const result = await setJobPaused({ store: deps.store, name: params.name, paused, reason: body.reason ?? null, by: actorLabel(actor!), now });
        const maintenance = await deps.store.getMaintenance();
        return { ...toJobView(describeJob(result.job, maintenance.on)), changed: result.changed };
      },
    }),
  ),
];
