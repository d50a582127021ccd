import { AppError } from '../../app/app-error.ts';
import { approveDraft, discardDraft, editDraft } from '../../app/delivery/review-drafts.ts';
import { listOutbox, type OutboxEntry } from '../../app/delivery/list-outbox.ts';
import { outboxStatuses, type OutboxStatus } from '../../app/ports/outbox-store.ts';
import { cliActor } from '../cli-actor.ts';
import type { CommandContext, RegisterCommand } from '../cli-io.ts';
import { runWithWorkspace } from '../open-store.ts';

// `plixo outbox`: every message the worker decided, with its state; `plixo drafts`: review the
// drafts of Shadow Mode (approve, edit, discard).

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new AppError('invalid_input', `--limit must be a whole number above 0, not "${text}"`);
  return limit;
}

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new AppError('invalid_input', `"${text}" is not a message number (see plixo drafts list)`);
  return id;
}

function describeEntry(entry: OutboxEntry): string {
  return [
    String(entry.id).padStart(5),
    new Date(entry.at).toISOString().replace('T', ' ').slice(0, 16),
    entry.status.padEnd(9),
    entry.customerId,
    entry.invoiceIds.join('+'),
    entry.subject === null ? '' : `${entry.subject} → ${entry.to.join(', ')}`,
    entry.reason ? `(${entry.reason})` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

function printEntries(context: CommandContext, entries: OutboxEntry[], json: boolean | undefined): void {
  if (json) {
    context.io.stdout.write(
      entries.map((entry) => `${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString(), sentAt: entry.sentAt === null ? null : new Date(entry.sentAt).toISOString() })}\n`).join(''),
    );
    return;
  }
  const lines = entries.map(describeEntry);
  context.io.stdout.write(`${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${entries.length} message${entries.length === 1 ? '' : 's'}\n`);
}

export const registerCommand: RegisterCommand = (program, context) => {
  program
    .command('outbox')
    .description('List the outbox, newest first: queued, sent, failed, held, withdrawn messages and drafts, with the reason for each state')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--status <list>', `only these states, comma-separated (${outboxStatuses.join(', ')})`)
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'one JSON object a line')
    .action(async (options: { workspace?: string; status?: string; limit: string; json?: boolean }) => {
      await runWithWorkspace(context, 'outbox', options.workspace, async (store, workspaceId) => {
        const statuses = options.status?.split(',').map((status) => status.trim());
        const unknown = statuses?.find((status) => !(outboxStatuses as readonly string[]).includes(status));
        if (unknown !== undefined) throw new AppError('invalid_input', `--status "${unknown}" is not one of ${outboxStatuses.join(', ')}`);
        printEntries(context, await listOutbox({ store, workspaceId, limit: parseLimit(options.limit), ...(statuses ? { statuses: statuses as OutboxStatus[] } : {}) }), options.json);
      });
    });

  const drafts = program.command('drafts').description('Review the drafts of Shadow Mode: list, show, approve, edit, discard');
  drafts
    .command('list')
    .description('Drafts awaiting review, newest first')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'one JSON object a line')
    .action(async (options: { workspace?: string; limit: string; json?: boolean }) => {
      await runWithWorkspace(context, 'drafts list', options.workspace, async (store, workspaceId) => {
        printEntries(context, await listOutbox({ store, workspaceId, limit: parseLimit(options.limit), statuses: ['draft'] }), options.json);
      });
    });
  drafts
    .command('show')
    .argument('<id>', 'the draft number')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description('Print a draft: recipients, subject and text')
    .action(async (id: string, options: { workspace?: string }) => {
      await runWithWorkspace(context, 'drafts show', options.workspace, async (store, workspaceId) => {
        const message = await store.getOutboxMessage(workspaceId, parseId(id));
        if (!message) throw new AppError('not_found', `draft ${id}: no such message`);
        const content = message.content;
        context.io.stdout.write(
          [
            `#${message.id} ${message.status}${message.statusReason ? ` (${message.statusReason})` : ''} · customer ${message.customerId} · invoices ${message.invoiceIds.join(', ')}`,
            `Due:     ${new Date(message.notBefore).toISOString()}`,
            `From:    ${content ? `${content.fromName} <${content.fromAddress}>` : '—'}`,
            `To:      ${content?.to.join(', ') ?? '—'}`,
            `Subject: ${content?.subject ?? '—'}`,
            '',
            message.bodyDroppedAt === null ? (content?.text ?? '') : `(the text was dropped by retention on ${new Date(message.bodyDroppedAt).toISOString()}; PLIXO_RETENTION_DAYS)`,
            '',
          ].join('\n'),
        );
      });
    });
  drafts
    .command('approve')
    .argument('<id>', 'the draft number')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description('Send a draft at the first moment the guardrails allow')
    .action(async (id: string, options: { workspace?: string }) => {
      await runWithWorkspace(context, 'drafts approve', options.workspace, async (store, workspaceId) => {
        const approved = await approveDraft({ store, workspaceId, id: parseId(id), by: cliActor(context), now: Date.now() });
        context.io.stdout.write(`draft ${approved.id} approved: it goes out at ${new Date(approved.notBefore).toISOString()} or the next tick after\n`);
      });
    });
  drafts
    .command('edit')
    .argument('<id>', 'the draft number')
    .requiredOption('--subject <text>', 'the new subject')
    .requiredOption('--text <text>', 'the new text (blank lines separate paragraphs)')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description("Replace a draft's subject and text; it still needs approving")
    .action(async (id: string, options: { workspace?: string; subject: string; text: string }) => {
      await runWithWorkspace(context, 'drafts edit', options.workspace, async (store, workspaceId) => {
        const edited = await editDraft({ store, workspaceId, id: parseId(id), by: cliActor(context), now: Date.now(), subject: options.subject, text: options.text });
        context.io.stdout.write(`draft ${edited.id} edited; approve it to send\n`);
      });
    });
  drafts
    .command('discard')
    .argument('<id>', 'the draft number')
    .option('--reason <text>', 'why, for the audit trail')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .description('Discard a draft: it is never sent, and the step counts as done')
    .action(async (id: string, options: { workspace?: string; reason?: string }) => {
      await runWithWorkspace(context, 'drafts discard', options.workspace, async (store, workspaceId) => {
        await discardDraft({ store, workspaceId, id: parseId(id), by: cliActor(context), now: Date.now(), ...(options.reason ? { reason: options.reason } : {}) });
        context.io.stdout.write(`draft ${id} discarded\n`);
      });
    });
};
