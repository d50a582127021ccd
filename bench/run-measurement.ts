import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureApiLatency, type ApiMeasurement, type ApiTask } from './measure-api-latency.ts';
import { measureCashMatching, type CashMeasurement, type CashTask } from './measure-cash-matching.ts';
import { measureCashReads, type CashReadsMeasurement, type CashReadsTask } from './measure-cash-reads.ts';
import { measureOutboxDelivery, type OutboxMeasurement, type OutboxTask } from './measure-outbox-delivery.ts';
import { measurePlanningPass, type PlanningMeasurement, type PlanningTask } from './measure-planning-pass.ts';
import { measureRender, type RenderMeasurement, type RenderTask } from './measure-render.ts';
import { measureSimulate, type SimulateMeasurement, type SimulateTask } from './measure-simulate.ts';
import type { UiMeasurement, UiTask } from './measure-ui-open.ts';
import { profileCpu } from './profile-cpu.ts';

// One measurement in a process of its own (started by spawn-measurement.ts with --expose-gc),
// so its peak RSS is its own and not what an earlier measurement left behind.
// Usage: run-measurement.ts TASK_JSON RESULT_PATH [PROFILE_BASE]

type Task = SimulateTask | PlanningTask | RenderTask | OutboxTask | ApiTask | UiTask | CashTask | CashReadsTask;

function runMeasurement(
  task: Task,
): Promise<SimulateMeasurement | PlanningMeasurement | RenderMeasurement | OutboxMeasurement | ApiMeasurement | UiMeasurement | CashMeasurement | CashReadsMeasurement> {
  if (task.kind === 'simulate') return measureSimulate(task);
  if (task.kind === 'cash') return measureCashMatching(task);
  if (task.kind === 'cash-reads') return measureCashReads(task);
  if (task.kind === 'render') return measureRender(task);
  if (task.kind === 'outbox') return measureOutboxDelivery(task);
  if (task.kind === 'api') return measureApiLatency(task);
  // Loaded only here: Playwright's client would take heap from the planning pass capped at 64 MiB.
  if (task.kind === 'ui') return import('./measure-ui-open.ts').then(({ measureUiOpen }) => measureUiOpen(task));
  return measurePlanningPass(task);
}

const [taskJson, resultPath, profileBase] = process.argv.slice(2);
if (taskJson === undefined || resultPath === undefined) throw new Error('usage: run-measurement.ts TASK_JSON RESULT_PATH [PROFILE_BASE]');
const task = JSON.parse(taskJson) as Task;
const root = fileURLToPath(new URL('..', import.meta.url));
const result = profileBase ? await profileCpu(() => runMeasurement(task), profileBase, root) : await runMeasurement(task);
writeFileSync(resultPath, JSON.stringify(result));
