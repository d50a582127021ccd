import { verifyAuditTrail } from '../../app/audit/verify-audit-trail.ts';
import { StorageError } from '../../app/ports/store.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { openStore } from '../open-store.ts';

// `plixo audit verify`: proves the audit trail's hash chain is intact, or names the first entry
// that was changed, removed or moved.

export const registerCommand: RegisterCommand = (program, { io, setExitCode }) => {
  const audit = program.command('audit').description('The audit trail: verify its hash chain (list it with plixo ops audit)');
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
