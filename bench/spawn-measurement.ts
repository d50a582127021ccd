import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanningMeasurement, PlanningTask } from './measure-planning-pass.ts';
import type { SimulateMeasurement, SimulateTask } from './measure-simulate.ts';

// Starts bench/run-measurement.ts in a fresh node (through bin/run-ts.js, as `npm run bench`
// runs) with --expose-gc, and optionally a CPU profile, and reads back its result.

const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const entry = fileURLToPath(new URL('./run-measurement.ts', import.meta.url));

export interface SpawnOptions {
  workDir: string;
  /** Write a .cpuprofile of the child into workDir/profiles. */
  cpuProfile: boolean;
  /** A name for the result and profile files. */
  label: string;
}

export function spawnMeasurement(task: SimulateTask, options: SpawnOptions): Promise<SimulateMeasurement>;
export function spawnMeasurement(task: PlanningTask, options: SpawnOptions): Promise<PlanningMeasurement>;
export async function spawnMeasurement(task: SimulateTask | PlanningTask, options: SpawnOptions): Promise<unknown> {
  const resultPath = join(options.workDir, `result-${options.label}.json`);
  rmSync(resultPath, { force: true });
  const flags = ['--expose-gc'];
  if (options.cpuProfile) {
    const profileDir = join(options.workDir, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${options.label}.cpuprofile`);
  }
  const child = spawn(process.execPath, [...flags, runTs, entry, JSON.stringify(task), resultPath], {
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
