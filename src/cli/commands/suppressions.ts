import { AppError } from '../../app/app-error.ts';
import { addSuppression, removeSuppression } from '../../app/suppressions/manage-suppressions.ts';
import { suppressionReasons } from '../../app/ports/store.ts';
import { parseInstant } from '../../core/time/parse-instant.ts';
import { cliActor } from '../cli-actor.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { runWithWorkspace } from '../open-store.ts';

// `plixo suppressions`: the addresses Plixo never writes to (invalid, opted out, legal hold),
// listed, added and removed by hand; changes are audited.

export const registerCommand: RegisterCommand = (program, context) => {
  const suppressions = program.command('suppressions').description('The addresses Plixo never writes to: list, add (legal hold, opt-out), remove');
  suppressions
    .command('list')
    .description('Every suppressed address with its reason, note and end (if any)')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--json', 'one JSON object a line')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      await runWithWorkspace(context, 'suppressions list', options.workspace, async (store, workspaceId) => {
        const entries = await store.listSuppressions(workspaceId);
        const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
        if (options.json) {
          context.io.stdout.write(entries.map((entry) => `${JSON.stringify({ ...entry, untilAt: iso(entry.untilAt), createdAt: iso(entry.createdAt) })}\n`).join(''));
          return;
        }
        const lines = entries.map((entry) =>
          [entry.email, entry.reason.padEnd(10), entry.untilAt === null ? 'until removed' : `until ${iso(entry.untilAt)}`, entry.note ?? ''].filter(Boolean).join('  '),
        );
        context.io.stdout.write(`${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${entries.length} suppressed address${entries.length === 1 ? '' : 'es'}\n`);
      });
    });
  suppressions
    .command('add')
    .argument('<email>', 'the address')
    .requiredOption('--reason <reason>', suppressionReasons.join(' | '))
    .option('--until <instant>', 'the address is active again from this ISO-8601 instant (default: until removed)')
    .option('--note <text>', 'why, for the people who read the list')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description('Suppress an address (replaces its current entry)')
    .action(async (email: string, options: { reason: string; until?: string; note?: string; workspace?: string }) => {
      await runWithWorkspace(context, 'suppressions add', options.workspace, async (store, workspaceId) => {
        const untilAt = options.until === undefined ? null : parseInstant(options.until);
        if (untilAt === null && options.until !== undefined) throw new AppError('invalid_input', `--until "${options.until}" is not an ISO-8601 instant`);
        const saved = await addSuppression({ store, workspaceId, email, reason: options.reason, untilAt, note: options.note ?? null, by: cliActor(context), now: Date.now() });
        context.io.stdout.write(`${saved.email} suppressed (${saved.reason})${saved.untilAt === null ? '' : ` until ${new Date(saved.untilAt).toISOString()}`}\n`);
      });
    });
  suppressions
    .command('remove')
    .argument('<email>', 'the address')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description('Lift the suppression of an address')
    .action(async (email: string, options: { workspace?: string }) => {
      await runWithWorkspace(context, 'suppressions remove', options.workspace, async (store, workspaceId) => {
        await removeSuppression({ store, workspaceId, email, by: cliActor(context), now: Date.now() });
        context.io.stdout.write(`${email.toLowerCase()} is no longer suppressed\n`);
      });
    });
};
