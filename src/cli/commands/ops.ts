import type { Command } from 'commander';
import { createMailer } from '../../adapters/mail/create-mailer.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { listPendingMigrations } from '../../adapters/storage/list-pending-migrations.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { AppError } from '../../app/app-error.ts';
import { checkReadiness, heartbeatMaxAgeFor } from '../../app/operations/check-readiness.ts';
import type { ReadinessReport } from '../../app/operations/readiness-report.ts';
import { setJobPaused } from '../../app/operations/set-job-paused.ts';
import { setMaintenance } from '../../app/operations/set-maintenance.ts';
import type { MaintenanceState, ScheduledJobState, StoredAuditEntry } from '../../app/ports/operations-store.ts';
import { StorageError } from '../../app/ports/store.ts';
import { loadConfig } from '../../server/config.ts';
import { cliActor } from '../cli-actor.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { runWithStore, runWithWorkspace } from '../open-store.ts';
import { measurePlanUsage, setOrganisationPlan } from '../../app/access/organisation-plan.ts';
import { planLimits, planNames, type Plan } from '../../core/access/plans.ts';
import { plans } from '../../core/policy/policy-schema.ts';

// `plixo ops …`: maintenance, the scheduled jobs, readiness and the audit trail, on the database
// of DATABASE_URL. Every switch is audited with the actor `cli:<os user>`.
// Exit codes: 0 done (readiness: pass or warn), 1 readiness fail, 2 a mistake in the command.

export const registerCommand: RegisterCommand = (program, context) => {
  const ops = program.command('ops').description('Operate Plixo: maintenance, scheduled jobs, readiness and the audit trail');
  registerMaintenance(ops, context);
  registerCron(ops, context);
  registerReadiness(ops, context);
  registerAudit(ops, context);
  registerPlan(ops, context);
};

function registerPlan(ops: Command, context: CommandContext): void {
  ops
    .command('plan')
    .description("Show an organisation's plan with its usage and limits, or change it (starter, growth, scale, enterprise)")
    .argument('[plan]', 'the new plan; absent: show the current one')
    .option('--workspace <id>', 'the organisation (default: the only one)')
    .option('--reason <text>', 'why, for the audit trail')
    .action(async (plan: string | undefined, options: { workspace?: string; reason?: string }) => {
      await runWithWorkspace(context, 'ops plan', options.workspace, async (store, workspaceId) => {
        if (plan !== undefined) {
          if (!(plans as readonly string[]).includes(plan)) throw new AppError('invalid_input', `plan must be one of ${plans.join(', ')}, not "${plan}"`);
          await setOrganisationPlan({ store, now: Date.now(), workspaceId, by: cliActor(context), plan: plan as Plan, rationale: options.reason ?? null });
        }
        const workspace = (await store.getWorkspace(workspaceId))!;
        const usage = await measurePlanUsage(store, workspaceId);
        const limits = planLimits[workspace.plan];
        const limit = (value: number | null) => (value === null ? 'no limit' : value.toLocaleString('en-US'));
        context.io.stdout.write(
          `${workspaceId}: ${planNames[workspace.plan]} plan; ${usage.customers.toLocaleString('en-US')} customers (${limit(limits.customers)}), ` +
            `${usage.openBalance.toLocaleString('en-US', { maximumFractionDigits: 2 })} open balance (${limit(limits.openBalance)})\n`,
        );
      });
    });
}

function registerMaintenance(ops: Command, context: CommandContext): void {
  const maintenance = ops.command('maintenance').description('Stop all sending (on), resume it (off), or show the switch (status)');
  maintenance
    .command('on')
    .description('Switch maintenance on: the worker plans and sends nothing until it is off again')
    .requiredOption('--reason <text>', 'why, for the audit trail and readiness')
    .action(async (options: { reason: string }) => {
      await runWithStore(context, 'ops', async (store) => {
        const result = await setMaintenance({ store, on: true, reason: options.reason, by: cliActor(context), now: Date.now() });
        context.io.stdout.write(
          result.changed
            ? `maintenance is on: nothing is sent until \`plixo ops maintenance off\`\n`
            : `maintenance was already ${describeMaintenance(result.state)}; nothing changed\n`,
        );
      });
    });
  maintenance
    .command('off')
    .description('Switch maintenance off: the worker resumes and catches up per each cadence’s catchUp')
    .option('--reason <text>', 'why, for the audit trail')
    .action(async (options: { reason?: string }) => {
      await runWithStore(context, 'ops', async (store) => {
        const result = await setMaintenance({ store, on: false, reason: options.reason ?? null, by: cliActor(context), now: Date.now() });
        context.io.stdout.write(
          result.changed ? 'maintenance is off: the worker resumes on its next tick and catches up\n' : 'maintenance was already off; nothing changed\n',
        );
      });
    });
  maintenance
    .command('status')
    .description('Show whether maintenance is on, since when, by whom and why')
    .action(async () => {
      await runWithStore(context, 'ops', async (store) => {
        context.io.stdout.write(`maintenance: ${describeMaintenance(await store.getMaintenance())}\n`);
      });
    });
}

