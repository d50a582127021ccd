import type { SimulationDataSummary } from './build-simulation-data.ts';
import type { MachineInfo } from './describe-machine.ts';
import type { ApiEndpointId, ApiEndpointRun, ApiMeasurement } from './measure-api-latency.ts';
import type { CashMeasurement, CashSizeMeasurement } from './measure-cash-matching.ts';
import type { CashReadsMeasurement } from './measure-cash-reads.ts';
import type { PlanningMemoryMeasurement, PlanningTimingMeasurement } from './measure-planning-pass.ts';
import type { RenderContenderId, RenderMeasurement } from './measure-render.ts';
import type { OutboxContenderId, OutboxMeasurement } from './measure-outbox-delivery.ts';
import type { SimulateMeasurement } from './measure-simulate.ts';
import type { ScreenMeasurement, UiMeasurement } from './measure-ui-open.ts';
import type { PlanningSize } from './read-bench-options.ts';
import type { SeedApiResult } from './seed-api-database.ts';
import type { SeedPlanningResult } from './seed-planning-database.ts';
import { opensWithin, summariseOpens, type OpenSummary } from './summarise-opens.ts';

// Everything one run measured, as data: rendered to docs/benchmarks.md and checked by the smoke test.

export interface TargetOutcome {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface SimulateSection {
  from: string;
  to: string;
  days: number;
  timeZones: number;
  data: SimulationDataSummary;
  dataPath: string;
  dataBytes: number;
  generateMs: number;
  measurement: SimulateMeasurement;
  commands: string[];
}

export interface PlanningSection {
  now: string;
  timeZones: number;
  databasePath: string;
  seed: SeedPlanningResult;
  /** Best-of-N scan and pass at the largest size. */
  timing: { size: PlanningSize; measurement: PlanningTimingMeasurement };
  /** One sampled pass per size, ascending. */
  memory: { size: PlanningSize; measurement: PlanningMemoryMeasurement }[];
  /** The largest size again with V8's old generation capped: it completes only if the pass streams. */
  capped: { size: PlanningSize; heapCapMiB: number; measurement: PlanningMemoryMeasurement | null; failure: string | null };
  commands: string[];
}

export interface RenderSection {
  measurement: RenderMeasurement;
  commands: string[];
}

export interface OutboxSection {
  measurement: OutboxMeasurement;
  commands: string[];
}

export interface ApiSection {
  databasePath: string;
  seed: SeedApiResult;
  measurement: ApiMeasurement;
  commands: string[];
}

export interface UiSection {
  databasePath: string;
  seed: SeedApiResult;
  /** Null when the section was skipped: no Chromium here and not CI (`skipped` says so). */
  measurement: UiMeasurement | null;
  skipped: string | null;
  commands: string[];
}

export interface CashSection {
  measurement: CashMeasurement;
  /** The Unapplied Cash page read by its candidates and by every open invoice, per size. */
  reads: CashReadsMeasurement[];
  commands: string[];
}

export interface BenchReport {
  machine: MachineInfo;
  scale: number;
  runs: number;
  totalMs: number;
  /** Load averages when the run ended (the machine's has those at the start). */
  loadAverageAtEnd: string;
  simulate: SimulateSection | null;
  planning: PlanningSection | null;
  render: RenderSection | null;
  outbox: OutboxSection | null;
  api: ApiSection | null;
  ui: UiSection | null;
  cash: CashSection | null;
  targets: TargetOutcome[];
}

/** The planning pass may take at most this many times the bare scan (issue 2). */
export const maxPassToScanRatio = 4;
/** "Nothing retained": the collected heap after a pass may exceed the one before by at most this. */
export const maxRetainedBytes = 4 * 1024 * 1024;

export function best(values: readonly number[]): number {
  return Math.min(...values);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface RenderComparison {
  ours: RenderContenderId;
  theirs: RenderContenderId;
  name: string;
  /** False for the comparison shown only so a reader sees it: the two sides do different work. */
  likeForLike: boolean;
}

/** Issue 4: the outbox sends at least this share of what a bare nodemailer loop sends per second. */
export const minOutboxToBareRatio = 0.8;

/** Messages per second of each timed run of one side, in run order. */
export function outboxRates(measurement: OutboxMeasurement, side: OutboxContenderId): number[] {
  return measurement.runs.filter((run) => run.side === side).map((run) => measurement.messages / (run.ms / 1000));
}

/** The target's ratio: the outbox's median messages per second over the bare loop's. */
export function outboxRatio(measurement: OutboxMeasurement): number {
  return median(outboxRates(measurement, 'outbox')) / median(outboxRates(measurement, 'bare'));
}

/** Issue 3: renderMessage at least as fast as a precompiled Handlebars template of the same content. */
export const renderComparisons: readonly RenderComparison[] = [
  {
    ours: 'plixo',
    theirs: 'handlebarsHelpers',
    name: 'render: whole message (subject, text, branded HTML) from the raw context, `renderMessage` vs Handlebars formatting through helpers',
    likeForLike: true,
  },
  {
    ours: 'plixo',
    theirs: 'handlebarsValues',
    name: 'render: whole message from the raw context, `renderMessage` vs Handlebars given the values formatted once per message in JS',
    likeForLike: true,
  },
  {
    ours: 'plixoBody',
    theirs: 'handlebarsBody',
    name: 'render: body HTML only, values formatted beforehand, Plixo\'s compiled body vs the Handlebars body template',
    likeForLike: true,
  },
  {
    ours: 'plixo',
    theirs: 'handlebarsBody',
    name: 'render, naive comparison (NOT like for like, Handlebars does a fraction of the work): whole `renderMessage` vs Handlebars body HTML only, values formatted beforehand',
    likeForLike: false,
  },
];

export function renderRatio(measurement: RenderMeasurement, comparison: RenderComparison): number {
  return median(measurement.contenders[comparison.ours].rates) / median(measurement.contenders[comparison.theirs].rates);
}

/** The API-latency issue: p95 under this many milliseconds, 50 connections, SQLite. */
export const maxApiP95Ms = 100;

export const apiEndpointLabels: Record<ApiEndpointId, string> = {
  queueFirst: 'collections queue, first page (today\'s focus on top)',
  queueDeep: 'collections queue, a page from the middle (by cursor)',
  queueCustomer: 'collections queue, one customer\'s entries',
  firstPage: 'invoice list, first page',
  deepPage: 'invoice list, a page from the middle (by cursor)',
  customerOpen: 'invoice list, one customer\'s open invoices',
  policy: 'the live policy',
};

/** The admin web app's big lists: each opens (first row visible) in under this, cold and warm. */
export const maxUiOpenMs = 1_000;

/** The ui section's screens, in the order it opens them (a skipped run still names them). */
export type UiScreenId = 'queue' | 'invoices';

export const uiScreenIds: readonly UiScreenId[] = ['queue', 'invoices'];

export const uiScreenLabels: Record<UiScreenId, string> = {
  queue: 'the collections queue screen',
  invoices: 'the invoice list screen',
};

export function screenOpenSummary(screen: ScreenMeasurement): OpenSummary {
  return summariseOpens(screen.cold.ms, screen.warm.map((open) => open.ms));
}

/** Cash-App Assist (product brief 6): at least this share of payments auto-matched, correctly. */
export const minCashAutoMatchedShare = 0.8;
/** And the matcher must keep up with a day's bank file against a large portfolio. */
export const minCashPaymentsPerSecond = 2_000;

export function cashPaymentsPerSecond(size: CashSizeMeasurement): number {
  return size.size.payments / (median(size.matchMs) / 1000);
}

export function judgeTargets(
  simulate: SimulateSection | null,
  planning: PlanningSection | null,
  render: RenderSection | null = null,
  outbox: OutboxSection | null = null,
  api: ApiSection | null = null,
  ui: UiSection | null = null,
  cash: CashSection | null = null,
): TargetOutcome[] {
  const targets: TargetOutcome[] = [];
  if (simulate) {
    const missing = simulate.measurement.invoicesWithoutSegment;
    targets.push({
      name: 'simulate: every invoice matches a segment of examples/acme',
      target: '0 invoices without a segment',
      actual: `${missing} without a segment`,
      met: missing === 0,
    });
  }
  if (planning) {
    const { size, measurement } = planning.timing;
    const ratio = best(measurement.passMs) / best(measurement.scanMs);
    targets.push({
      name: `planning pass over ${size.invoices.toLocaleString('en-US')} open invoices vs. bare better-sqlite3 scan`,
      target: `within ${maxPassToScanRatio}x`,
      actual: `${ratio.toFixed(2)}x (best of ${measurement.passMs.length})`,
      met: ratio <= maxPassToScanRatio,
    });
    targets.push(judgeMemory(planning));
  }
  if (render) {
    const { measurement } = render;
    // Only like-for-like comparisons are targets; the naive one is reported in the render section.
    for (const comparison of renderComparisons.filter((candidate) => candidate.likeForLike)) {
      const ratio = renderRatio(measurement, comparison);
      const rate = (id: RenderContenderId) => Math.round(median(measurement.contenders[id].rates)).toLocaleString('en-US');
      targets.push({
        name: comparison.name,
        target: 'at least as fast (ratio >= 1.00)',
        actual: `${ratio.toFixed(2)}x: ${rate(comparison.ours)} vs ${rate(comparison.theirs)} renders/s (medians of ${measurement.runs})`,
        met: ratio >= 1,
      });
    }
  }
  if (outbox) targets.push(judgeOutbox(outbox.measurement));
  if (api) targets.push(...judgeApi(api.measurement));
  if (ui) targets.push(...judgeUi(ui));
  if (cash) targets.push(...judgeCash(cash.measurement));
  return targets;
}

function judgeCash(measurement: CashMeasurement): TargetOutcome[] {
  const realistic = measurement.sizes[0]!;
  const large = measurement.sizes[measurement.sizes.length - 1]!;
  const { outcome } = realistic;
  const share = (count: number) => `${((count / outcome.payments) * 100).toFixed(1)} %`;
  const of = (size: CashSizeMeasurement) =>
    `${size.size.payments.toLocaleString('en-US')} generated payments against ${size.size.invoices.toLocaleString('en-US')} open invoices of ${size.size.customers.toLocaleString('en-US')} customers`;
  const threshold = measurement.threshold.toFixed(2);
  const rate = cashPaymentsPerSecond(large);
  return [
    {
      name: `Cash-App Assist: wrong auto-matches at the default threshold (${threshold}), ${of(realistic)}`,
      target: 'none',
      actual: `${outcome.autoWrong} (${share(outcome.autoWrong)})`,
      met: outcome.autoWrong === 0,
    },
    {
      name: `Cash-App Assist: payments auto-matched correctly at the default threshold (${threshold}), ${of(realistic)}`,
      target: `at least ${Math.round(minCashAutoMatchedShare * 100)} %`,
      actual: `${share(outcome.autoCorrect)} (${outcome.autoCorrect.toLocaleString('en-US')}); ${share(outcome.review)} left for review`,
      met: outcome.autoCorrect / outcome.payments >= minCashAutoMatchedShare,
    },
    {
      name: `Cash-App Assist: matching throughput, ${of(large)} (\`matchPayments\` over an index built once)`,
      target: `at least ${minCashPaymentsPerSecond.toLocaleString('en-US')} payments/s`,
      actual: `${Math.round(rate).toLocaleString('en-US')} payments/s (median of ${large.matchMs.length}); index built in ${Math.round(median(large.indexMs))} ms`,
      met: rate >= minCashPaymentsPerSecond,
    },
  ];
}

/** One target per screen, measured or not: a skipped section must not read as a met one. */
function judgeUi(ui: UiSection): TargetOutcome[] {
  const m = ui.measurement;
  const invoices = (ui.seed.seed.workspaces[0]?.invoices ?? 0).toLocaleString('en-US');
  const browser = m ? `Chromium ${m.chromiumVersion} headless at ${m.viewport.width}x${m.viewport.height}` : 'Chromium';
  const target = `cold and warm p95 under ${(maxUiOpenMs / 1000).toFixed(0)} s`;
  const name = (id: UiScreenId) =>
    `admin web app: ${uiScreenLabels[id]} opens (\`/orgs/${ui.seed.workspaceId}/${id}\`, navigation start to the first row painted; ${invoices} open invoices, signed in, ${browser})`;
  if (m === null) return uiScreenIds.map((id) => ({ name: name(id), target, actual: `not measured: ${ui.skipped ?? 'skipped'}`, met: false }));
  return m.screens.map((screen) => {
    const summary = screenOpenSummary(screen);
    return {
      name: name(screen.id),
      target,
      actual: `cold ${wholeMs(summary.coldMs)}; warm p50 ${wholeMs(summary.warm.p50)}, p95 ${wholeMs(summary.warm.p95)}, max ${wholeMs(summary.warm.max)} (${summary.warm.opens} opens)`,
      met: opensWithin(summary, maxUiOpenMs),
    };
  });
}

function wholeMs(value: number): string {
  return `${Math.round(value)} ms`;
}

/** A run counts only when every request got a 2xx: a fast error is not a fast answer. */
export function apiRunMet(run: ApiEndpointRun): boolean {
  return run.latency.p95 < maxApiP95Ms && run.non2xx === 0 && run.errors === 0 && run.timeouts === 0;
}

function judgeApi(measurement: ApiMeasurement): TargetOutcome[] {
  const load = `${measurement.connections} connections, ${measurement.invoices.toLocaleString('en-US')} open invoices, SQLite`;
  const target = `p95 under ${maxApiP95Ms} ms, no non-2xx answer, no error`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return measurement.endpoints.map((run) => ({
    name: `API latency: ${apiEndpointLabels[run.id]}, \`GET ${run.path.replace(/cursor=[^&]+/, 'cursor=…')}\` (${load})`,
    target,
    actual:
      `p95 ${ms(run.latency.p95)} (p50 ${ms(run.latency.p50)}, p99 ${ms(run.latency.p99)}), ${Math.round(run.requestsPerSecond).toLocaleString('en-US')} requests/s, ` +
      `${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`,
    met: apiRunMet(run),
  }));
}

function judgeOutbox(measurement: OutboxMeasurement): TargetOutcome {
  const ratio = outboxRatio(measurement);
  const rate = (side: OutboxContenderId) => Math.round(median(outboxRates(measurement, side))).toLocaleString('en-US');
  return {
    name:
      `outbox: ${measurement.messages.toLocaleString('en-US')} messages from the outbox (\`deliverOutbox\`, SQLite) to a loopback SMTP server ` +
      `vs a bare nodemailer loop sending the same messages, both through a pool of ${measurement.poolSize} connections`,
    target: `at least ${Math.round(minOutboxToBareRatio * 100)} % of the bare loop's messages/s (ratio >= ${minOutboxToBareRatio.toFixed(2)})`,
    actual: `${ratio.toFixed(2)}x: ${rate('outbox')} vs ${rate('bare')} messages/s (medians of ${outboxRates(measurement, 'outbox').length})`,
    met: ratio >= minOutboxToBareRatio,
  };
}

function judgeMemory(planning: PlanningSection): TargetOutcome {
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const retained = planning.memory.map(({ measurement }) => measurement.retainedHeapUsedBytes - measurement.baseline.heapUsedBytes);
  const first = planning.memory[0]!;
  const last = planning.memory[planning.memory.length - 1]!;
  const { capped } = planning;
  const heapGrowth = last.measurement.peak.heapUsedBytes / first.measurement.peak.heapUsedBytes;
  const rssGrowth = last.measurement.maxRssBytes / first.measurement.maxRssBytes;
  const invoices = (size: PlanningSize) => size.invoices.toLocaleString('en-US');
  return {
    name: `planning pass memory does not grow with the portfolio (${invoices(first.size)} → ${invoices(last.size)} invoices)`,
    target:
      `nothing retained (heap after each pass, collected, within ${mib(maxRetainedBytes)} MiB of before) and the ` +
      `${invoices(capped.size)} pass completes with --max-old-space-size=${capped.heapCapMiB}`,
    actual:
      `retained ${retained.map((bytes) => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`).join(' / ')} MiB; ` +
      `${capped.measurement ? `capped pass completed (peak heap used ${mib(capped.measurement.peak.heapUsedBytes)} MiB)` : `capped pass FAILED: ${capped.failure ?? ''}`}; ` +
      `uncapped peaks for ${(last.size.invoices / first.size.invoices).toFixed(0)}x the invoices: heap used ${heapGrowth.toFixed(2)}x, RSS ${rssGrowth.toFixed(2)}x`,
    met: retained.every((bytes) => bytes <= maxRetainedBytes) && capped.measurement !== null,
  };
}
