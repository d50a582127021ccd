import type { Command } from 'commander';
import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import { ApiCallError, callApi, contentKey, resolveApiTarget, type ApiTarget } from '../api-client.ts';
import type { CommandContext } from '../cli-io.ts';
import { readBundleOrExit } from '../read-bundle-or-exit.ts';

// `plixo policy publish` and `plixo policy diff`: policy-as-code against a running Plixo, through
// its API with an API token (the Growth plan and up). Publishing is the same as in the app: a
// draft from the bundle, the impact preview, then the publish made from that preview; if someone
// else published in between, the publish is refused and nothing changes.
// Exit codes: 0 done (or nothing to do), 1 refused (lint errors, a conflict, no permission),
// 2 a bad command line or an unreadable bundle; `diff` exits 1 when there are differences.

interface FileDiff {
  path: string;
  change: string;
  added: number;
  removed: number;
  patch: string;
}

interface Preview {
  considered: number;
  changed: number;
  expectedRevision: number;
  expectedDraftRevision: number | null;
  bySegment: { segment: string; considered: number; changed: number }[];
  sample: { invoiceNumber: string; before: { next: NextAction | null }; after: { next: NextAction | null } }[];
}

interface NextAction {
  type: string;
  at: string;
  step: string | null;
}

const remoteOptions = (command: Command) =>
  command.option('--url <url>', 'where Plixo runs (default: PLIXO_URL, else http://127.0.0.1:3000)').option('--org <id>', 'the organisation (default: PLIXO_ORG); the token comes from PLIXO_TOKEN');

function targetOrExit(context: CommandContext, options: { url?: string; org?: string }): ApiTarget | null {
  const target = resolveApiTarget(context.io, options);
  if (typeof target === 'string') {
    context.io.stderr.write(`plixo: ${target}\n`);
    context.setExitCode(2);
    return null;
  }
  return target;
}

async function reportApiErrors(context: CommandContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    const field = error.field ? ` (${error.field})` : '';
    context.io.stderr.write(`plixo: ${error.message}${field}\n`);
    context.setExitCode(error.code === 'invalid_input' ? 2 : 1);
  }
}

function describeNext(next: NextAction | null): string {
  if (!next) return 'nothing planned';
  return `${[next.type, next.step].filter(Boolean).join(' ')} at ${next.at.replace('T', ' ').slice(0, 16)} UTC`;
}

function printDiff(context: CommandContext, files: readonly FileDiff[]): void {
  for (const file of files) context.io.stdout.write(file.patch);
  const summary = files.map((file) => `${file.path} (${file.change}, +${file.added} -${file.removed})`).join(', ');
  context.io.stdout.write(files.length === 0 ? 'no differences\n' : `${files.length} file${files.length === 1 ? '' : 's'} changed: ${summary}\n`);
}

