import { AppError } from '../../app/app-error.ts';
import { listOutbox } from '../../app/list-outbox.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { chooseWorkspace, openStore } from '../open-store.ts';

// `plixo outbox`: what the worker decided to send or draft, newest first, with held messages and why.

export const registerCommand: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('outbox')
    .description('List the messages the worker decided (sends and drafts), newest first, with the reason a message is held')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'one JSON object a line')
    .action(async (options: { workspace?: string; limit: string; json?: boolean }) => {
      const { store, close } = await openStore(io.env);
      try {
        const workspace = await chooseWorkspace(store, options.workspace);
        if (!workspace.ok) throw new AppError('not_found', workspace.message);
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new AppError('invalid_input', `--limit must be a whole number above 0, not "${options.limit}"`);
        const entries = await listOutbox({ store, workspaceId: workspace.id, limit });
        if (options.json) {
          io.stdout.write(entries.map((entry) => `${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() })}\n`).join(''));
          return;
        }
        const lines = entries.map((entry) =>
          [
            new Date(entry.at).toISOString().replace('T', ' ').slice(0, 16),
            entry.type.padEnd(5),
            entry.customerId,
            entry.invoiceIds.join('+'),
            entry.held ? `HELD: ${entry.held}` : `${entry.subject ?? ''} → ${entry.to.join(', ')}`,
          ].join('  '),
        );
        io.stdout.write(`${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${entries.length} message${entries.length === 1 ? '' : 's'}\n`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        io.stderr.write(`plixo outbox: ${error.message}\n`);
        setExitCode(2);
      } finally {
        await close();
      }
    });
};
