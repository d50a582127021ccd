import { resolve } from 'node:path';

// The sizes the issues set (simulate: 100,000 invoices, 10,000 customers, 50 zones, 90 days;
// planning: 1,000,000 open invoices; render: 2 s per run of each renderer, issue 3; outbox: 3,000
// messages through a pool of 5, issue 4; api: 100,000 open invoices, 50 connections, 10 s per
// endpoint; ui: the admin web app's two big lists at the API section's 100,000 invoices, 10 warm
// opens each; cash: 10,000 payments against 40,000 and against 100,000 open invoices, and a page
// of Unapplied Cash (50 payments) against 100,000 and 1,000,000 open invoices in SQLite), scaled
// down by BENCH_SCALE for quick runs. Only a full run of every section, not
// profiled, writes docs/benchmarks.md unless BENCH_OUTPUT says otherwise.

export type BenchSection = 'simulate' | 'planning' | 'render' | 'outbox' | 'api' | 'ui' | 'cash';

export const benchSections: readonly BenchSection[] = ['simulate', 'planning', 'render', 'outbox', 'api', 'ui', 'cash'];

export interface SimulateSize {
  customers: number;
  invoices: number;
  timeZones: number;
  days: number;
}

export interface PlanningSize {
  invoices: number;
  customers: number;
}

export interface RenderBenchSize {
  /** Distinct messages rendered in turn. */
  contexts: number;
  /** Timed runs of each renderer; the report gives their median. */
  runs: number;
  /** Length of one timed run. */
  runMs: number;
  /** Untimed rendering of each renderer before the runs, so the JIT has settled. */
  warmupMs: number;
}

export interface OutboxBenchSize {
  /** Messages each timed run sends (BENCH_OUTBOX_MESSAGES). */
  messages: number;
  /** Timed runs of each side, alternating; the report gives their medians. */
  runs: number;
  /** Messages of one untimed run of each side first. */
  warmupMessages: number;
  /** SMTP connections on both sides (BENCH_OUTBOX_POOL; PLIXO_SMTP_MAX_CONNECTIONS defaults to 5). */
  poolSize: number;
}

export interface ApiBenchSize {
  /** Open invoices of the one organisation the requests read, and its customers. */
  invoices: number;
  customers: number;
  /** Concurrent keep-alive connections of the load generator (BENCH_API_CONNECTIONS). */
  connections: number;
  /** Length of the timed load on each endpoint (BENCH_API_SECONDS). */
  durationSeconds: number;
  /** Untimed load on each endpoint just before its timed run, so the JIT and SQLite's page cache have settled. */
  warmupSeconds: number;
}

/** The screens show the API section's seeded organisation (its sizes are `api`'s). */
export interface UiBenchSize {
  /** Timed opens of each screen after the cold one, in a browser whose cache is warm (BENCH_UI_OPENS). */
  warmOpens: number;
}

/** A portfolio in SQLite that a page of Unapplied Cash is read against (the page keeps its 50 payments at every scale). */
export interface CashReadsBenchSize {
  invoices: number;
  customers: number;
}

/** One generated portfolio of the cash section and the payments matched against it. */
export interface CashBenchSize {
  invoices: number;
  customers: number;
  payments: number;
}

export interface BenchOptions {
  scale: number;
  sections: readonly BenchSection[];
  simulate: SimulateSize;
  /** Ascending; the last is the size the ratio target is judged on. */
  planning: readonly PlanningSize[];
  planningTimeZones: number;
  /** The heap cap (MiB) the largest planning pass must also complete under, to show it streams. */
  planningHeapCapMiB: number;
  render: RenderBenchSize;
  outbox: OutboxBenchSize;
  api: ApiBenchSize;
  ui: UiBenchSize;
  /** The realistic portfolio first (judged on matching quality), then the large one (judged on speed). */
  cash: readonly CashBenchSize[];
  /** Ascending: the Unapplied Cash page read by its candidates and by every open invoice. */
  cashReads: readonly CashReadsBenchSize[];
  cashPagePayments: number;
  /** Timed repetitions of the bare scan and of the planning pass at the largest size. */
  runs: number;
  /** Where the report is written. */
  outputPath: string;
  /** Scratch folder for the data file and the SQLite database (git-ignored). */
  workDir: string;
  /** Keep an already seeded database of the same sizes instead of building it again. */
  reuseDatabase: boolean;
  /** Write a V8 CPU profile of every measurement into workDir/profiles. */
  cpuProfile: boolean;
}

const fullPlanningSizes = [250_000, 500_000, 1_000_000];
const invoicesPerPlanningCustomer = 10;

