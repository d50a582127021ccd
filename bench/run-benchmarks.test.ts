import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(options.sections).toEqual(['simulate', 'planning', 'render']);
    expect(options.render).toEqual({ contexts: 1_000, runs: 5, runMs: 2_000, warmupMs: 1_000 });
    expect(options.outputPath).toBe(resolve('/repo', 'docs/benchmarks.md'));
  });

  it('keeps scaled, partial and profiled runs out of docs/benchmarks.md', () => {
    for (const env of [{ BENCH_SCALE: '0.1' }, { BENCH_ONLY: 'planning' }, { BENCH_ONLY: 'render' }, { BENCH_ONLY: 'simulate,planning' }, { BENCH_CPU_PROF: '1' }]) {
      expect(readBenchOptions(env, '/repo').outputPath).toMatch(/^\/repo\/\.bench-tmp\/benchmarks-.+\.md$/);
    }
  });

  it('refuses a scale outside (0, 1]', () => {
    expect(() => readBenchOptions({ BENCH_SCALE: '2' }, '/repo')).toThrow(/BENCH_SCALE/);
  });

  it('takes sections in any order and refuses an unknown one', () => {
    expect(readBenchOptions({ BENCH_ONLY: 'render, simulate' }, '/repo').sections).toEqual(['simulate', 'render']);
    expect(() => readBenchOptions({ BENCH_ONLY: 'rendering' }, '/repo')).toThrow(/BENCH_ONLY takes simulate, planning, render/);
  });
});

describe('runBenchmarks', () => {
  it('measures every section at a tiny scale and writes a well-formed report', async () => {
    const options = readBenchOptions({ BENCH_SCALE: '0.002', BENCH_RUNS: '2', BENCH_WORK_DIR: workDir }, process.cwd());
    expect(options.simulate.invoices).toBe(200);
    expect(options.render).toEqual({ contexts: 10, runs: 2, runMs: 5, warmupMs: 5 });

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

    // Three targets of issue 2, and one per like-for-like render comparison.
    expect(report.targets).toHaveLength(3 + renderComparisons.filter((comparison) => comparison.likeForLike).length);
    for (const heading of [
      '# Benchmarks',
      '## Targets',
      '## Machine',
      '## 1. `plixo simulate`',
      '## 2. The planning pass',
      '## 3. Rendering a message',
      '## How it is measured',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown.match(/Reproduce:/g)).toHaveLength(3);
    expect(markdown).not.toMatch(/NaN|Infinity|undefined/);
    expect(readFileSync(options.outputPath, 'utf8')).toBe(markdown);
  }, 180_000);
});
