import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { formatInstant } from '../src/core/time/parse-instant.ts';
import { browserSkipReason } from '../src/testing/launch-test-chromium.ts';
import {
  judgeTargets,
  best,
  median,
  outboxRates,
  outboxRatio,
  type ApiSection,
  type BenchReport,
  type CashSection,
  type OutboxSection,
  type PlanningSection,
  type RenderSection,
  type SimulateSection,
  type UiSection,
  screenOpenSummary,
  uiScreenLabels,
  cashPaymentsPerSecond,
} from './bench-report.ts';
import { buildSimulationData } from './build-simulation-data.ts';
import { describeMachine, readLoadAverage } from './describe-machine.ts';
import { readBenchOptions, type BenchOptions, type PlanningSize } from './read-bench-options.ts';
import { formatCount, formatMiB, formatMs, formatRate, renderReport } from './render-report.ts';
import type { PlanningTask } from './measure-planning-pass.ts';
import { apiBenchPassword, apiBenchUser, seedApiDatabase, type SeedApiResult } from './seed-api-database.ts';
import { planningWorkspaceId, seedPlanningDatabase } from './seed-planning-database.ts';
import { spawnMeasurement } from './spawn-measurement.ts';
import type { OpenSummary } from './summarise-opens.ts';

// `npm run bench`: simulate over a generated portfolio and the planning pass over open invoices
// in SQLite (issue 2), rendering a message against Handlebars (issue 3), and sending from the
// outbox against bare nodemailer (issue 4), and the JSON API's latency under load (autocannon on
// loopback), and how long the admin web app takes to open its big lists in Chromium (ui, over the
// API section's seeded file), and Cash-App Assist over generated payments whose truth is known
// (cash), measured in one run and written to docs/benchmarks.md.
// BENCH_ONLY=api (or any of them, comma-separated) runs only those.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const policyDir = resolve(repoRoot, 'examples/acme');
const msPerDay = 86_400_000;
// Fixed instants, so two runs plan the same thing. The sender's warm-up (from 2024-03-04) is over by then.
const simulateFrom = Date.parse('2024-09-02T00:00:00Z');
const planningNow = Date.parse('2024-10-01T13:00:00Z');
const seed = 20_240_902;

export interface RunBenchmarksResult {
  report: BenchReport;
  markdown: string;
}

export async function runBenchmarks(options: BenchOptions, log: (line: string) => void = () => {}): Promise<RunBenchmarksResult> {
  const started = performance.now();
  mkdirSync(options.workDir, { recursive: true });
  const machine = describeMachine(new Date());
  const simulate = options.sections.includes('simulate') ? await benchSimulate(options, log) : null;
  const planning = options.sections.includes('planning') ? await benchPlanning(options, log) : null;
  const render = options.sections.includes('render') ? await benchRender(options, log) : null;
  const outbox = options.sections.includes('outbox') ? await benchOutbox(options, log) : null;
  // The api and ui sections read one seeded file: seeding 100,000 invoices twice would only make the run longer.
  const apiSeed = options.sections.includes('api') || options.sections.includes('ui') ? await seedApiBench(options, log) : null;
  const api = apiSeed && options.sections.includes('api') ? await benchApi(options, apiSeed, log) : null;
  const ui = apiSeed && options.sections.includes('ui') ? await benchUi(options, apiSeed, log) : null;
  const cash = options.sections.includes('cash') ? await benchCash(options, log) : null;
  const report: BenchReport = {
    machine,
    scale: options.scale,
    runs: options.runs,
    totalMs: performance.now() - started,
    loadAverageAtEnd: readLoadAverage(),
    simulate,
    planning,
    render,
    outbox,
    api,
    ui,
    cash,
    targets: judgeTargets(simulate, planning, render, outbox, api, ui, cash),
  };
  const markdown = renderReport(report);
  mkdirSync(dirname(options.outputPath), { recursive: true });
  writeFileSync(options.outputPath, markdown);
  return { report, markdown };
}

