import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatPolicyJsonSchema } from '../../core/policy/export-policy-json-schema.ts';
import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import { compareIssues, type PolicyIssue } from '../../core/policy/policy-issue.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { registerPolicyApply } from './data.ts';
import { registerPolicyRemote } from './policy-remote.ts';
import { registerPolicyTest } from './policy-test.ts';
import { formatIssue } from '../format-issue.ts';
import { readBundleOrExit } from '../read-bundle-or-exit.ts';

// `plixo policy …`: lint a bundle, print the editor schema (and `policy test`, added by the
// engine work). Exit codes: 0 clean or warnings only, 1 errors in the bundle, 2 unreadable bundle.

export const registerCommand: RegisterCommand = (program, context) => {
  const policy = program.command('policy').description('Check and export policy bundles (folders of policy YAML files)');

  policy
    .command('lint')
    .description('Check every file of a policy bundle and list each problem with its file, line and column')
    .argument('<bundle>', 'a folder of .yaml/.yml policy files (searched recursively), or one file')
    .action(async (bundle: string) => {
      await lintBundle(bundle, context);
    });

  registerPolicyTest(policy, context);
  registerPolicyApply(policy, context);
  registerPolicyRemote(policy, context);

  policy
    .command('schema')
    .description('Print the JSON Schema of policy documents, for editor validation and completion')
    .action(() => {
      context.io.stdout.write(formatPolicyJsonSchema());
    });
};

async function lintBundle(bundle: string, context: CommandContext): Promise<void> {
  const files = await readBundleOrExit(bundle, context);
  if (files === null) return;
  const { issues } = loadPolicyBundle(files);
  const path = resolve(context.io.cwd, bundle);
  const root = (await stat(path)).isFile() ? dirname(path) : path;
  const out = context.io.stdout;
  for (const issue of [...issues].sort(compareIssues)) out.write(`${formatIssue(issue, root)}\n`);
  out.write(`${summarise(issues, files.length)}\n`);
  if (issues.some((issue) => issue.severity === 'error')) context.setExitCode(1);
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

function summarise(issues: readonly PolicyIssue[], fileCount: number): string {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  return `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(fileCount, 'file')}`;
}
