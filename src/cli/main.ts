import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.ts';

/**
 * Runs the `plixo` command and resolves to the process exit code. Each command lives in
 * commands/<name>.ts and registers itself on the program it is given.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('plixo')
    .description('Plixo: accounts-receivable automation')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const registrations = await loadCommands();
  for (const register of registrations) register(program, { io, setExitCode });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

async function loadCommands() {
  const modules = await Promise.all([
    import('./commands/simulate.ts'),
    import('./commands/policy.ts'),
    import('./commands/start.ts'),
    import('./commands/preview.ts'),
    import('./commands/data.ts'),
    import('./commands/outbox.ts'),
    import('./commands/ops.ts'),
    import('./commands/domains.ts'),
    import('./commands/suppressions.ts'),
    import('./commands/audit.ts'),
    import('./commands/permissions.ts'),
    import('./commands/remittance.ts'),
  ]);
  return modules.map((module) => module.registerCommand);
}
