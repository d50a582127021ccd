import { resolve } from 'node:path';

// `npm run soak` settings, from the environment. The defaults are the soak: 30 minutes,
// four workers; SOAK_MINUTES=3 is the smoke run.

export interface SoakOptions {
  minutes: number;
  workers: number;
  seed: number;
  /** Simulated milliseconds per wall millisecond: 144 makes 30 minutes three simulated days. */
  speed: number;
  /** The workers' PLIXO_TICK_MS (wall time). */
  tickMs: number;
  /** The claim lease, in wall time (the workers get it in simulated time). */
  leaseWallMs: number;
  workDir: string;
  reportPath: string;
}

export function readSoakOptions(env: NodeJS.ProcessEnv, cwd = process.cwd()): SoakOptions {
  const number = (name: string, fallback: number, { min, max, integer = false }: { min: number; max: number; integer?: boolean }) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  return {
    minutes: number('SOAK_MINUTES', 30, { min: 1, max: 24 * 60 }),
    workers: number('SOAK_WORKERS', 4, { min: 2, max: 16, integer: true }),
    seed: number('SOAK_SEED', 20_260_302, { min: 0, max: 2 ** 32 - 1, integer: true }),
    speed: number('SOAK_SPEED', 144, { min: 1, max: 1_000 }),
    tickMs: number('SOAK_TICK_MS', 2_000, { min: 100, max: 60_000, integer: true }),
    leaseWallMs: number('SOAK_LEASE_S', 20, { min: 2, max: 600 }) * 1000,
    workDir: resolve(cwd, '.bench-tmp/soak'),
    reportPath: resolve(cwd, '.bench-tmp/soak.md'),
  };
}
