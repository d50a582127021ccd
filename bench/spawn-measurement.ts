import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiMeasurement, ApiTask } from './measure-api-latency.ts';
import type { CashMeasurement, CashTask } from './measure-cash-matching.ts';
import type { CashReadsMeasurement, CashReadsTask } from './measure-cash-reads.ts';
import type { OutboxMeasurement, OutboxTask } from './measure-outbox-delivery.ts';
import type { PlanningMeasurement, PlanningTask } from './measure-planning-pass.ts';
import type { RenderMeasurement, RenderTask } from './measure-render.ts';
import type { SimulateMeasurement, SimulateTask } from './measure-simulate.ts';
import type { UiMeasurement, UiTask } from './measure-ui-open.ts';

// Starts bench/run-measurement.ts in a fresh node (through bin/run-ts.js, as `npm run bench`
// runs) with --expose-gc, optionally profiling it, and reads back its result.

const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const entry = fileURLToPath(new URL('./run-measurement.ts', import.meta.url));

export interface SpawnOptions {
  workDir: string;
  /** Write a .cpuprofile and a hot-spot list of the measurement into workDir/profiles. */
  cpuProfile: boolean;
  /** A name for the result and profile files. */
  label: string;
  /** Cap V8's old generation (--max-old-space-size): a run that needed more would fail. */
  maxOldSpaceMiB?: number;
}

export function spawnMeasurement(task: SimulateTask, options: SpawnOptions): Promise<SimulateMeasurement>;
export function spawnMeasurement(task: PlanningTask, options: SpawnOptions): Promise<PlanningMeasurement>;
export function spawnMeasurement(task: RenderTask, options: SpawnOptions): Promise<RenderMeasurement>;
export function spawnMeasurement(task: OutboxTask, options: SpawnOptions): Promise<OutboxMeasurement>;
export function spawnMeasurement(task: ApiTask, options: SpawnOptions): Promise<ApiMeasurement>;
export function spawnMeasurement(task: UiTask, options: SpawnOptions): Promise<UiMeasurement>;
export function spawnMeasurement(task: CashTask, options: SpawnOptions): Promise<CashMeasurement>;
export function spawnMeasurement(task: CashReadsTask, options: SpawnOptions): Promise<CashReadsMeasurement>;
export async function spawnMeasurement(task: SimulateTask | PlanningTask | RenderTask | OutboxTask | ApiTask | UiTask | CashTask | CashReadsTask, options: SpawnOptions): Promise<unknown> {
  const resultPath = join(options.workDir, `result-${options.label}.json`);
  rmSync(resultPath, { force: true });
  const heapCap = options.maxOldSpaceMiB === undefined ? [] : [`--max-old-space-size=${options.maxOldSpaceMiB}`];
  const args = ['--expose-gc', ...heapCap, runTs, entry, JSON.stringify(task), resultPath];
  if (options.cpuProfile) {
    const profileDir = join(options.workDir, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    args.push(join(profileDir, options.label));
  }
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`measurement ${options.label} exited with ${String(code)}:\n${stderr}`);
  return JSON.parse(readFileSync(resultPath, 'utf8')) as unknown;
}
