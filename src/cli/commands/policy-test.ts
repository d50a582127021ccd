import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runPolicyTest, type PolicyTestOutcome } from '../../core/policy-tests/run-policy-test.ts';
import type { CommandContext } from '../cli-io.ts';
import { loadBundleFromDisk } from '../load-bundle-from-disk.ts';
import { readJsonFile } from '../read-json-file.ts';

// `plixo policy test BUNDLE`: every PolicyTest of the bundle through the real engine, one
// PASS/FAIL line each (as OPA prints them), a diff under each failure, exit 1 if any fails.

export function registerPolicyTest(policy: Command, context: CommandContext): void {
  policy
    .command('test')
    .description('Run the PolicyTest documents of a bundle and print PASS or FAIL for each')
    .argument('<bundle>', 'a folder of policy YAML files')
    .action(async (bundle: string) => {
      context.setExitCode(await testBundle(bundle, context));
    });
}

async function testBundle(bundle: string, { io }: CommandContext): Promise<number> {
  const loaded = await loadBundleFromDisk(resolve(io.cwd, bundle));
  if (!loaded.ok) {
    io.stderr.write(`plixo policy test: ${loaded.message}\n`);
    return 2;
  }
  const tests = loaded.result.tests;
  const outcomes: PolicyTestOutcome[] = [];
  for (const test of tests) {
    let dataFile: unknown;
    if (test.document.data !== undefined) {
      const read = await readJsonFile(resolve(io.cwd, bundle, dirname(test.file), test.document.data));
      if (!read.ok) {
        outcomes.push({ status: 'error', name: test.document.name, file: test.file, line: test.line, message: read.message });
        continue;
      }
      dataFile = read.value;
    }
    outcomes.push(runPolicyTest({ policy: loaded.policy, test, dataFile }));
  }
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const where = `${join(bundle, outcome.file)}:${outcome.line}`;
    if (outcome.status === 'pass') lines.push(`PASS  ${where}  ${outcome.name}`);
    else if (outcome.status === 'fail') lines.push(`FAIL  ${where}  ${outcome.name}`, indent(outcome.diff));
    else lines.push(`ERROR ${where}  ${outcome.name}`, indent(outcome.message));
  }
  const passed = outcomes.filter((outcome) => outcome.status === 'pass').length;
  const failed = outcomes.length - passed;
  lines.push('-'.repeat(60));
  if (outcomes.length === 0) lines.push('no PolicyTest documents in this bundle');
  lines.push(`PASS: ${passed}/${outcomes.length}`);
  if (failed > 0) lines.push(`FAIL: ${failed}/${outcomes.length}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return failed > 0 ? 1 : 0;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
