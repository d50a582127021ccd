import { resolve } from 'node:path';
import { parsePortfolio } from '../../core/portfolio/parse-portfolio.ts';
import { simulatePortfolio } from '../../core/simulation/simulate-portfolio.ts';
import { formatJsonLines, formatTable, toActionRecord } from '../../core/simulation/format-actions.ts';
import { createDocumentRenderer } from '../../adapters/pdf/create-document-renderer.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import { renderActions } from '../../app/messages/render-actions.ts';
import { measureCoverage } from '../../core/simulation/measure-coverage.ts';
import { parseInstant } from '../../core/time/parse-instant.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { loadBundleFromDisk } from '../load-bundle-from-disk.ts';
import { parseDuration } from '../parse-duration.ts';
import { readJsonFile } from '../read-json-file.ts';

interface SimulateOptions {
  policy: string;
  data: string;
  from: string;
  to: string;
  format?: string;
  tick?: string;
  render?: boolean;
  baseUrl: string;
}

export const registerCommand: RegisterCommand = (program, context) => {
  program
    .command('simulate')
    .description('Run the engine over a portfolio on a simulated clock and print the actions it takes')
    .requiredOption('--policy <bundle>', 'the policy bundle folder')
    .requiredOption('--data <file>', 'customers, invoices and events as JSON (see docs/engine-behaviour.md)')
    .requiredOption('--from <instant>', 'start of the simulation, ISO-8601 (e.g. 2024-03-01T00:00:00Z)')
    .requiredOption('--to <instant>', 'end of the simulation (exclusive)')
    .option('--format <format>', 'jsonl or table (default: table on a terminal, jsonl otherwise)')
    .option('--tick <duration>', 'advance the clock in steps (15m, 1h, 1d); by default it jumps from event to event')
    .option('--render', 'jsonl only: add each message as it would be sent (subject, text, html, attachments) or why it is held')
    .option('--base-url <url>', "Plixo's public address, for pay and statement links (with --render)", 'http://127.0.0.1:3000')
    .action(async (options: SimulateOptions) => {
      context.setExitCode(await runSimulate(options, context));
    });
};

async function runSimulate(options: SimulateOptions, { io }: CommandContext): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`plixo simulate: ${message}\n`);
    return 2;
  };
  const format = options.format ?? (io.stdout.isTTY ? 'table' : 'jsonl');
  if (format !== 'jsonl' && format !== 'table') return fail(`--format must be jsonl or table, not "${format}"`);
  if (options.render && format !== 'jsonl') return fail('--render goes with --format jsonl');
  const from = parseInstant(options.from);
  if (from === null) return fail(`--from "${options.from}" is not an ISO-8601 instant such as 2024-03-01T00:00:00Z`);
  const to = parseInstant(options.to);
  if (to === null) return fail(`--to "${options.to}" is not an ISO-8601 instant such as 2024-05-01T00:00:00Z`);
  if (to <= from) return fail('--to must be after --from');
  let tickMs: number | undefined;
  if (options.tick !== undefined) {
    const parsed = parseDuration(options.tick);
    if (parsed === null) return fail(`--tick "${options.tick}" is not a duration such as 15m, 1h or 1d`);
    tickMs = parsed;
  }
  const bundle = await loadBundleFromDisk(resolve(io.cwd, options.policy));
  if (!bundle.ok) return fail(bundle.message);
  const data = await readJsonFile(resolve(io.cwd, options.data));
  if (!data.ok) return fail(data.message);
  const portfolio = parsePortfolio(data.value);
  if (!portfolio.ok) {
    const lines = portfolio.issues.map((issue) => `  ${options.data}: ${issue.record}: ${issue.field}: ${issue.message}`);
    return fail(`the data file has ${portfolio.issues.length} problem${portfolio.issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
  const actions = simulatePortfolio({ policy: bundle.policy, portfolio: portfolio.portfolio, from, to, tickMs });
  // Written in one piece once everything is computed: a failure never leaves half an output.
  if (format === 'jsonl') {
    if (!options.render) {
      io.stdout.write(formatJsonLines(actions));
      return 0;
    }
    const rendered = await renderActions({
      workspaceId: bundle.policy.workspace.name ?? 'main',
      policy: bundle.policy,
      portfolio: portfolio.portfolio,
      actions,
      links: createPreviewLinks(options.baseUrl, io.env.PLIXO_SECRET || 'preview-only'),
      documents: createDocumentRenderer(),
    });
    io.stdout.write(actions.map((action) => `${JSON.stringify({ ...toActionRecord(action), ...rendered.get(action) })}\n`).join(''));
    return 0;
  }
  const coverage = measureCoverage(bundle.policy, portfolio.portfolio, from);
  const uncovered =
    coverage.unmatched.length === 0
      ? `every one of the ${coverage.open} open invoices matches a segment at --from\n`
      : `${coverage.unmatched.length} of ${coverage.open} open invoices match no segment at --from and get no outreach: ${coverage.unmatched.slice(0, 10).join(', ')}${coverage.unmatched.length > 10 ? ', …' : ''}\n`;
  const zones = new Map(portfolio.portfolio.customers.map((customer) => [customer.id, customer.timeZone ?? bundle.policy.workspace.timeZone]));
  io.stdout.write(formatTable(actions, (customerId) => zones.get(customerId) ?? bundle.policy.workspace.timeZone) + uncovered);
  return 0;
}

