import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { readRemittanceFile } from '../../adapters/files/read-remittance-file.ts';
import { AppError } from '../../app/app-error.ts';
import { acceptRemittance } from '../../app/remittances/accept-remittance.ts';
import type { RemittanceView } from '../../app/remittances/remittance-view.ts';
import { maxRemittanceBytes, uploadRemittance } from '../../app/remittances/upload-remittance.ts';
import { describePlace } from '../../core/cash/remittance/remittance-advice.ts';
import { formatAmount } from '../../core/money/money.ts';
import { cliActor } from '../cli-actor.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { runWithWorkspace } from '../open-store.ts';

// `plixo remittance PAYMENT_ID FILE [--accept]`: reads a payer's remittance advice (CSV, PDF or
// text) for a payment, stores it with the proposal and prints each line with its invoice, amount,
// confidence and problems; with --accept, applies the lines proposed. Audited as cli:<user>.

export const registerCommand: RegisterCommand = (program, context) => {
  program
    .command('remittance')
    .argument('<payment-id>', 'the payment, by its id in Plixo')
    .argument('<file>', 'the remittance advice: .csv, .pdf or .txt')
    .option('--accept', 'apply the lines proposed (each to its invoice, with a note citing the remittance)')
    .option('--note <text>', 'added to the allocations’ note when accepting')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--json', 'print the proposal as JSON')
    .description('Propose (and with --accept, apply) the allocation of a payment from the payer’s remittance advice')
    .action(async (paymentText: string, file: string, options: { accept?: boolean; note?: string; workspace?: string; json?: boolean }) => {
      await runWithWorkspace(context, 'remittance', options.workspace, async (store, workspaceId) => {
        const paymentId = Number(paymentText);
        if (!Number.isSafeInteger(paymentId) || paymentId <= 0) throw new AppError('invalid_input', `payment id "${paymentText}" is not a number`);
        const path = resolve(context.io.cwd, file);
        const size = await stat(path).then((found) => found.size, () => null);
        if (size === null) throw new AppError('not_found', `${file}: no such file`);
        if (size > maxRemittanceBytes) throw new AppError('invalid_input', `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; a remittance file may be up to ${maxRemittanceBytes / 1024 / 1024} MB`);
        const by = cliActor(context);
        const now = Date.now();
        const view = await uploadRemittance({ store, now, workspaceId, by, paymentId, file: { name: basename(path), content: new Uint8Array(await readFile(path)) }, readFile: readRemittanceFile });
        const accepted = options.accept ? await acceptRemittance({ store, now, workspaceId, by, paymentId, remittanceId: view.remittance.id, note: options.note ?? null }) : null;
        const shown = accepted?.view ?? view;
        if (options.json) {
          context.io.stdout.write(`${JSON.stringify({ remittance: shown.remittance, advice: shown.advice, proposal: shown.proposal, accepted: shown.accepted })}\n`);
          return;
        }
        context.io.stdout.write(renderProposal(shown));
        if (accepted) {
          const total = accepted.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0);
          context.io.stdout.write(`Applied ${formatAmount(total, accepted.payment.currency)} ${accepted.payment.currency} to ${accepted.allocations.length} ${accepted.allocations.length === 1 ? 'invoice' : 'invoices'}; payment ${paymentId} has ${formatAmount(accepted.payment.unappliedMinor, accepted.payment.currency)} ${accepted.payment.currency} unapplied.\n`);
        } else {
          context.io.stdout.write(`Remittance ${view.remittance.id} stored for review; nothing applied. Accept it in Plixo, or run again with --accept.\n`);
        }
      });
    });
};

function renderProposal({ remittance, advice, proposal }: RemittanceView): string {
  const money = (minor: number) => formatAmount(minor, proposal.currency);
  const rows = [
    ['#', 'where', 'reference', 'invoice', 'paid', 'apply', 'conf', ''],
    ...proposal.lines.map((line) => [
      String(line.number),
      line.at.page === null ? `l${line.at.line}` : `p${line.at.page} l${line.at.line}`,
      line.reference,
      line.invoice?.number ?? '—',
      money(line.paidMinor),
      line.selected ? money(line.proposedMinor) : '—',
      line.confidence.toFixed(2),
      line.problems.map((problem) => problem.code).join(', '),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) => row.map((cell, column) => (column >= 4 && column <= 6 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd());
  const lines = [`${remittance.fileName} (${remittance.format}, remittance ${remittance.id}): ${proposal.lines.length} ${proposal.lines.length === 1 ? 'line' : 'lines'}`, ...table];
  for (const line of proposal.lines) for (const problem of line.problems) lines.push(`  line ${line.number}: ${problem.text}`);
  for (const issue of advice.issues) lines.push(`  not read: ${describePlace(issue.at)}, ${issue.field} "${issue.value}": ${issue.reason}`);
  const stated = proposal.statedTotalMinor === null ? '' : `, stated total ${money(proposal.statedTotalMinor)}`;
  lines.push(`Lines ${money(proposal.linesTotalMinor)}${stated}; proposed ${money(proposal.proposedMinor)} of ${money(proposal.unappliedMinor)} ${proposal.currency} unapplied`);
  for (const problem of proposal.problems) lines.push(`  ${problem.text}`);
  return `${lines.join('\n')}\n`;
}