export function registerPolicyRemote(policy: Command, context: CommandContext): void {
  remoteOptions(
    policy
      .command('publish')
      .description('Publish a bundle to segments of a running Plixo: a draft, the impact preview, then the publish (needs PLIXO_TOKEN)')
      .argument('<bundle>', 'a folder of policy YAML files')
      .option('--segments <names>', 'comma-separated segment names, or "all"', 'all')
      .option('--note <text>', 'why: kept with the version and in the audit trail')
      .option('--dry-run', 'stop after the preview: create the draft and show the impact, publish nothing'),
  ).action(async (bundle: string, options: { url?: string; org?: string; segments: string; note?: string; dryRun?: boolean }) => {
    const target = targetOrExit(context, options);
    if (!target) return;
    const files = await readBundleOrExit(bundle, context);
    if (files === null) return;
    const errors = loadPolicyBundle(files).issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0) {
      context.io.stderr.write(`plixo: the bundle has ${errors.length} error${errors.length === 1 ? '' : 's'}; run plixo policy lint ${bundle}\n`);
      context.setExitCode(1);
      return;
    }
    const segments = options.segments.trim() === 'all' ? 'all' : options.segments.split(',').map((name) => name.trim()).filter(Boolean);
    const out = context.io.stdout;
    await reportApiErrors(context, async () => {
      const bundleFiles = files.map(({ path, text }) => ({ path, text }));
      const diff = await callApi<{ from: string; files: FileDiff[] }>(target, { method: 'POST', path: '/policy/diff', body: { files: bundleFiles } });
      if (diff.files.length === 0 && segments === 'all') {
        out.write(`the bundle is the live ${diff.from} already; nothing to publish\n`);
        return;
      }
      const draft = await callApi<{ version: number; status: string }>(target, {
        method: 'POST',
        path: '/policy/versions',
        body: { files: bundleFiles, ...(options.note ? { note: options.note } : {}) },
        idempotencyKey: contentKey('draft', bundleFiles, options.note ?? null),
      });
      out.write(`draft: version ${draft.version} (${diff.files.length} file${diff.files.length === 1 ? '' : 's'} changed against the live ${diff.from})\n`);
      const preview = await callApi<Preview>(target, { method: 'POST', path: `/policy/versions/${draft.version}/preview`, body: { segments } });
      out.write(`impact: ${preview.changed} of ${preview.considered} open invoices change their next action\n`);
      for (const entry of preview.bySegment) out.write(`  ${entry.segment}: ${entry.changed} of ${entry.considered}\n`);
      for (const impact of preview.sample.slice(0, 5)) out.write(`  ${impact.invoiceNumber}: ${describeNext(impact.before.next)} -> ${describeNext(impact.after.next)}\n`);
      if (options.dryRun) {
        out.write(`dry run: version ${draft.version} stays a draft\n`);
        return;
      }
      const published = await callApi<{ kind: string; version: { version: number }; state: { revision: number } }>(target, {
        method: 'POST',
        path: `/policy/versions/${draft.version}/publish`,
        body: {
          segments,
          expectedRevision: preview.expectedRevision,
          ...(preview.expectedDraftRevision !== null ? { expectedDraftRevision: preview.expectedDraftRevision } : {}),
          ...(options.note ? { note: options.note } : {}),
        },
        idempotencyKey: contentKey('publish', draft.version, segments, preview.expectedRevision),
      });
      const where = segments === 'all' ? 'every segment' : `segment${segments.length === 1 ? '' : 's'} ${segments.join(', ')}`;
      out.write(`${published.kind === 'rollback' ? 'rolled back to' : 'published'} version ${published.version.version} to ${where} (publish revision ${published.state.revision})\n`);
    });
  });

  remoteOptions(
    policy
      .command('diff')
      .description('Show what a bundle would change against the live version (or --against N), or compare two versions (--from N --to M)')
      .argument('[bundle]', 'a folder of policy YAML files')
      .option('--against <version>', 'compare the bundle with this version instead of the live one')
      .option('--from <version>', 'compare two stored versions: the older')
      .option('--to <version>', 'compare two stored versions: the newer'),
  ).action(async (bundle: string | undefined, options: { url?: string; org?: string; against?: string; from?: string; to?: string }) => {
    const target = targetOrExit(context, options);
    if (!target) return;
    const number = (value: string | undefined, name: string): number | null | undefined => {
      if (value === undefined) return undefined;
      if (!/^[1-9]\d*$/.test(value)) {
        context.io.stderr.write(`plixo: --${name} must be a version number, not "${value}"\n`);
        context.setExitCode(2);
        return null;
      }
      return Number(value);
    };
    const [against, from, to] = [number(options.against, 'against'), number(options.from, 'from'), number(options.to, 'to')];
    if (against === null || from === null || to === null) return;
    await reportApiErrors(context, async () => {
      let files: FileDiff[];
      if (bundle === undefined) {
        if (from === undefined || to === undefined) {
          context.io.stderr.write('plixo: give a bundle, or both --from and --to\n');
          context.setExitCode(2);
          return;
        }
        files = (await callApi<{ files: FileDiff[] }>(target, { method: 'GET', path: `/policy/diff?from=${from}&to=${to}` })).files;
      } else {
        const read = await readBundleOrExit(bundle, context);
        if (read === null) return;
        const body = { files: read.map(({ path, text }) => ({ path, text })), ...(against !== undefined ? { against } : {}) };
        files = (await callApi<{ files: FileDiff[] }>(target, { method: 'POST', path: '/policy/diff', body })).files;
      }
      printDiff(context, files);
      if (files.length > 0) context.setExitCode(1);
    });
  });
}
