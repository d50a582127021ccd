import { openDispute, type DisputeView } from '../collections/manage-disputes.ts';
import { AppError } from '../app-error.ts';
import { checkDisputeFiles } from '../collections/check-dispute-files.ts';
import type { Store } from '../ports/store.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';

// A dispute the payer opens on the portal: a reason code, their message and up to three files
// (checked by collections/check-dispute-files.ts), through the queue's own dispute use case, so
// it has the same SLA and takes the invoice out of dunning.

export const maxDisputeMessageLength = 5000;

export async function openPayerDispute(input: { store: Store; now: number; grant: PayerLinkGrant; reason: string; message: string; attachments: readonly { filename: string; content: Uint8Array }[] }): Promise<DisputeView> {
  const { grant } = input;
  const record = `invoice ${grant.invoice.id}`;
  const message = input.message.trim();
  if (message === '') throw new AppError('invalid_input', 'message: say what is wrong with the invoice', { record, field: 'message' });
  if (message.length > maxDisputeMessageLength) throw new AppError('invalid_input', `message: at most ${maxDisputeMessageLength} characters`, { record, field: 'message' });
  // A form's file field left empty sends a part with no name and no bytes: not a file.
  const files = input.attachments.filter((file) => file.content.byteLength > 0 || file.filename !== '');
  const attachments = checkDisputeFiles(files, { record, field: 'attachments', fallbackName: 'attachment' });
  return openDispute({ store: input.store, now: input.now, workspaceId: grant.workspace.id, by: grant.payer, invoiceId: grant.invoice.id, reason: input.reason, description: message, attachments });
}
