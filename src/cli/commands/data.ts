import { resolve } from 'node:path';
import { createDocumentRenderer } from '../../adapters/pdf/create-document-renderer.ts';
import { readBundleFiles } from '../../adapters/files/read-bundle-files.ts';
import { readSecret, secretPathFor } from '../../adapters/files/read-secret.ts';
import { AppError } from '../../app/app-error.ts';
import { applyPolicy } from '../../app/apply-policy.ts';
import { importPortfolio } from '../../app/import-portfolio.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import { createPayerLinks } from '../../app/portal/create-payer-links.ts';
import { planWorkspace } from '../../app/plan-workspace.ts';
import { deliverOutbox } from '../../app/delivery/deliver-outbox.ts';
import { withdrawStaleDrafts } from '../../app/delivery/review-drafts.ts';
import { createMailer } from '../../adapters/mail/create-mailer.ts';
import { loadConfig } from '../../server/config.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { parseInstant } from '../../core/time/parse-instant.ts';
import { cliActor } from '../cli-actor.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { readJsonFile } from '../read-json-file.ts';
import { runImportCsv, type ImportCsvOptions } from './import-csv.ts';
import { chooseWorkspace, runWithStore } from '../open-store.ts';

// Commands for single-workspace installs, catching up and tests: `plixo import`, `plixo run`
// and `plixo policy apply` (registered here too), all on the database of DATABASE_URL.

export const registerCommand: RegisterCommand = (program, context) => {
  const { io } = context;
  program
    .command('import')
    .description('Import a CSV file of customers, contacts, invoices or payments (idempotent by id; all valid rows or none), or a data file of plixo simulate with --data')
    .argument('[kind]', 'customers, contacts, invoices or payments')
    .argument('[file]', 'the CSV file')
    .option('--data <file>', 'a data file (the format of plixo simulate): customers, invoices and events')
    .option('--mapping <file>', 'the column mapping (JSON); default: guessed from the headings')
    .option('--reject-log <file>', 'write every rejected row (line, column, value, reason) to this CSV file')
    .option('--dry-run', 'check every row and count, write nothing')
    .option('--show-mapping', 'print the mapping guessed for the file, as JSON to edit for --mapping, and stop')
    .option('--template', 'print an empty file of this kind, with an example row')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .action(async (kind: string | undefined, file: string | undefined, options: ImportCsvOptions & { data?: string }) => {
      if (kind !== undefined) return runImportCsv(context, kind, file, options);
      if (!options.data) {
        io.stderr.write('plixo import: name what to import (customers, contacts, invoices or payments) and the CSV file, or give --data DATA.json\n');
        return context.setExitCode(2);
      }
      const dataFile = options.data;
      await runWithStore(context, '', async (store) => {
        const data = await readJsonFile(resolve(io.cwd, dataFile));
        if (!data.ok) throw new AppError('invalid_input', data.message);
        const workspace = await chooseWorkspace(store, options.workspace);
        if (!workspace.ok) throw new AppError('not_found', workspace.message);
        const result = await importPortfolio({ store, workspaceId: workspace.id, raw: data.value, now: Date.now() });
        io.stdout.write(
          `imported into ${workspace.id}: ${result.customers} customers, ${result.invoices} invoices, ${result.eventsAdded} new events (${result.eventsAlreadyThere} already there)\n`,
        );
        return 0;
      });
    });

  program
    .command('run')
    .description(
      'Do what the worker does, once, then exit: now (catching up by hand), or --until an instant as if the worker had been running throughout (tests and replays; mailbox folder only)',
    )
    .option('--until <instant>', 'ISO-8601 instant (default: now)')
    .option('--workspace <id>', 'the workspace (default: every workspace)')
    .option('--base-url <url>', "Plixo's public address, for pay and statement links", io.env.PLIXO_PUBLIC_URL || 'http://127.0.0.1:3000')
    .action(async (options: { until?: string; workspace?: string; baseUrl: string }) => {
      await runWithStore(context, '', async (store) => runOnce(context, store, options));
    });
};

/** A minute either side of the clock is "now": the run is the worker's tick, with its rules. */
const nowTolerance = 60_000;