async function benchSimulate(options: BenchOptions, log: (line: string) => void): Promise<SimulateSection> {
  const size = options.simulate;
  const to = simulateFrom + size.days * msPerDay;
  log(`simulate: generating ${size.invoices} invoices for ${size.customers} customers in ${size.timeZones} zones…`);
  let started = performance.now();
  const { data, summary } = buildSimulationData({ ...size, from: simulateFrom, to, seed });
  const dataPath = resolve(options.workDir, 'simulate-data.json');
  writeFileSync(dataPath, JSON.stringify(data));
  const generateMs = performance.now() - started;
  log(`simulate: running over ${size.days} days…`);
  started = performance.now();
  const measurement = await spawnMeasurement(
    { kind: 'simulate', policyDir, dataPath, from: simulateFrom, to },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: 'simulate' },
  );
  log(`simulate: done in ${formatMs(performance.now() - started)}`);
  const from = formatInstant(simulateFrom);
  const until = formatInstant(to);
  return {
    from,
    to: until,
    days: size.days,
    timeZones: size.timeZones,
    data: summary,
    dataPath,
    dataBytes: statSync(dataPath).size,
    generateMs,
    measurement,
    commands: [
      `${envPrefix(options, 'simulate')}npm run bench`,
      '# the same data through the CLI (adds process start-up and printing):',
      `npx plixo simulate --policy examples/acme --data ${relative(repoRoot, dataPath)} --from ${from} --to ${until} --format jsonl > /dev/null`,
    ],
  };
}

async function benchPlanning(options: BenchOptions, log: (line: string) => void): Promise<PlanningSection> {
  const databasePath = resolve(options.workDir, `planning-scale-${options.scale}.db`);
  const sizes = options.planning;
  log(`planning: seeding ${sizes.map((size) => size.invoices).join(' + ')} open invoices into ${relative(repoRoot, databasePath)}…`);
  const seeded = await seedPlanningDatabase({
    path: databasePath,
    sizes,
    timeZones: options.planningTimeZones,
    today: Math.floor(planningNow / msPerDay),
    knownAt: planningNow - 30 * msPerDay,
    seed,
    reuse: options.reuseDatabase,
  });
  log(`planning: seeded in ${formatMs(seeded.seedMs)}${seeded.reused ? ' (reused)' : ''}, ${formatMiB(seeded.fileBytes)}`);
  const task = (size: PlanningSize): Omit<PlanningTask, 'kind'> => ({ databasePath, workspaceId: planningWorkspaceId(size), policyDir, now: planningNow, runs: options.runs });
  const memory: PlanningSection['memory'] = [];
  for (const size of sizes) {
    const measurement = await spawnMeasurement(
      { kind: 'planning-memory', ...task(size) },
      { workDir: options.workDir, cpuProfile: options.cpuProfile, label: `planning-memory-${size.invoices}` },
    );
    if (measurement.kind !== 'planning-memory') throw new Error('expected a memory measurement');
    log(`planning: ${size.invoices} invoices: pass ${formatMs(measurement.passMs)}, peak heap ${formatMiB(measurement.peak.heapUsedBytes)}, peak RSS ${formatMiB(measurement.maxRssBytes)}`);
    memory.push({ size, measurement });
  }
  const largest = sizes[sizes.length - 1]!;
  const capped = await measureCapped(options, task(largest), largest, log);
  log(`planning: timing ${options.runs} scans and passes over ${largest.invoices} invoices…`);
  const timing = await spawnMeasurement(
    { kind: 'planning-timing', ...task(largest) },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: `planning-timing-${largest.invoices}` },
  );
  if (timing.kind !== 'planning-timing') throw new Error('expected a timing measurement');
  log(`planning: scan ${timing.scanMs.map(formatMs).join(', ')}; pass ${timing.passMs.map(formatMs).join(', ')}`);
  return {
    now: formatInstant(planningNow),
    timeZones: options.planningTimeZones,
    databasePath,
    seed: seeded,
    timing: { size: largest, measurement: timing },
    memory,
    capped,
    commands: [`${envPrefix(options, 'planning')}npm run bench`, `# faster when iterating on the pass: keep the seeded file`, `BENCH_REUSE_DB=1 ${envPrefix(options, 'planning')}npm run bench`],
  };
}

