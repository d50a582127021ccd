// The soak's simulated clock, shared by the soak and every worker process it starts: simulated
// time runs `speed` times faster than the wall clock from `anchorWallMs`, when it read `startAt`.
// Each process computes it from the same three numbers and the machine's one wall clock, so they
// agree to the millisecond without talking to each other.

export interface SoakClockSettings {
  /** The simulated instant at the anchor. */
  startAt: number;
  /** The wall-clock instant (Date.now()) the simulation started at. */
  anchorWallMs: number;
  /** Simulated milliseconds per wall millisecond. */
  speed: number;
}

export function createSoakClock(settings: SoakClockSettings): () => number {
  const { startAt, anchorWallMs, speed } = settings;
  return () => startAt + Math.round((Date.now() - anchorWallMs) * speed);
}

/** The simulated instant a wall-clock instant maps to. */
export function simulatedAt(settings: SoakClockSettings, wallMs: number): number {
  return settings.startAt + Math.round((wallMs - settings.anchorWallMs) * settings.speed);
}

export function soakClockEnv(settings: SoakClockSettings): Record<string, string> {
  return {
    SOAK_CLOCK_START_AT: String(settings.startAt),
    SOAK_CLOCK_ANCHOR_WALL_MS: String(settings.anchorWallMs),
    SOAK_CLOCK_SPEED: String(settings.speed),
  };
}

export function readSoakClockEnv(env: NodeJS.ProcessEnv): SoakClockSettings {
  const read = (name: string) => {
    const value = Number(env[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(env[name])}`);
    return value;
  };
  return { startAt: read('SOAK_CLOCK_START_AT'), anchorWallMs: read('SOAK_CLOCK_ANCHOR_WALL_MS'), speed: read('SOAK_CLOCK_SPEED') };
}
