import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing-run-cli.ts';

const example = join(import.meta.dirname, '../../../examples/acme');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-policy-test-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('plixo policy test', () => {
  it('prints PASS for each test of the example bundle and exits 0', async () => {
    const run = await runCliCaptured(['policy', 'test', example]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => /^(PASS|FAIL|ERROR)\s/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.every((line) => line.startsWith('PASS'))).toBe(true);
    expect(run.stdout).toMatch(/PASS: (\d+)\/\1/);
  });

  it('prints FAIL with a diff and exits 1 when an expectation is not met', async () => {
    const bundle = join(folder, 'broken');
    await cp(example, bundle, { recursive: true });
    const testFile = join(bundle, 'tests/berlin-weekend.yaml');
    const text = await readFile(testFile, 'utf8');
    // Move the first expected instant by one hour: the engine does not do that.
    const changed = text.replace(/at: (\d{4}-\d\d-\d\dT)(\d\d)(:\d\d:\d\dZ)/, (_match, date: string, hour: string, rest: string) => `at: ${date}${String((Number(hour) + 1) % 24).padStart(2, '0')}${rest}`);
    expect(changed).not.toBe(text);
    await writeFile(testFile, changed);
    const run = await runCliCaptured(['policy', 'test', bundle]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL\s+\S*berlin-weekend\.yaml:\d+/m);
    expect(run.stdout).toMatch(/^\s+- \{/m);
    expect(run.stdout).toMatch(/FAIL: 1\/\d+/);
  });

  it('exits 2 when the bundle does not lint', async () => {
    const bundle = join(folder, 'invalid');
    await cp(example, bundle, { recursive: true });
    await writeFile(join(bundle, 'extra.yaml'), 'kind: Segment\nname: extra\ncadence: missing-cadence\nmode: autopilot\n');
    const run = await runCliCaptured(['policy', 'test', bundle]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('extra.yaml');
  });
});