async function benchRender(options: BenchOptions, log: (line: string) => void): Promise<RenderSection> {
  const { contexts, runs, runMs, warmupMs } = options.render;
  log(`render: ${contexts} messages, each renderer warmed up for ${formatMs(warmupMs)}, then ${runs} runs of ${formatMs(runMs)} each…`);
  const started = performance.now();
  const measurement = await spawnMeasurement(
    { kind: 'render', contexts, runs, runMs, warmupMs, sourcesDir: resolve(options.workDir, 'handlebars') },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: 'render' },
  );
  log(`render: done in ${formatMs(performance.now() - started)}`);
  return {
    measurement,
    commands: [
      `${envPrefix(options, 'render')}npm run bench`,
      '# with a CPU profile and a hot-spot list in .bench-tmp/profiles/render.* (slower; numbers not comparable):',
      `${envPrefix(options, 'render')}BENCH_CPU_PROF=1 npm run bench`,
    ],
  };
}

async function benchOutbox(options: BenchOptions, log: (line: string) => void): Promise<OutboxSection> {
  const { messages, runs, warmupMessages, poolSize } = options.outbox;
  log(`outbox: ${messages} messages to a loopback SMTP server through ${poolSize} connections, outbox and bare nodemailer alternating, ${runs} runs each…`);
  const started = performance.now();
  const measurement = await spawnMeasurement(
    { kind: 'outbox', messages, runs, warmupMessages, poolSize, workDir: options.workDir },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: 'outbox' },
  );
  log(`outbox: done in ${formatMs(performance.now() - started)}`);
  const prefix = envPrefix(options, 'outbox');
  return {
    measurement,
    commands: [
      `${prefix}npm run bench`,
      '# more messages, another pool size (the report then goes to .bench-tmp/):',
      `${prefix}BENCH_OUTBOX_MESSAGES=10000 BENCH_OUTBOX_POOL=10 npm run bench`,
      '# with a CPU profile and a hot-spot list in .bench-tmp/profiles/outbox.* (both sides in one profile; numbers not comparable):',
      `${prefix}BENCH_CPU_PROF=1 npm run bench`,
    ],
  };
}

interface ApiSeed {
  databasePath: string;
  seeded: SeedApiResult;
}

async function seedApiBench(options: BenchOptions, log: (line: string) => void): Promise<ApiSeed> {
  const size = options.api;
  const databasePath = resolve(options.workDir, `api-scale-${options.scale}.db`);
  log(`api: seeding ${size.invoices} open invoices of ${size.customers} customers into ${relative(repoRoot, databasePath)}…`);
  const seeded = await seedApiDatabase({
    path: databasePath,
    size: { invoices: size.invoices, customers: size.customers },
    timeZones: options.planningTimeZones,
    today: Math.floor(planningNow / msPerDay),
    knownAt: planningNow - 30 * msPerDay,
    seed,
    reuse: options.reuseDatabase,
    policyDir,
    now: planningNow,
  });
  log(
    `api: seeded in ${formatMs(seeded.seed.seedMs)}${seeded.seed.reused ? ' (reused)' : ''}, ${formatMiB(seeded.seed.fileBytes)}; ` +
      `collections queue of ${formatCount(seeded.queue.entries)} entries scored in ${formatMs(seeded.queue.refreshMs)}`,
  );
  return { databasePath, seeded };
}

