import { performance } from 'node:perf_hooks';
import { loadBundleFromDisk } from '../src/cli/load-bundle-from-disk.ts';
import { readJsonFile } from '../src/cli/read-json-file.ts';
import type { Policy } from '../src/core/policy/policy-model.ts';
import { parsePortfolio } from '../src/core/portfolio/parse-portfolio.ts';
import type { Portfolio } from '../src/core/portfolio/portfolio.ts';
import { findSegment } from '../src/core/segments/match-segment.ts';
import { formatJsonLines } from '../src/core/simulation/format-actions.ts';
import { simulatePortfolio } from '../src/core/simulation/simulate-portfolio.ts';
import { localDay, type Instant } from '../src/core/time/time-zone.ts';
import { collectGarbage, readMaxRss, readMemory } from './create-memory-probe.ts';

// `plixo simulate` in-process, step by step as src/cli/commands/simulate.ts does it (bundle from
// disk, JSON file, parsePortfolio, simulatePortfolio, JSON lines), each step timed.

export interface SimulateTask {
  kind: 'simulate';
  policyDir: string;
  dataPath: string;
  from: Instant;
  to: Instant;
}

export interface SimulateMeasurement {
  customers: number;
  invoices: number;
  events: number;
  /** Reading the file and JSON.parse. */
  readMs: number;
  parseMs: number;
  simulateMs: number;
  /** Formatting the actions as JSON lines, as `plixo simulate` prints them. */
  formatMs: number;
  outputBytes: number;
  actions: number;
  actionsByType: Record<string, number>;
  actionsBySegment: Record<string, number>;
  /** The governing segment of every invoice at the start of the range. */
  invoicesBySegment: Record<string, number>;
  invoicesWithoutSegment: number;
  memory: {
    /** After loading the policy, before reading the data, collected. */
    baselineHeapUsedBytes: number;
    baselineRssBytes: number;
    /** After parsing, with the raw JSON and the portfolio both held. */
    afterParseHeapUsedBytes: number;
    /** After simulating, with the portfolio and the actions held, before any collection. */
    afterSimulateHeapUsedBytes: number;
    /** The process's peak RSS up to the end of the simulation (getrusage). */
    peakRssThroughSimulateBytes: number;
    /** The process's peak RSS after formatting the output too. */
    peakRssWithOutputBytes: number;
  };
}

export async function measureSimulate(task: SimulateTask): Promise<SimulateMeasurement> {
  const bundle = await loadBundleFromDisk(task.policyDir);
  if (!bundle.ok) throw new Error(bundle.message);
  collectGarbage();
  const baseline = readMemory();

  let started = performance.now();
  const raw = await readJsonFile(task.dataPath);
  if (!raw.ok) throw new Error(raw.message);
  const readMs = performance.now() - started;

  started = performance.now();
  const parsed = parsePortfolio(raw.value);
  const parseMs = performance.now() - started;
  if (!parsed.ok) throw new Error(`the generated data has ${parsed.issues.length} problems, first: ${JSON.stringify(parsed.issues[0])}`);
  const afterParse = readMemory();
  const portfolio = parsed.portfolio;
  const coverage = countInvoicesBySegment(bundle.policy, portfolio, task.from);

  started = performance.now();
  const actions = simulatePortfolio({ policy: bundle.policy, portfolio, from: task.from, to: task.to });
  const simulateMs = performance.now() - started;
  const afterSimulate = readMemory();
  const peakRssThroughSimulate = readMaxRss();

  started = performance.now();
  const output = formatJsonLines(actions);
  const formatMs = performance.now() - started;

  const actionsByType: Record<string, number> = {};
  const actionsBySegment: Record<string, number> = {};
  for (const action of actions) {
    actionsByType[action.type] = (actionsByType[action.type] ?? 0) + 1;
    // Tasks for a reply or a broken promise belong to the customer, not to a segment.
    const segment = action.segment ?? `(no segment: ${[action.type, action.reason].filter(Boolean).join(', ')})`;
    actionsBySegment[segment] = (actionsBySegment[segment] ?? 0) + 1;
  }
  return {
    customers: portfolio.customers.length,
    invoices: portfolio.invoices.length,
    events: portfolio.events.length,
    readMs,
    parseMs,
    simulateMs,
    formatMs,
    outputBytes: Buffer.byteLength(output),
    actions: actions.length,
    actionsByType,
    actionsBySegment,
    invoicesBySegment: coverage.bySegment,
    invoicesWithoutSegment: coverage.without,
    memory: {
      baselineHeapUsedBytes: baseline.heapUsedBytes,
      baselineRssBytes: baseline.rssBytes,
      afterParseHeapUsedBytes: afterParse.heapUsedBytes,
      afterSimulateHeapUsedBytes: afterSimulate.heapUsedBytes,
      peakRssThroughSimulateBytes: peakRssThroughSimulate,
      peakRssWithOutputBytes: readMaxRss(),
    },
  };
}

/** Which segment governs each invoice at `at`, by the engine's own matcher; invoices no segment takes get no cadence at all. */
function countInvoicesBySegment(policy: Policy, portfolio: Portfolio, at: Instant): { bySegment: Record<string, number>; without: number } {
  const customers = new Map(portfolio.customers.map((customer) => [customer.id, customer]));
  const bySegment: Record<string, number> = {};
  let without = 0;
  for (const invoice of portfolio.invoices) {
    const customer = customers.get(invoice.customerId)!;
    const timeZone = customer.timeZone ?? policy.workspace.timeZone;
    const segment = findSegment(policy.segments, {
      customer,
      invoice,
      balanceMinor: invoice.balanceMinor,
      daysPastDue: localDay(timeZone, at) - invoice.dueOn,
    });
    if (segment === null) without += 1;
    else bySegment[segment.name] = (bySegment[segment.name] ?? 0) + 1;
  }
  return { bySegment, without };
}
