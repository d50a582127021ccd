import type { RssSample } from './soak-workers.ts';
import type { CheckResult, SoakEvidence } from './soak-evidence.ts';

// Memory flat: for each worker that lived through most of the run (and the soak's own process),
// the median resident memory of the last third of its samples is within `maxGrowth` of the
// first third's. The first minute of a life (module loading, the first plans) is left out.

const mib = 1024 * 1024;

export function checkMemory(evidence: SoakEvidence, { maxGrowth = 0.15 } = {}): CheckResult {
  const runMs = evidence.stoppedWallAt - evidence.startedWallAt;
  const warmupMs = Math.min(60_000, runMs / 10);
  const details: string[] = [];
  const failures: string[] = [];
  const judge = (label: string, samples: readonly RssSample[], from: number): boolean => {
    const kept = samples.filter((sample) => sample.wallAt >= from + warmupMs).map((sample) => sample.rssBytes);
    if (kept.length < 6) {
      details.push(`${label}: ${kept.length} samples after warm-up, too few to judge`);
      return false;
    }
    const third = Math.floor(kept.length / 3);
    const first = median(kept.slice(0, third));
    const last = median(kept.slice(kept.length - third));
    const growth = last / first - 1;
    const line = `${label}: median ${(first / mib).toFixed(0)} MiB in the first third, ${(last / mib).toFixed(0)} MiB in the last (${formatPercent(growth)}, ${kept.length} samples)`;
    details.push(line);
    if (growth > maxGrowth) failures.push(line);
    return true;
  };
  const longLived = evidence.workers.filter((worker) => (worker.endedWallAt ?? evidence.stoppedWallAt) - worker.startedWallAt >= runMs / 2);
  const judgedWorkers = longLived.filter((worker) => judge(`worker ${worker.number} (pid ${worker.pid})`, worker.samples, worker.startedWallAt)).length;
  judge('the soak process', evidence.parentSamples, evidence.startedWallAt);
  const ok = failures.length === 0 && longLived.length > 0 && judgedWorkers === longLived.length;
  const summary =
    longLived.length === 0
      ? 'no worker lived through half the run, so none could be judged'
      : `${longLived.length} long-lived worker${longLived.length === 1 ? '' : 's'} and the soak process judged; ${failures.length === 0 ? `none grew more than ${formatPercent(maxGrowth)}` : `${failures.length} grew more than ${formatPercent(maxGrowth)}`}`;
  return { title: 'Memory flat', ok, summary, details };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
}
