import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultBatchSize } from '../src/app/delivery/deliver-outbox.ts';
import { browserSkipReason } from '../src/testing/launch-test-chromium.ts';
import { renderComparisons } from './bench-report.ts';
import { readBenchOptions } from './read-bench-options.ts';
import { runBenchmarks } from './run-benchmarks.ts';

// The bench's code at a tiny scale: every section runs and the report is well formed. Timings are
// never asserted here; they live in docs/benchmarks.md.

const workDir = mkdtempSync(join(tmpdir(), 'plixo-bench-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('readBenchOptions', () => {
  it('uses the sizes of issue 2 at full scale and writes docs/benchmarks.md', () => {
    const options = readBenchOptions({}, '/repo');
    expect(options.simulate).toEqual({ customers: 10_000, invoices: 100_000, timeZones: 50, days: 90 });
    expect(options.planning.map((size) => size.invoices)).toEqual([250_000, 500_000, 1_000_000]);
    expect(options.sections).toEqual(['simulate', 'planning', 'render', 'outbox', 'api', 'ui', 'cash']);
    expect(options.cash).toEqual([
      { invoices: 40_000, customers: 3_000, payments: 10_000 },
      { invoices: 100_000, customers: 8_000, payments: 10_000 },
    ]);
    expect(options.render).toEqual({ contexts: 1_000, runs: 5, runMs: 2_000, warmupMs: 1_000 });
    expect(options.outbox).toEqual({ messages: 3_000, runs: 5, warmupMessages: 500, poolSize: 5 });
    expect(options.api).toEqual({ invoices: 100_000, customers: 10_000, connections: 50, durationSeconds: 10, warmupSeconds: 2 });
    expect(options.ui).toEqual({ warmOpens: 10 });
    expect(options.cashReads).toEqual([
      { invoices: 100_000, customers: 8_000 },
      { invoices: 1_000_000, customers: 80_000 },
    ]);
    expect(options.cashPagePayments).toBe(50);
    expect(options.outputPath).toBe(resolve('/repo', 'docs/benchmarks.md'));
  });

  it('keeps scaled, partial and profiled runs out of docs/benchmarks.md', () => {
    for (const env of [
      { BENCH_SCALE: '0.1' },
      { BENCH_ONLY: 'planning' },
      { BENCH_ONLY: 'render' },
      { BENCH_ONLY: 'outbox' },
      { BENCH_ONLY: 'simulate,planning' },
      { BENCH_CPU_PROF: '1' },
      { BENCH_OUTBOX_MESSAGES: '500' },
      { BENCH_OUTBOX_POOL: '2' },
      { BENCH_ONLY: 'api' },
      { BENCH_API_SECONDS: '30' },
      { BENCH_API_CONNECTIONS: '100' },
      { BENCH_ONLY: 'ui' },
      { BENCH_UI_OPENS: '30' },
      { BENCH_ONLY: 'cash' },
    ]) {
      expect(readBenchOptions(env, '/repo').outputPath).toMatch(/^\/repo\/\.bench-tmp\/benchmarks-.+\.md$/);
    }
  });

  it('refuses a scale outside (0, 1]', () => {
    expect(() => readBenchOptions({ BENCH_SCALE: '2' }, '/repo')).toThrow(/BENCH_SCALE/);
  });

  it('takes sections in any order and refuses an unknown one', () => {
    expect(readBenchOptions({ BENCH_ONLY: 'render, simulate' }, '/repo').sections).toEqual(['simulate', 'render']);
    expect(() => readBenchOptions({ BENCH_ONLY: 'rendering' }, '/repo')).toThrow(/BENCH_ONLY takes simulate, planning, render, outbox, api, ui, cash/);
  });

  it('takes the outbox section\'s size and pool from the environment, within what the fixture can seed', () => {
    expect(readBenchOptions({ BENCH_ONLY: 'outbox', BENCH_OUTBOX_MESSAGES: '10000', BENCH_OUTBOX_POOL: '10' }, '/repo').outbox).toMatchObject({ messages: 10_000, poolSize: 10 });
    expect(() => readBenchOptions({ BENCH_OUTBOX_MESSAGES: '100000' }, '/repo')).toThrow(/BENCH_OUTBOX_MESSAGES/);
    expect(() => readBenchOptions({ BENCH_OUTBOX_POOL: '0' }, '/repo')).toThrow(/BENCH_OUTBOX_POOL/);
  });

  it('takes the API section\'s seconds and connections from the environment and refuses nonsense', () => {
    expect(readBenchOptions({ BENCH_ONLY: 'api', BENCH_API_SECONDS: '30', BENCH_API_CONNECTIONS: '100' }, '/repo').api).toMatchObject({ durationSeconds: 30, connections: 100 });
    expect(() => readBenchOptions({ BENCH_API_SECONDS: '0.5' }, '/repo')).toThrow(/BENCH_API_SECONDS/);
    expect(() => readBenchOptions({ BENCH_API_CONNECTIONS: '0' }, '/repo')).toThrow(/BENCH_API_CONNECTIONS/);
  });

  it('takes the ui section\'s warm opens from the environment and refuses nonsense', () => {
    expect(readBenchOptions({ BENCH_ONLY: 'ui', BENCH_UI_OPENS: '30' }, '/repo').ui).toEqual({ warmOpens: 30 });
    expect(readBenchOptions({ BENCH_SCALE: '0.002' }, '/repo').ui).toEqual({ warmOpens: 2 });
    expect(() => readBenchOptions({ BENCH_UI_OPENS: '0' }, '/repo')).toThrow(/BENCH_UI_OPENS/);
    expect(() => readBenchOptions({ BENCH_UI_OPENS: '2.5' }, '/repo')).toThrow(/BENCH_UI_OPENS/);
  });
});

