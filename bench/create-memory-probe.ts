// Peak memory of a measured stretch. A timer samples every `intervalMs`, but a synchronous
// stretch (or one that only ever awaits microtasks, as better-sqlite3 behind Kysely does) never
// lets it fire, so the code under test can also call `sample()` at points of its own.

export interface MemorySnapshot {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface MemoryPeak extends MemorySnapshot {
  /** How many samples the peak was taken over. */
  samples: number;
}

export interface MemoryProbe {
  sample(): void;
  stop(): MemoryPeak;
}

export function readMemory(): MemorySnapshot {
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
}

/** The peak resident set size of this process so far, in bytes (getrusage). */
export function readMaxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Collects garbage when node runs with --expose-gc, so a measurement starts from a clean heap. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}

export function createMemoryProbe(intervalMs = 50): MemoryProbe {
  const peak: MemoryPeak = { rssBytes: 0, heapUsedBytes: 0, samples: 0 };
  const sample = () => {
    const now = readMemory();
    peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
    peak.heapUsedBytes = Math.max(peak.heapUsedBytes, now.heapUsedBytes);
    peak.samples += 1;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  sample();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}