async function benchApi(options: BenchOptions, { databasePath, seeded }: ApiSeed, log: (line: string) => void): Promise<ApiSection> {
  const size = options.api;
  log(`api: ${size.connections} connections, ${size.warmupSeconds} s untimed then ${size.durationSeconds} s timed per endpoint…`);
  const started = performance.now();
  const measurement = await spawnMeasurement(
    {
      kind: 'api',
      databasePath,
      workspaceId: seeded.workspaceId,
      userId: seeded.userId,
      userEmail: apiBenchUser.email,
      invoices: size.invoices,
      connections: size.connections,
      durationSeconds: size.durationSeconds,
      warmupSeconds: size.warmupSeconds,
    },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: 'api' },
  );
  for (const run of measurement.endpoints) {
    log(`api: ${run.id}: ${formatCount(Math.round(run.requestsPerSecond))} requests/s, p50 ${run.latency.p50.toFixed(1)} ms, p95 ${run.latency.p95.toFixed(1)} ms, ${run.non2xx} non-2xx, ${run.errors} errors`);
  }
  log(`api: done in ${formatMs(performance.now() - started)}`);
  const prefix = envPrefix(options, 'api');
  return {
    databasePath,
    seed: seeded,
    measurement,
    commands: [
      `${prefix}npm run bench`,
      '# keep the seeded file between runs; longer runs or other connection counts (the report then goes to .bench-tmp/):',
      `BENCH_REUSE_DB=1 ${prefix}npm run bench`,
      `${prefix}BENCH_API_SECONDS=30 BENCH_API_CONNECTIONS=100 npm run bench`,
    ],
  };
}

async function benchUi(options: BenchOptions, { databasePath, seeded }: ApiSeed, log: (line: string) => void): Promise<UiSection> {
  const prefix = envPrefix(options, 'ui');
  const commands = [
    `${prefix}npm run bench`,
    '# keep the seeded file between runs; more warm opens (the report then goes to .bench-tmp/):',
    `BENCH_REUSE_DB=1 ${prefix}npm run bench`,
    `${prefix}BENCH_UI_OPENS=30 npm run bench`,
  ];
  // As the browser test suites do: skipped without Chromium, except with CI=true, where launching it then fails the run.
  const skipped = browserSkipReason('bench ui');
  if (skipped !== null) {
    log(`ui: skipped, ${skipped}`);
    return { databasePath, seed: seeded, measurement: null, skipped, commands };
  }
  const opens = options.ui.warmOpens;
  log(`ui: Chromium opens the collections queue and the invoice list, each cold once then ${opens} times warm…`);
  const started = performance.now();
  const measurement = await spawnMeasurement(
    {
      kind: 'ui',
      databasePath,
      workspaceId: seeded.workspaceId,
      email: apiBenchUser.email,
      password: apiBenchPassword,
      invoices: options.api.invoices,
      queueEntries: seeded.queue.entries,
      warmOpens: opens,
    },
    // A profile of this process would show Playwright's client, neither the page nor the server.
    { workDir: options.workDir, cpuProfile: false, label: 'ui' },
  );
  for (const screen of measurement.screens) log(`ui: ${uiScreenLabels[screen.id]}: ${describeOpens(screenOpenSummary(screen))}`);
  log(`ui: done in ${formatMs(performance.now() - started)}`);
  return { databasePath, seed: seeded, measurement, skipped: null, commands };
}

