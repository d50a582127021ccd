import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPolicyJsonSchema } from '../../core/policy/export-policy-json-schema.ts';
import { basePolicyParts } from '../../core/policy/testing/build-policy-files.ts';
import { registerCommand } from './policy.ts';

// The command registered on a bare program, so these tests do not depend on the other commands.

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collect();
  const stderr = collect();
  let code = 0;
  const program = new Command('plixo').exitOverride();
  registerCommand(program, {
    io: { stdout: stdout.stream, stderr: stderr.stream, env: {}, cwd: process.cwd() },
    setExitCode: (value) => {
      code = value;
    },
  });
  await program.parseAsync(args, { from: 'user' });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plixo-lint-'));
  for (const [path, text] of Object.entries(basePolicyParts)) await writeFile(join(root, path), text);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('plixo policy lint', () => {
  it('exits 0 with a summary for a clean bundle', async () => {
    const result = await run(['policy', 'lint', root]);
    expect(result).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 4 files\n', stderr: '' });
  });

  it('prints errors and warnings sorted by file and line, and exits 1', async () => {
    await writeFile(join(root, 'templates.yaml'), 'kind: Template\nname: reminder\nsubject: s\nbody: Pay $50 {pay_lnk}\n');
    await writeFile(join(root, 'cadence.yaml'), 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder, tone: loud }\n');
    const result = await run(['policy', 'lint', root]);
    const lines = result.stdout.trimEnd().split('\n');
    // Paths are relative to the working directory, so editors and terminals can open them.
    const shown = (file: string) => relative(process.cwd(), join(root, file));
    expect(lines.map((line) => line.replace(/: (error|warning): .*\[/, ': $1: ['))).toEqual([
      `${shown('cadence.yaml')}:4:50: error: [invalid-value]`,
      // A misspelt {pay_link} leaves the message without one, which is worth its own warning.
      `${shown('templates.yaml')}:4:7: warning: [missing-pay-link]`,
      `${shown('templates.yaml')}:4:11: warning: [hardcoded-amount]`,
      `${shown('templates.yaml')}:4:15: error: [unknown-merge-tag]`,
      '2 errors, 2 warnings in 4 files',
    ]);
    expect(result.code).toBe(1);
  });

  it('exits 0 when there are only warnings', async () => {
    await writeFile(join(root, 'templates.yaml'), 'kind: Template\nname: reminder\nsubject: s\nbody: Pay 50 EUR at {pay_link}\n');
    const result = await run(['policy', 'lint', root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0 errors, 1 warning in 4 files\n$/);
  });

  it('lints a single file, naming it as given', async () => {
    const file = join(root, 'alone.yaml');
    await writeFile(file, 'kind: Workspace\ntimezone: Europe/Berln\nlocale: en\ncurrency: EUR\nplan: growth\n');
    const result = await run(['policy', 'lint', file]);
    expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^${relative(process.cwd(), file)}:2:11: error: .*\\[invalid-time-zone\\]$`));
    expect(result.stdout.split('\n')[1]).toBe('1 error, 0 warnings in 1 file');
    expect(result.code).toBe(1);
  });

  it('exits 2 when the bundle does not exist or holds no YAML', async () => {
    const missing = await run(['policy', 'lint', join(root, 'nope')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).not.toBe('');
    const empty = join(root, 'empty');
    await mkdir(empty);
    expect(await run(['policy', 'lint', empty])).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('plixo policy schema', () => {
  it('prints the JSON Schema', async () => {
    const result = await run(['policy', 'schema']);
    expect(result.stdout).toBe(formatPolicyJsonSchema());
    expect(JSON.parse(result.stdout)).toHaveProperty('oneOf');
  });
});
