import { AppError } from '../../app/app-error.ts';
import { auditCsvHeader, exportAuditTrail, toAuditCsvLine } from '../../app/audit/export-audit-trail.ts';
import { verifyAuditTrail } from '../../app/audit/verify-audit-trail.ts';
import { parseInstant } from '../../core/time/parse-instant.ts';
import { StorageError } from '../../app/ports/store.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { openStore } from '../open-store.ts';

// `plixo audit verify`: proves the audit trail's hash chain is intact, or names the first entry
// that was changed, removed or moved.

export const registerCommand: RegisterCommand = (program, { io, setExitCode }) => {
  const audit = program.command('audit').description('The audit trail: export it, verify its hash chain (list it with plixo ops audit)');
  audit
    .command('export')
    .description('Write the audit trail in chain order, with each entry\'s hashes, as CSV or JSON lines')
    .option('--format <format>', 'csv or json (one object a line)', 'csv')
    .option('--workspace <id>', 'only this workspace')
    .option('--actor <actor>', 'only this actor, e.g. cli:ana or worker')
    .option('--action <action>', "only this action, or a family ending in '.', e.g. draft.")
    .option('--since <instant>', 'from this ISO-8601 instant')
    .option('--until <instant>', 'before this ISO-8601 instant')
    .action(async (options: { format: string; workspace?: string; actor?: string; action?: string; since?: string; until?: string }) => {
      const instant = (name: string, text: string | undefined) => {
        if (text === undefined) return undefined;
        const at = parseInstant(text);
        if (at === null) throw new AppError('invalid_input', `--${name} "${text}" is not an ISO-8601 instant`, { field: name });
        return at;
      };
      const { store, close } = await openStore(io.env);
      try {
        if (options.format !== 'csv' && options.format !== 'json') throw new AppError('invalid_input', `--format "${options.format}" is not csv or json`, { field: 'format' });
        const sinceAt = instant('since', options.since);
        const untilAt = instant('until', options.until);
        const filter = {
          ...(options.workspace ? { workspaceId: options.workspace } : {}),
          ...(options.actor ? { actor: options.actor } : {}),
          ...(options.action ? { action: options.action } : {}),
          ...(sinceAt !== undefined ? { sinceAt } : {}),
          ...(untilAt !== undefined ? { untilAt } : {}),
        };
        if (options.format === 'csv') io.stdout.write(`${auditCsvHeader.join(',')}\r\n`);
        for await (const entry of exportAuditTrail({ store, filter })) {
          io.stdout.write(
            options.format === 'csv'
              ? `${toAuditCsvLine(entry)}\r\n`
              : `${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString(), detail: JSON.parse(entry.detailJson) as unknown, detailJson: undefined })}\n`,
          );
        }
      } catch (error) {
        if (!(error instanceof AppError || error instanceof StorageError)) throw error;
        io.stderr.write(`plixo audit export: ${error.message}\n`);
        setExitCode(2);
      } finally {
        await close();
      }
    });
  audit
    .command('verify')
    .description('Check every entry of the audit trail against the one before it; exit 1 naming the first that does not fit')
    .option('--json', 'the verdict as JSON')
    .action(async (options: { json?: boolean }) => {
      const { store, close } = await openStore(io.env);
      try {
        const verdict = await verifyAuditTrail({ store });
        if (options.json) io.stdout.write(`${JSON.stringify(verdict)}\n`);
        else if (verdict.ok) io.stdout.write(`the audit trail is intact: ${verdict.entries} entr${verdict.entries === 1 ? 'y' : 'ies'}, last hash ${verdict.lastHash}\n`);
        else io.stdout.write(`the audit trail is broken at entry ${verdict.seq}: ${verdict.problem}\n`);
        setExitCode(verdict.ok ? 0 : 1);
      } catch (error) {
        if (!(error instanceof StorageError)) throw error;
        io.stderr.write(`plixo audit verify: ${error.message}\n`);
        setExitCode(2);
      } finally {
        await close();
      }
    });
};