function registerCron(ops: Command, context: CommandContext): void {
  const cron = ops.command('cron').description('The scheduled jobs: planning, sending, queue, inbound, deliverability, retention');
  cron
    .command('list')
    .description('Each job with its state, last run and last status')
    .action(async () => {
      await runWithStore(context, 'ops', async (store) => {
        context.io.stdout.write(formatJobs(await store.listScheduledJobs()));
      });
    });
  for (const paused of [true, false]) {
    cron
      .command(paused ? 'pause' : 'resume')
      .description(paused ? 'Pause a job: the worker skips it until it is resumed' : 'Resume a paused job')
      .argument('<name>', 'planning, sending, queue, inbound, deliverability or retention')
      .option('--reason <text>', 'why, for the audit trail')
      .action(async (name: string, options: { reason?: string }) => {
        await runWithStore(context, 'ops', async (store) => {
          const result = await setJobPaused({ store, name, paused, reason: options.reason ?? null, by: cliActor(context), now: Date.now() });
          const state = paused ? 'paused' : 'resumed';
          context.io.stdout.write(result.changed ? `job ${name} ${state}\n` : `job ${name} was already ${paused ? 'paused' : 'running'}; nothing changed\n`);
        });
      });
  }
}

function registerReadiness(ops: Command, context: CommandContext): void {
  ops
    .command('readiness')
    .description('Check the database, worker, mail server, sending domains, policies, outbox and switches; exit 1 on a failing check')
    .option('--json', 'the report as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const { io } = context;
      const loaded = loadConfig({}, io.env);
      if (!loaded.ok) {
        io.stderr.write(`plixo ops readiness: ${loaded.message}\n`);
        context.setExitCode(2);
        return;
      }
      const config = loaded.config;
      let database: DatabaseHandle;
      try {
        // Opened without migrating: readiness reports a schema behind the code, it does not fix it.
        database = openDatabase(config.databaseUrl);
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        const report: ReadinessReport = { status: 'fail', checkedAt: Date.now(), checks: [{ name: 'database', status: 'fail', detail: error.message }] };
        io.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
        context.setExitCode(1);
        return;
      }
      try {
        const report = await checkReadiness({
          store: createStore(database),
          now: Date.now(),
          heartbeatMaxAgeMs: heartbeatMaxAgeFor(config.tickMs),
          migrationsPending: () => listPendingMigrations(database),
          probeMail: async () => {
            const { mailer } = await createMailer(config);
            try {
              return await mailer.verify();
            } finally {
              await mailer.close();
            }
          },
        });
        io.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
        context.setExitCode(report.status === 'fail' ? 1 : 0);
      } finally {
        await database.close();
      }
    });
}

function registerAudit(ops: Command, context: CommandContext): void {
  ops
    .command('audit')
    .description('The audit trail, newest first: who switched what, when and why')
    .option('--limit <n>', 'how many entries', '20')
    .option('--workspace <id>', "only this workspace's entries")
    .option('--json', 'one JSON object a line')
    .action(async (options: { limit: string; workspace?: string; json?: boolean }) => {
      await runWithStore(context, 'ops', async (store) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new AppError('invalid_input', `--limit must be a whole number above 0, not "${options.limit}"`);
        const entries = await store.listAudit({ limit, ...(options.workspace ? { workspaceId: options.workspace } : {}) });
        context.io.stdout.write(options.json ? entries.map((entry) => `${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() })}\n`).join('') : formatAudit(entries));
      });
    });
}

function describeMaintenance(state: MaintenanceState): string {
  const when = state.changedAt === null ? '' : ` since ${formatInstant(state.changedAt)}`;
  const who = state.changedBy === null ? '' : ` by ${state.changedBy}`;
  const why = state.reason ? `: ${state.reason}` : '';
  return `${state.on ? 'on' : 'off'}${when}${who}${why}`;
}

function formatJobs(jobs: readonly ScheduledJobState[]): string {
  const rows = [
    ['NAME', 'STATE', 'LAST RUN', 'LAST STATUS'],
    ...jobs.map((job) => [
      job.name,
      job.paused ? `paused${job.pausedReason ? ` (${job.pausedReason})` : ''}` : 'active',
      job.lastStartedAt === null ? '-' : formatInstant(job.lastStartedAt),
      job.lastStatus === null ? '-' : job.lastStatus === 'failed' && job.lastError ? `failed: ${job.lastError}` : job.lastStatus,
    ]),
  ];
  return formatTable(rows);
}

function formatReport(report: ReadinessReport): string {
  const lines = report.checks.map((check) => `${check.status.toUpperCase()} ${check.name}: ${check.detail}`);
  return `${[...lines, `overall: ${report.status.toUpperCase()}`].join('\n')}\n`;
}

function formatAudit(entries: readonly StoredAuditEntry[]): string {
  if (entries.length === 0) return 'the audit trail is empty\n';
  const rows = [
    ['AT', 'ACTOR', 'ACTION', 'SUBJECT', 'DETAIL'],
    ...entries.map((entry) => [
      formatInstant(entry.at),
      entry.workspaceId === null ? entry.actor : `${entry.actor} (${entry.workspaceId})`,
      entry.action,
      entry.subject,
      Object.keys(entry.detail).length === 0 ? '' : JSON.stringify(entry.detail),
    ]),
  ];
  return formatTable(rows);
}

function formatTable(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function formatInstant(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
