import { openDispute, type DisputeView } from '../collections/manage-disputes.ts';
import { AppError } from '../app-error.ts';
import type { DisputeAttachmentInput } from '../ports/payer-portal-store.ts';
import type { Store } from '../ports/store.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';

// A dispute the payer opens on the portal: a reason code, their message and up to three files
// (PDF, PNG or JPEG, 2 MB each), through the queue's own dispute use case, so it has the same SLA
// and takes the invoice out of dunning. A file's type is read from its first bytes, never taken
// from its name or the browser's word.

export const maxDisputeAttachments = 3;
export const maxDisputeAttachmentBytes = 2 * 1024 * 1024;
export const maxDisputeMessageLength = 5000;

const signatures: { contentType: string; bytes: number[] }[] = [
  { contentType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The type a file's first bytes show, among those the portal takes; null for anything else. */
export function sniffAttachmentType(content: Uint8Array): string | null {
  return signatures.find((signature) => signature.bytes.every((byte, index) => content[index] === byte))?.contentType ?? null;
}

export async function openPayerDispute(input: { store: Store; now: number; grant: PayerLinkGrant; reason: string; message: string; attachments: readonly { filename: string; content: Uint8Array }[] }): Promise<DisputeView> {
  const { grant } = input;
  const record = `invoice ${grant.invoice.id}`;
  const message = input.message.trim();
  if (message === '') throw new AppError('invalid_input', 'message: say what is wrong with the invoice', { record, field: 'message' });
  if (message.length > maxDisputeMessageLength) throw new AppError('invalid_input', `message: at most ${maxDisputeMessageLength} characters`, { record, field: 'message' });
  const files = input.attachments.filter((file) => file.content.byteLength > 0 || file.filename !== '');
  if (files.length > maxDisputeAttachments) throw new AppError('invalid_input', `attachments: at most ${maxDisputeAttachments} files`, { record, field: 'attachments' });
  const attachments: DisputeAttachmentInput[] = files.map((file, index) => {
    const field = `attachments[${index}]`;
    if (file.content.byteLength > maxDisputeAttachmentBytes) throw new AppError('invalid_input', `${field}: ${file.filename} is larger than 2 MB`, { record, field });
    const contentType = sniffAttachmentType(file.content);
    if (contentType === null) throw new AppError('invalid_input', `${field}: ${file.filename} is not a PDF, PNG or JPEG file`, { record, field });
    const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-120) || `attachment-${index + 1}`;
    return { filename, contentType, content: file.content };
  });
  return openDispute({ store: input.store, now: input.now, workspaceId: grant.workspace.id, by: grant.payer, invoiceId: grant.invoice.id, reason: input.reason, description: message, attachments });
}