async function benchCash(options: BenchOptions, log: (line: string) => void): Promise<CashSection> {
  const sizes = options.cash;
  log(`cash: ${sizes.map((size) => `${size.payments} payments against ${size.invoices} open invoices`).join(', then ')}, ${options.runs} timed runs each…`);
  const started = performance.now();
  const measurement = await spawnMeasurement(
    { kind: 'cash', sizes: [...sizes], seed, today: Math.floor(planningNow / msPerDay), runs: options.runs },
    { workDir: options.workDir, cpuProfile: options.cpuProfile, label: 'cash' },
  );
  for (const size of measurement.sizes) {
    const { outcome } = size;
    log(
      `cash: ${size.size.invoices} invoices: ${outcome.autoCorrect} auto-matched correctly, ${outcome.autoWrong} wrongly, ${outcome.review} for review; ` +
        `${formatCount(Math.round(cashPaymentsPerSecond(size)))} payments/s, index ${formatMs(median(size.indexMs))}`,
    );
  }
  const reads: CashSection['reads'] = [];
  for (const size of options.cashReads) {
    const databasePath = resolve(options.workDir, `cash-reads-scale-${options.scale}-${size.invoices}.db`);
    log(`cash: an Unapplied Cash page of ${options.cashPagePayments} payments against ${size.invoices} open invoices in ${relative(repoRoot, databasePath)}, by its candidates and by every open invoice…`);
    const read = await spawnMeasurement(
      { kind: 'cash-reads', databasePath, size, pagePayments: options.cashPagePayments, seed, today: Math.floor(planningNow / msPerDay), runs: options.runs, reuse: options.reuseDatabase },
      { workDir: options.workDir, cpuProfile: options.cpuProfile, label: `cash-reads-${size.invoices}` },
    );
    if (!read.same) throw new Error(`cash: the Unapplied Cash page read by its candidates differs from the one read from every open invoice (${size.invoices} invoices)`);
    log(
      `cash: ${size.invoices} invoices (seeded in ${formatMs(read.seeded.seedMs)}${read.seeded.reused ? ', reused' : ''}): ` +
        `candidates ${formatMs(median(read.candidates.ms))}, ${formatCount(read.candidates.rowsRead)} rows; every open invoice ${formatMs(median(read.everything.ms))}, ${formatCount(read.everything.rowsRead)} rows; same page`,
    );
    reads.push(read);
  }
  log(`cash: done in ${formatMs(performance.now() - started)}`);
  const prefix = envPrefix(options, 'cash');
  return {
    measurement,
    reads,
    commands: [
      `${prefix}npm run bench`,
      '# keep the seeded Unapplied Cash files between runs:',
      `BENCH_REUSE_DB=1 ${prefix}npm run bench`,
      '# with a CPU profile and a hot-spot list in .bench-tmp/profiles/cash.* (numbers not comparable):',
      `${prefix}BENCH_CPU_PROF=1 npm run bench`,
    ],
  };
}

async function measureCapped(
  options: BenchOptions,
  task: Omit<PlanningTask, 'kind'>,
  size: PlanningSize,
  log: (line: string) => void,
): Promise<PlanningSection['capped']> {
  const heapCapMiB = options.planningHeapCapMiB;
  log(`planning: ${size.invoices} invoices again with the heap capped at ${heapCapMiB} MiB…`);
  try {
    const measurement = await spawnMeasurement(
      { kind: 'planning-memory', ...task },
      { workDir: options.workDir, cpuProfile: false, label: `planning-capped-${size.invoices}`, maxOldSpaceMiB: heapCapMiB },
    );
    if (measurement.kind !== 'planning-memory') throw new Error('expected a memory measurement');
    log(`planning: capped pass ${formatMs(measurement.passMs)}, peak heap ${formatMiB(measurement.peak.heapUsedBytes)}`);
    return { size, heapCapMiB, measurement, failure: null };
  } catch (error) {
    // Running out of heap is a result here, not a crash of the bench.
    const message = error instanceof Error ? error.message : String(error);
    const failure = /heap out of memory/i.test(message) ? 'JavaScript heap out of memory' : message.split('\n')[0]!;
    log(`planning: capped pass failed: ${failure}`);
    return { size, heapCapMiB, measurement: null, failure };
  }
}

function describeOpens(summary: OpenSummary): string {
  return `cold ${formatMs(summary.coldMs)}, warm p50 ${formatMs(summary.warm.p50)}, p95 ${formatMs(summary.warm.p95)}, max ${formatMs(summary.warm.max)}`;
}