describe('runBenchmarks', () => {
  it('measures every section at a tiny scale and writes a well-formed report', async () => {
    const options = readBenchOptions({ BENCH_SCALE: '0.002', BENCH_RUNS: '2', BENCH_WORK_DIR: workDir }, process.cwd());
    expect(options.simulate.invoices).toBe(200);
    expect(options.render).toEqual({ contexts: 10, runs: 2, runMs: 5, warmupMs: 5 });
    expect(options.outbox).toEqual({ messages: 20, runs: 2, warmupMessages: 10, poolSize: 5 });
    expect(options.api).toEqual({ invoices: 200, customers: 20, connections: 50, durationSeconds: 1, warmupSeconds: 1 });

    const { report, markdown } = await runBenchmarks(options);

    const simulate = report.simulate!;
    expect(simulate.measurement.invoices).toBe(200);
    expect(simulate.measurement.invoicesWithoutSegment).toBe(0);
    for (const value of [
      simulate.measurement.readMs,
      simulate.measurement.parseMs,
      simulate.measurement.simulateMs,
      simulate.measurement.actions,
      simulate.measurement.memory.peakRssThroughSimulateBytes,
      simulate.measurement.memory.afterSimulateHeapUsedBytes,
    ]) {
      expect(value).toBeGreaterThan(0);
    }
    expect(Object.values(simulate.measurement.actionsByType).reduce((sum, count) => sum + count, 0)).toBe(simulate.measurement.actions);

    const planning = report.planning!;
    expect(planning.timing.measurement.scanMs).toHaveLength(2);
    expect(planning.timing.measurement.passMs).toHaveLength(2);
    for (const ms of [...planning.timing.measurement.scanMs, ...planning.timing.measurement.passMs]) expect(ms).toBeGreaterThan(0);
    expect(planning.timing.measurement.pass.invoices).toBe(2_000);
    expect(planning.memory.map(({ size }) => size.invoices)).toEqual([500, 1_000, 2_000]);
    for (const { size, measurement } of planning.memory) {
      expect(measurement.pass.invoices).toBe(size.invoices);
      expect(measurement.peak.heapUsedBytes).toBeGreaterThan(0);
      expect(measurement.maxRssBytes).toBeGreaterThan(0);
    }
    expect(planning.capped.measurement?.pass.invoices).toBe(2_000);

    // The render section compared outputs byte for byte before timing (it throws otherwise) and timed every contender.
    const render = report.render!.measurement;
    expect(render.identical).toBe(10);
    expect(render.template.tags).toHaveLength(6);
    expect(render.template.bodyBytes).toBeGreaterThan(900);
    expect(render.template.bodyBytes).toBeLessThan(1_100);
    expect(render.output.htmlBytes).toBeGreaterThan(render.output.bodyHtmlBytes);
    for (const contender of Object.values(render.contenders)) {
      expect(contender.rates).toHaveLength(2);
      for (const rate of contender.rates) expect(rate).toBeGreaterThan(0);
    }
    expect(readdirSync(render.sourcesDir).sort()).toEqual([
      'body-html.hbs',
      'helpers-html.hbs',
      'helpers-subject.hbs',
      'helpers-text.hbs',
      'values-html.hbs',
      'values-subject.hbs',
      'values-text.hbs',
    ]);

    // The outbox section checked every run (each message once, over STARTTLS, the same bytes on both sides) and timed both sides.
    const outbox = report.outbox!.measurement;
    expect(outbox.runs.map((run) => run.side)).toEqual(['outbox', 'bare', 'bare', 'outbox']);
    expect(outbox.checkedRuns).toBe(2 + 4);
    for (const run of outbox.runs) {
      expect(run.ms).toBeGreaterThan(0);
      expect(run.cpuMs).toBeGreaterThan(0);
      expect(run.serverCpuMs).toBeGreaterThan(0);
    }
    const calls = Object.fromEntries(outbox.storeCalls.map((call) => [call.method, call.calls]));
    // Each lane claims a few messages at a time and reads the last look's data once per claim.
    expect(calls).toMatchObject({ settleOutboxMessage: 20 });
    expect(calls.claimOutboxMessages).toBeGreaterThanOrEqual(Math.ceil(20 / defaultBatchSize));
    expect(calls.claimOutboxMessages).toBeLessThan(20);
    expect(calls.listEvents).toBeLessThan(20);

    // The API section checked every answer before the load (a 200 holding what it should), and every response of the load was a 2xx.
    const api = report.api!.measurement;
    expect(api.endpoints.map((run) => run.id)).toEqual(['queueFirst', 'queueDeep', 'queueCustomer', 'firstPage', 'deepPage', 'customerOpen', 'policy']);
    expect(api.endpoints.map((run) => run.items)).toEqual([50, 50, expect.any(Number), 50, 50, 10, null]);
    expect(report.api!.seed.queue.entries).toBeGreaterThan(100);
    expect(api.queueCursorDepth).toBeGreaterThanOrEqual(report.api!.seed.queue.entries / 2);
    expect(api.cursorDepth).toBe(100);
    expect(api.endpoints[2]!.path).toContain(`customerId=${api.queueCustomerId}`);
    expect(api.endpoints[5]!.path).toContain(`customerId=${api.customerId}`);
    for (const run of api.endpoints) {
      expect(run.requests).toBeGreaterThan(0);
      expect(run.statusCodes).toEqual({ 200: run.requests });
      expect([run.non2xx, run.errors, run.timeouts]).toEqual([0, 0, 0]);
      expect(run.latency.p50).toBeLessThanOrEqual(run.latency.p95);
      expect(run.latency.p95).toBeLessThanOrEqual(run.latency.p99);
      expect(run.latency.p99).toBeLessThanOrEqual(run.latency.max);
      expect(run.serverCpuMs).toBeGreaterThan(0);
    }

    // The ui section opened both screens in Chromium, each open showing the right first page (it throws otherwise),
    // or, without Chromium outside CI, says why it did not.
    const ui = report.ui!;
    if (browserSkipReason('bench ui (run-benchmarks.test.ts)') === null) {
      const m = ui.measurement!;
      expect(ui.skipped).toBeNull();
      expect(m.viewport).toEqual({ width: 1280, height: 800 });
      expect(m.screens.map((screen) => screen.id)).toEqual(['queue', 'invoices']);
      expect(m.screens.map((screen) => screen.listRequest)).toEqual([`/api/orgs/${ui.seed.workspaceId}/queue?limit=50`, `/api/orgs/${ui.seed.workspaceId}/invoices?limit=50&status=open`]);
      for (const screen of m.screens) {
        expect(screen.warm).toHaveLength(2);
        for (const open of [screen.cold, ...screen.warm]) {
          expect(open.rows).toBe(50);
          expect(open.firstRowInDomAt).toBeGreaterThan(open.documentAt);
          expect(open.ms).toBeGreaterThanOrEqual(open.firstRowInDomAt);
          // The row came from the list's first page, asked for after the session.
          expect(open.session!.responseEndAt).toBeLessThanOrEqual(open.list!.startAt);
          expect(open.list!.responseEndAt).toBeLessThanOrEqual(open.firstRowInDomAt);
        }
        // The cold open fetched the app's scripts; a warm one has them from the cache.
        expect(screen.cold.transferBytes).toBeGreaterThan(screen.warm[0]!.transferBytes);
      }
    } else {
      expect(ui.measurement).toBeNull();
      expect(ui.skipped).toMatch(/chromium/);
    }

    // The cash section judged every generated payment against its truth, at both sizes.
    const cash = report.cash!.measurement;
    expect(cash.sizes.map((size) => size.size.invoices)).toEqual([80, 200]);
    for (const size of cash.sizes) {
      expect(size.outcome.autoCorrect + size.outcome.autoWrong + size.outcome.review).toBe(size.outcome.payments);
      expect(size.matchMs).toHaveLength(2);
    }
    // And an Unapplied Cash page read both ways, the same page each time (the run stops otherwise).
    const reads = report.cash!.reads;
    expect(reads.map((read) => [read.size.invoices, read.payments, read.same])).toEqual([
      [200, 50, true],
      [2_000, 50, true],
    ]);
    for (const read of reads) {
      expect(read.candidates.ms).toHaveLength(2);
      expect(read.everything.rowsRead).toBeGreaterThan(read.size.invoices);
      expect(read.candidates.byMethod.streamOpenInvoices).toBeUndefined();
    }

    // Three targets of issue 2, one per like-for-like render comparison, one of issue 4, one per API endpoint, one per screen of the ui section (measured or not), three of the cash section.
    expect(report.targets).toHaveLength(3 + renderComparisons.filter((comparison) => comparison.likeForLike).length + 1 + 7 + 2 + 3);
    for (const heading of [
      '# Benchmarks',
      '## Targets',
      '## Machine',
      '## 1. `plixo simulate`',
      '## 2. The planning pass',
      '## 3. Rendering a message',
      '## 4. Sending: the outbox against bare nodemailer',
      '## 5. The JSON API under load',
      '## 6. The admin web app: opening its big lists',
      '## 7. Cash-App Assist: matching payments to open invoices',
      '## How it is measured',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown.match(/Reproduce:/g)).toHaveLength(7);
    expect(markdown).not.toMatch(/NaN|Infinity|undefined/);
    expect(readFileSync(options.outputPath, 'utf8')).toBe(markdown);
  }, 180_000);
});
