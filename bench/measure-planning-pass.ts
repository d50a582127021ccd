import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import type { Store } from '../src/app/ports/store.ts';
import { runPlanningPass, type PlanningPassResult } from '../src/app/run-planning-pass.ts';
import { loadBundleFromDisk } from '../src/cli/load-bundle-from-disk.ts';
import type { Policy } from '../src/core/policy/policy-model.ts';
import { parseCalendarDay } from '../src/core/time/calendar-day.ts';
import type { Instant } from '../src/core/time/time-zone.ts';
import { collectGarbage, createMemoryProbe, readMaxRss, readMemory, type MemoryPeak, type MemorySnapshot } from './create-memory-probe.ts';

// The planning pass against the floor it is judged by: a bare better-sqlite3 scan of the same
// rows, in the same order, with a trivial computation per row, in the same process.

export interface PlanningTask {
  kind: 'planning-timing' | 'planning-memory';
  databasePath: string;
  workspaceId: string;
  policyDir: string;
  now: Instant;
  /** Timed repetitions (planning-timing). */
  runs: number;
}

export interface ScanResult {
  rows: number;
  balanceMinorSum: number;
  dueDaySum: number;
}

export interface PlanningTimingMeasurement {
  kind: 'planning-timing';
  scanMs: number[];
  passMs: number[];
  /** CPU time (user + system, all threads: GC helpers included) of each run; wall time suffers when the machine is busy, this less. */
  scanCpuMs: number[];
  passCpuMs: number[];
  scan: ScanResult;
  pass: PlanningPassResult;
}

export interface PlanningMemoryMeasurement {
  kind: 'planning-memory';
  passMs: number;
  /** One scan after the pass, for the ratio at this size (a single run, not a best of). */
  scanMs: number;
  pass: PlanningPassResult;
  /** After opening the database and loading the policy, collected. */
  baseline: MemorySnapshot;
  /** Sampled every 50 ms and at every page of customers the pass reads. */
  peak: MemoryPeak;
  /** The process's peak RSS up to the end of the pass (getrusage). */
  maxRssBytes: number;
  /** Heap used after the pass, collected: what the pass left behind, compared with `baseline`. */
  retainedHeapUsedBytes: number;
  /** Heap one invoice row from the store takes while held: what loading every row at once would cost per invoice. */
  heldRowBytes: number;
}

export type PlanningMeasurement = PlanningTimingMeasurement | PlanningMemoryMeasurement;

const scanSql = `select workspace_id, id, customer_id, number, issued_on, due_on, amount_minor, balance_minor, currency, known_at, status, updated_at
  from invoices where workspace_id = ? and status = 'open' order by customer_id, id`;

interface ScanRow {
  balance_minor: number;
  due_on: string;
}

export function scanOpenInvoices(sqlite: BetterSqlite3.Database, workspaceId: string): ScanResult {
  const result: ScanResult = { rows: 0, balanceMinorSum: 0, dueDaySum: 0 };
  for (const row of sqlite.prepare(scanSql).iterate(workspaceId) as IterableIterator<ScanRow>) {
    result.rows += 1;
    result.balanceMinorSum += row.balance_minor;
    result.dueDaySum += parseCalendarDay(row.due_on) ?? 0;
  }
  return result;
}

export async function measurePlanningPass(task: PlanningTask): Promise<PlanningMeasurement> {
  const bundle = await loadBundleFromDisk(task.policyDir);
  if (!bundle.ok) throw new Error(bundle.message);
  const database = openDatabase(task.databasePath);
  const sqlite = new BetterSqlite3(task.databasePath, { readonly: true });
  try {
    const store = createStore(database, { now: () => task.now });
    return task.kind === 'planning-timing'
      ? await measureTiming(task, store, sqlite, bundle.policy)
      : await measureMemory(task, store, sqlite, bundle.policy);
  } finally {
    sqlite.close();
    await database.close();
  }
}

async function measureTiming(task: PlanningTask, store: Store, sqlite: BetterSqlite3.Database, policy: Policy): Promise<PlanningTimingMeasurement> {
  const scanMs: number[] = [];
  const passMs: number[] = [];
  const scanCpuMs: number[] = [];
  const passCpuMs: number[] = [];
  let scan: ScanResult | null = null;
  let pass: PlanningPassResult | null = null;
  // Alternated, so a warmer cache or a busier machine favours neither side.
  for (let run = 0; run < task.runs; run += 1) {
    collectGarbage();
    let started = performance.now();
    let cpu = process.cpuUsage();
    scan = scanOpenInvoices(sqlite, task.workspaceId);
    scanMs.push(performance.now() - started);
    scanCpuMs.push(cpuMs(process.cpuUsage(cpu)));
    collectGarbage();
    started = performance.now();
    cpu = process.cpuUsage();
    pass = await runPlanningPass({ store, workspaceId: task.workspaceId, policy, now: task.now });
    passMs.push(performance.now() - started);
    passCpuMs.push(cpuMs(process.cpuUsage(cpu)));
  }
  if (scan === null || pass === null) throw new Error('runs must be at least 1');
  if (scan.rows !== pass.invoices) throw new Error(`the scan read ${scan.rows} invoices but the pass planned ${pass.invoices}`);
  return { kind: 'planning-timing', scanMs, passMs, scanCpuMs, passCpuMs, scan, pass };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

async function measureMemory(task: PlanningTask, store: Store, sqlite: BetterSqlite3.Database, policy: Policy): Promise<PlanningMemoryMeasurement> {
  collectGarbage();
  const baseline = readMemory();
  const probe = createMemoryProbe(50);
  // The pass asks for each page of customers once it has read their invoices: the moment the
  // most of a page is alive, so the right moment to sample too.
  const sampled: Store = {
    ...store,
    listCustomers: (workspaceId, query) => {
      probe.sample();
      return store.listCustomers(workspaceId, query);
    },
  };
  let started = performance.now();
  const pass = await runPlanningPass({ store: sampled, workspaceId: task.workspaceId, policy, now: task.now });
  const passMs = performance.now() - started;
  const peak = probe.stop();
  const maxRssBytes = readMaxRss();
  collectGarbage();
  const retainedHeapUsedBytes = readMemory().heapUsedBytes;
  started = performance.now();
  const scan = scanOpenInvoices(sqlite, task.workspaceId);
  const scanMs = performance.now() - started;
  if (scan.rows !== pass.invoices) throw new Error(`the scan read ${scan.rows} invoices but the pass planned ${pass.invoices}`);
  const heldRowBytes = await measureHeldRowBytes(store, task.workspaceId);
  return { kind: 'planning-memory', passMs, scanMs, pass, baseline, peak, maxRssBytes, retainedHeapUsedBytes, heldRowBytes };
}

async function measureHeldRowBytes(store: Store, workspaceId: string): Promise<number> {
  const held: unknown[] = [];
  collectGarbage();
  const before = readMemory().heapUsedBytes;
  for await (const row of store.streamOpenInvoices(workspaceId, { batchSize: 2000 })) {
    held.push(row);
    if (held.length === 20_000) break;
  }
  collectGarbage();
  const bytes = (readMemory().heapUsedBytes - before) / held.length;
  held.length = 0;
  return bytes;
}
