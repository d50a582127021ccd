import { userInfo } from 'node:os';
import type { CommandContext } from './cli-io.ts';

/** `cli:<os user>`: who did it, as the audit trail shows it. */
export function cliActor(context: CommandContext): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to what the shell says.
    name = context.io.env.USER ?? context.io.env.LOGNAME;
  }
  return `cli:${name || 'unknown'}`;
}