export function readBenchOptions(env: NodeJS.ProcessEnv, cwd: string): BenchOptions {
  const scale = readNumber(env, 'BENCH_SCALE', 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be a number in (0, 1], got ${env.BENCH_SCALE}`);
  const runs = readNumber(env, 'BENCH_RUNS', 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number of at least 1, got ${env.BENCH_RUNS}`);
  const workDir = resolve(cwd, env.BENCH_WORK_DIR ?? '.bench-tmp');
  const scaled = (count: number) => Math.max(1, Math.round(count * scale));
  const simulateCustomers = scaled(10_000);
  const sections = readSections(env.BENCH_ONLY);
  const cpuProfile = env.BENCH_CPU_PROF === '1';
  const outboxMessages = readNumber(env, 'BENCH_OUTBOX_MESSAGES', Math.max(20, Math.round(3_000 * scale)));
  // seedOutbox numbers its customers and invoices with five digits.
  if (!Number.isInteger(outboxMessages) || outboxMessages < 1 || outboxMessages > 99_999) {
    throw new Error(`BENCH_OUTBOX_MESSAGES must be a whole number from 1 to 99999, got ${env.BENCH_OUTBOX_MESSAGES}`);
  }
  const outboxPool = readNumber(env, 'BENCH_OUTBOX_POOL', 5);
  if (!Number.isInteger(outboxPool) || outboxPool < 1 || outboxPool > 50) throw new Error(`BENCH_OUTBOX_POOL must be a whole number from 1 to 50, got ${env.BENCH_OUTBOX_POOL}`);
  const outboxResized = isSet(env.BENCH_OUTBOX_MESSAGES) || isSet(env.BENCH_OUTBOX_POOL);
  // autocannon stops on its once-a-second tick, so a run shorter than a second still lasts one.
  const apiSeconds = readNumber(env, 'BENCH_API_SECONDS', Math.max(1, Math.round(10 * scale)));
  if (!Number.isInteger(apiSeconds) || apiSeconds < 1) throw new Error(`BENCH_API_SECONDS must be a whole number of at least 1, got ${env.BENCH_API_SECONDS}`);
  const apiConnections = readNumber(env, 'BENCH_API_CONNECTIONS', 50);
  if (!Number.isInteger(apiConnections) || apiConnections < 1 || apiConnections > 1_000) {
    throw new Error(`BENCH_API_CONNECTIONS must be a whole number from 1 to 1000, got ${env.BENCH_API_CONNECTIONS}`);
  }
  const apiResized = isSet(env.BENCH_API_SECONDS) || isSet(env.BENCH_API_CONNECTIONS);
  const apiInvoices = scaled(100_000);
  const uiOpens = readNumber(env, 'BENCH_UI_OPENS', Math.max(2, Math.round(10 * scale)));
  if (!Number.isInteger(uiOpens) || uiOpens < 1 || uiOpens > 1_000) throw new Error(`BENCH_UI_OPENS must be a whole number from 1 to 1000, got ${env.BENCH_UI_OPENS}`);
  const uiResized = isSet(env.BENCH_UI_OPENS);
  // Only a full, complete, unprofiled run at the issues' sizes may stand for the project in docs/benchmarks.md.
  const complete = sections.length === benchSections.length;
  const canonical = scale === 1 && complete && !cpuProfile && !outboxResized && !apiResized && !uiResized;
  const variant = [
    `scale-${scale}`,
    ...(complete ? [] : sections),
    ...(outboxResized ? [`${outboxMessages}-messages-pool-${outboxPool}`] : []),
    ...(apiResized ? [`api-${apiConnections}-connections-${apiSeconds}-s`] : []),
    ...(uiResized ? [`ui-${uiOpens}-opens`] : []),
    ...(cpuProfile ? ['profiled'] : []),
  ].join('-');
  return {
    scale,
    sections,
    simulate: { customers: simulateCustomers, invoices: scaled(100_000), timeZones: Math.min(50, simulateCustomers), days: 90 },
    planning: fullPlanningSizes.map((size) => {
      const invoices = scaled(size);
      return { invoices, customers: Math.max(1, Math.round(invoices / invoicesPerPlanningCustomer)) };
    }),
    planningTimeZones: 50,
    planningHeapCapMiB: 64,
    render: {
      contexts: Math.max(10, Math.round(1_000 * scale)),
      // The median of five by default; BENCH_RUNS sets it here too.
      runs: env.BENCH_RUNS === undefined || env.BENCH_RUNS === '' ? 5 : runs,
      runMs: Math.max(5, Math.round(2_000 * scale)),
      warmupMs: Math.max(5, Math.round(1_000 * scale)),
    },
    outbox: {
      messages: outboxMessages,
      // Five of each side by default, like render: a loopback pair on a shared machine is noisy.
      runs: env.BENCH_RUNS === undefined || env.BENCH_RUNS === '' ? 5 : runs,
      warmupMessages: Math.min(outboxMessages, Math.max(10, Math.round(500 * scale))),
      poolSize: outboxPool,
    },
    api: {
      invoices: apiInvoices,
      customers: Math.max(1, Math.round(apiInvoices / invoicesPerPlanningCustomer)),
      connections: apiConnections,
      durationSeconds: apiSeconds,
      warmupSeconds: scale === 1 ? 2 : 1,
    },
    ui: { warmOpens: uiOpens },
    cash: [
      { invoices: scaled(40_000), customers: scaled(3_000), payments: scaled(10_000) },
      { invoices: scaled(100_000), customers: scaled(8_000), payments: scaled(10_000) },
    ],
    cashReads: [
      { invoices: scaled(100_000), customers: scaled(8_000) },
      { invoices: scaled(1_000_000), customers: scaled(80_000) },
    ],
    cashPagePayments: 50,
    runs,
    outputPath: resolve(cwd, env.BENCH_OUTPUT ?? (canonical ? 'docs/benchmarks.md' : `${workDir}/benchmarks-${variant}.md`)),
    workDir,
    reuseDatabase: env.BENCH_REUSE_DB === '1',
    cpuProfile,
  };
}

function isSet(text: string | undefined): boolean {
  return text !== undefined && text !== '';
}

function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${text}"`);
  return value;
}

function readSections(text: string | undefined): BenchSection[] {
  if (text === undefined || text === '') return [...benchSections];
  const sections = [...new Set(text.split(',').map((part) => part.trim()))];
  for (const section of sections) {
    if (!(benchSections as readonly string[]).includes(section)) throw new Error(`BENCH_ONLY takes ${benchSections.join(', ')} (comma-separated), got "${section}"`);
  }
  // In the report's order, whatever order they were asked in.
  return benchSections.filter((section) => sections.includes(section));
}
