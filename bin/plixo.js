#!/usr/bin/env node
// The `plixo` command. TypeScript sources run through tsx: no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// `plixo simulate … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