function envPrefix(options: BenchOptions, section: string): string {
  return `BENCH_ONLY=${section} ${options.scale === 1 ? '' : `BENCH_SCALE=${options.scale} `}`;
}

function printSummary(report: BenchReport, outputPath: string, print: (line: string) => void): void {
  print('');
  if (report.simulate) {
    const m = report.simulate.measurement;
    print(
      `simulate   ${m.invoices} invoices, ${m.customers} customers, ${report.simulate.days} days: parse ${formatMs(m.parseMs)}, ` +
        `simulate ${formatMs(m.simulateMs)}, ${m.actions} actions (${formatRate(m.actions, m.simulateMs)}/s), peak RSS ${formatMiB(m.memory.peakRssThroughSimulateBytes)}`,
    );
  }
  if (report.planning) {
    const { size, measurement } = report.planning.timing;
    print(
      `planning   ${size.invoices} invoices: scan ${formatMs(best(measurement.scanMs))}, pass ${formatMs(best(measurement.passMs))} ` +
        `(${formatRate(measurement.pass.invoices, best(measurement.passMs))} invoices/s)`,
    );
  }
  if (report.render) {
    const { contenders } = report.render.measurement;
    const rate = (id: keyof typeof contenders) => formatCount(Math.round(median(contenders[id].rates)));
    print(
      `render     renders/s (median): renderMessage ${rate('plixo')}, Handlebars with helpers ${rate('handlebarsHelpers')}, ` +
        `Handlebars with values from JS ${rate('handlebarsValues')}; body only: Plixo ${rate('plixoBody')}, Handlebars ${rate('handlebarsBody')}`,
    );
  }
  if (report.outbox) {
    const m = report.outbox.measurement;
    const rate = (side: 'outbox' | 'bare') => formatCount(Math.round(median(outboxRates(m, side))));
    print(`outbox     messages/s (median): outbox ${rate('outbox')}, bare nodemailer ${rate('bare')}, ratio ${outboxRatio(m).toFixed(2)}`);
  }
  if (report.api) {
    const runs = report.api.measurement.endpoints;
    print(`api        p95 (requests/s): ${runs.map((run) => `${run.id} ${run.latency.p95.toFixed(1)} ms (${formatCount(Math.round(run.requestsPerSecond))})`).join(', ')}`);
  }
  if (report.ui) {
    const m = report.ui.measurement;
    print(m ? `ui         ${m.screens.map((screen) => `${screen.id} ${describeOpens(screenOpenSummary(screen))}`).join('; ')}` : `ui         skipped: ${report.ui.skipped ?? ''}`);
  }
  if (report.cash) {
    for (const size of report.cash.measurement.sizes) {
      const { outcome } = size;
      const share = (part: number) => `${((part / outcome.payments) * 100).toFixed(1)} %`;
      print(
        `cash       ${formatCount(size.size.invoices)} invoices: auto correct ${share(outcome.autoCorrect)}, auto wrong ${outcome.autoWrong}, review ${share(outcome.review)}; ` +
          `${formatCount(Math.round(cashPaymentsPerSecond(size)))} payments/s`,
      );
    }
    for (const read of report.cash.reads) {
      print(
        `cash       Unapplied Cash page, ${formatCount(read.size.invoices)} invoices: candidates ${formatMs(median(read.candidates.ms))} (${formatCount(read.candidates.rowsRead)} rows), ` +
          `every open invoice ${formatMs(median(read.everything.ms))} (${formatCount(read.everything.rowsRead)} rows)`,
      );
    }
  }
  for (const target of report.targets) print(`${target.met ? 'MET    ' : 'NOT MET'}  ${target.name}: ${target.actual} (goal: ${target.target})`);
  print(`report     ${relative(process.cwd(), outputPath)} (${formatMs(report.totalMs)} in all)`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = readBenchOptions(process.env, process.cwd());
  const { report } = await runBenchmarks(options, (line) => console.log(line));
  printSummary(report, options.outputPath, (line) => console.log(line));
}
