import type { RegisterCommand } from '../cli-io.ts';
import { loadConfig } from '../../server/config.ts';
import { startPlixo } from '../../server/main.ts';

export const registerCommand: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('start')
    .description('Start Plixo: the web UI and API, the worker, or both (default)')
    .option('--services <list>', 'web, worker or web,worker (env PLIXO_SERVICES)')
    .option('--port <port>', 'HTTP port (env PORT, default 3000)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .action(async (options: { services?: string; port?: string; host?: string }) => {
      const loaded = loadConfig(options, io.env);
      if (!loaded.ok) {
        io.stderr.write(`plixo start: ${loaded.message}\n`);
        setExitCode(2);
        return;
      }
      const running = await startPlixo(loaded.config, io.stdout);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await running.close();
    });
};
