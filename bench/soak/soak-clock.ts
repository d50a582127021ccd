import { existsSync, readFileSync } from 'node:fs';

// The soak's simulated clock, shared by the soak and every worker process it starts: simulated
// time stands at `startAt` until the wall clock reaches `anchorWallMs`, then runs `speed` times
// faster than the wall. Each process computes it from the same numbers and the machine's one
// wall clock, so they agree to the millisecond without talking to each other.
//
// The first workers start before the anchor is known (they take seconds to boot, which would be
// simulated hours): their clock stands at the start until the soak writes the anchor to a file,
// a second in the future, once every one of them is up. Later workers get it in their settings.

export interface SoakClockSettings {
  /** The simulated instant at the anchor. */
  startAt: number;
  /** The wall-clock instant (Date.now()) simulated time starts moving. */
  anchorWallMs: number;
  /** Simulated milliseconds per wall millisecond. */
  speed: number;
}

export function createSoakClock(settings: SoakClockSettings): () => number {
  return () => simulatedAt(settings, Date.now());
}

/** The simulated instant a wall-clock instant maps to. */
export function simulatedAt(settings: SoakClockSettings, wallMs: number): number {
  return settings.startAt + Math.round(Math.max(0, wallMs - settings.anchorWallMs) * settings.speed);
}

export function soakClockEnv(input: { startAt: number; speed: number } & ({ anchorWallMs: number } | { anchorFile: string })): Record<string, string> {
  return {
    SOAK_CLOCK_START_AT: String(input.startAt),
    SOAK_CLOCK_SPEED: String(input.speed),
    ...('anchorWallMs' in input ? { SOAK_CLOCK_ANCHOR_WALL_MS: String(input.anchorWallMs) } : { SOAK_CLOCK_ANCHOR_FILE: input.anchorFile }),
  };
}

/** A worker's clock from its settings: standing at the start until the anchor file appears, when there is one. */
export function readSoakClockEnv(env: NodeJS.ProcessEnv): { clock: () => number; stop(): void } {
  const read = (name: string) => {
    const value = Number(env[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(env[name])}`);
    return value;
  };
  const startAt = read('SOAK_CLOCK_START_AT');
  const speed = read('SOAK_CLOCK_SPEED');
  if (env.SOAK_CLOCK_ANCHOR_WALL_MS) return { clock: createSoakClock({ startAt, speed, anchorWallMs: read('SOAK_CLOCK_ANCHOR_WALL_MS') }), stop() {} };
  const file = env.SOAK_CLOCK_ANCHOR_FILE;
  if (!file) throw new Error('SOAK_CLOCK_ANCHOR_WALL_MS or SOAK_CLOCK_ANCHOR_FILE must be set');
  let settings: SoakClockSettings | null = null;
  const poll = setInterval(() => {
    if (!existsSync(file)) return;
    const anchorWallMs = Number(readFileSync(file, 'utf8'));
    if (!Number.isFinite(anchorWallMs)) return;
    settings = { startAt, speed, anchorWallMs };
    clearInterval(poll);
  }, 100);
  poll.unref();
  return { clock: () => (settings === null ? startAt : simulatedAt(settings, Date.now())), stop: () => clearInterval(poll) };
}
