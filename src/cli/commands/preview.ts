import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDocumentRenderer } from '../../adapters/pdf/create-document-renderer.ts';
import { composeMessage } from '../../app/messages/compose-message.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import { parsePortfolio } from '../../core/portfolio/parse-portfolio.ts';
import { findMessage } from '../../core/simulation/find-message.ts';
import { formatInstant, parseInstant } from '../../core/time/parse-instant.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { loadBundleFromDisk } from '../load-bundle-from-disk.ts';
import { readJsonFile } from '../read-json-file.ts';

// `plixo preview`: exactly what would go out for an invoice's step at an instant, rendered.

interface PreviewOptions {
  policy: string;
  data: string;
  invoice: string;
  step: string;
  at: string;
  from?: string;
  format?: string;
  out?: string;
  baseUrl: string;
}

export const registerCommand: RegisterCommand = (program, context) => {
  program
    .command('preview')
    .description("Render the message an invoice's step would send at an instant: subject, text, HTML and attachments")
    .requiredOption('--policy <bundle>', 'the policy bundle folder')
    .requiredOption('--data <file>', 'customers, invoices and events as JSON (as for plixo simulate)')
    .requiredOption('--invoice <id>', 'the invoice')
    .requiredOption('--step <id>', 'the cadence step')
    .requiredOption('--at <instant>', 'the moment of sending, ISO-8601')
    .option('--from <instant>', 'where the engine starts (default: 400 days before --at)')
    .option('--format <format>', 'json, text or html', 'json')
    .option('--out <dir>', 'also write message.html, message.txt, message.json and the attachments into this folder')
    .option('--base-url <url>', "Plixo's public address, for pay and statement links", 'http://127.0.0.1:3000')
    .action(async (options: PreviewOptions) => {
      context.setExitCode(await runPreview(options, context));
    });
};

async function runPreview(options: PreviewOptions, { io }: CommandContext): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.stderr.write(`plixo preview: ${message}\n`);
    return code;
  };
  if (!['json', 'text', 'html'].includes(options.format ?? 'json')) return fail(`--format must be json, text or html, not "${options.format}"`);
  const at = parseInstant(options.at);
  if (at === null) return fail(`--at "${options.at}" is not an ISO-8601 instant such as 2024-04-08T07:00:00Z`);
  const from = options.from === undefined ? at - 400 * 86_400_000 : parseInstant(options.from);
  if (from === null) return fail(`--from "${options.from}" is not an ISO-8601 instant`);
  const bundle = await loadBundleFromDisk(resolve(io.cwd, options.policy));
  if (!bundle.ok) return fail(bundle.message);
  const data = await readJsonFile(resolve(io.cwd, options.data));
  if (!data.ok) return fail(data.message);
  const parsed = parsePortfolio(data.value);
  if (!parsed.ok) return fail(parsed.issues.map((issue) => `${options.data}: ${issue.record}: ${issue.field}: ${issue.message}`).join('\n'));
  const portfolio = parsed.portfolio;
  const found = findMessage({ policy: bundle.policy, portfolio, invoiceId: options.invoice, stepId: options.step, at, from });
  if (found.kind === 'error') return fail(found.message);
  if (found.kind === 'standalone') {
    io.stderr.write(
      `plixo preview: note: the engine does not send step "${options.step}" of ${options.invoice} at ${formatInstant(at)}` +
        (found.goesAt === null ? ' (nor in the 400 days after); ' : ` (it goes at ${formatInstant(found.goesAt)}); `) +
        'showing the message for that invoice alone as if sent then\n',
    );
  }
  const customer = portfolio.customers.find((candidate) => candidate.id === found.action.customer)!;
  const composed = await composeMessage({
    workspaceId: bundle.policy.workspace.name ?? 'main',
    policy: bundle.policy,
    action: found.action,
    customer,
    invoices: portfolio.invoices.filter((invoice) => invoice.customerId === customer.id),
    snapshots: found.customerInvoices,
    links: createPreviewLinks(options.baseUrl, io.env.PLIXO_SECRET || 'preview-only'),
    documents: createDocumentRenderer(),
  });
  if (!composed.ok) return fail(`the message cannot be rendered and would be held: ${composed.failure.description}`, 1);
  const message = composed.message;
  const summary = {
    subject: message.subject,
    headers: message.headers,
    text: message.text,
    html: message.html,
    to: message.to,
    attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, bytes: attachment.content.byteLength })),
  };
  if (options.out) {
    const folder = resolve(io.cwd, options.out);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'message.html'), message.html);
    await writeFile(join(folder, 'message.txt'), `Subject: ${message.subject}\n\n${message.text}`);
    await writeFile(join(folder, 'message.json'), `${JSON.stringify(summary, null, 2)}\n`);
    for (const attachment of message.attachments) await writeFile(join(folder, attachment.filename), attachment.content);
  }
  if (options.format === 'html') io.stdout.write(message.html);
  else if (options.format === 'text') io.stdout.write(`To: ${message.to.join(', ')}\nSubject: ${message.subject}\n\n${message.text}\n`);
  else io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}