async function runOnce(context: CommandContext, store: Store, options: { until?: string; workspace?: string; baseUrl: string }): Promise<number> {
  const { io } = context;
  const now = Date.now();
  const until = options.until === undefined ? now : parseInstant(options.until);
  if (until === null) throw new AppError('invalid_input', `--until "${options.until}" is not an ISO-8601 instant`);
  // Another instant than now is a replay: time as if the worker had run throughout, which must
  // never reach a customer, nor race a live worker for its claims.
  const replay = Math.abs(until - now) > nowTolerance;
  const loaded = loadConfig({}, io.env);
  if (!loaded.ok) throw new AppError('invalid_input', loaded.message);
  const config = loaded.config;
  if (replay) {
    if (config.smtpUrl !== null) {
      throw new AppError('invalid_input', '--until another instant than now replays time and writes to the mailbox folder only: unset PLIXO_SMTP_URL, or leave out --until to catch up now');
    }
    const live = (await store.listHeartbeats()).find((heartbeat) => now - heartbeat.seenAt < 2 * 60_000);
    if (live) throw new AppError('conflict', `a worker (${live.workerId}) is running against this database: stop it before replaying time with --until`);
  }
  if (options.workspace !== undefined && !(await store.getWorkspace(options.workspace))) throw new AppError('not_found', `no workspace "${options.workspace}"`);
  const ids = options.workspace ? [options.workspace] : (await store.listWorkspaces()).map((workspace) => workspace.id);
  const secret = await readSecret(io.env, secretPathFor(config.databaseUrl));
  // A replay reaches no customer: its messages carry preview pay links, and no payer link is stored.
  const links = replay ? createPreviewLinks(options.baseUrl, secret) : createPayerLinks({ store, baseUrl: options.baseUrl, secret, clock: Date.now });
  const documents = createDocumentRenderer();
  const downtimeThresholdMs = replay ? undefined : Math.max(5 * 60_000, 3 * config.tickMs);
  let failed = 0;
  for (const workspaceId of ids) {
    try {
      const result = await planWorkspace({ store, workspaceId, now: until, links, documents, ...(downtimeThresholdMs === undefined ? {} : { downtimeThresholdMs }) });
      const drafts = await withdrawStaleDrafts({ store, workspaceId, now: until });
      io.stdout.write(
        `${workspaceId}: ${result.decided} actions decided up to ${new Date(until).toISOString()}, ${result.recorded} newly recorded, ${result.enqueued} new in the outbox (${result.held} held), ${drafts.withdrawn} drafts withdrawn${result.downtime ? `; the gap since ${new Date(result.downtime.from).toISOString()} was recorded as a maintenance window` : ''}\n`,
      );
    } catch (error) {
      if (!(error instanceof AppError || error instanceof StorageInputError)) throw error;
      failed += 1;
      io.stderr.write(`plixo run: ${workspaceId}: ${error.message}\n`);
    }
  }
  const { mailer, description } = await createMailer(config, replay ? { now: () => new Date(until) } : {});
  try {
    const sent = await deliverOutbox({ store, mailer, workerId: `run:${process.pid}`, clock: () => until, workspaceIds: ids, concurrency: config.smtpMaxConnections, ...(replay ? { asOfMessageTime: true } : {}) });
    io.stdout.write(
      sent.maintenance
        ? 'maintenance is on: nothing was sent (plixo ops maintenance off)\n'
        : `outbox: ${sent.sent} sent to ${description}, ${sent.retried} to retry, ${sent.failed} failed, ${sent.withdrawn} withdrawn\n`,
    );
  } finally {
    await mailer.close();
  }
  return failed > 0 ? 1 : 0;
}

/** `plixo policy apply BUNDLE`, registered under `plixo policy`. */
export function registerPolicyApply(policy: import('commander').Command, context: CommandContext): void {
  policy
    .command('apply')
    .description("Make a bundle the workspace's published policy (a new version; the same bundle twice is one version)")
    .argument('<bundle>', 'a folder of policy YAML files')
    .option('--workspace <id>', 'the workspace (default: the Workspace document name, created if missing)')
    .action(async (bundle: string, options: { workspace?: string }) => {
      await runWithStore(context, '', async (store) => {
        const files = await readBundleFiles(resolve(context.io.cwd, bundle));
        const result = await applyPolicy({ store, files, actor: cliActor(context), now: Date.now(), ...(options.workspace ? { workspaceId: options.workspace } : {}) });
        context.io.stdout.write(
          result.changed
            ? `${result.workspaceId}: published policy version ${result.version}${result.createdWorkspace ? ' (workspace created)' : ''}\n`
            : `${result.workspaceId}: the bundle is already the live version ${result.version}; nothing changed\n`,
        );
        return 0;
      });
    });
}
