import { AppError } from '../app-error.ts';
import type { DisputeAttachmentInput } from '../ports/collections-record-store.ts';

// The files a person brings to a dispute (a payer on the portal, a cash applier with a short-pay):
// PDF, PNG or JPEG, 2 MB each, at most three. A file's type is read from its first bytes, never
// taken from its name or the browser's word; its name is kept safe to show and to download.

export const maxDisputeAttachments = 3;
export const maxDisputeAttachmentBytes = 2 * 1024 * 1024;

const signatures: { contentType: string; bytes: number[] }[] = [
  { contentType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The type a file's first bytes show, among those a dispute takes; null for anything else. */
export function sniffAttachmentType(content: Uint8Array): string | null {
  return signatures.find((signature) => signature.bytes.every((byte, index) => content[index] === byte))?.contentType ?? null;
}

/**
 * Checks the files, refusing the first bad one with its field (`${field}[i]`, or `field` itself
 * for a field that holds one file), and answers them ready to store.
 */
export function checkDisputeFiles(files: readonly { filename: string; content: Uint8Array }[], where: { record: string; field: string; fallbackName: string; oneFile?: boolean }): DisputeAttachmentInput[] {
  const { record, field } = where;
  if (files.length > maxDisputeAttachments) throw new AppError('invalid_input', `${field}: at most ${maxDisputeAttachments} files`, { record, field });
  return files.map((file, index) => {
    const at = where.oneFile ? field : `${field}[${index}]`;
    if (file.content.byteLength === 0) throw new AppError('invalid_input', `${at}: ${file.filename} is empty`, { record, field: at });
    if (file.content.byteLength > maxDisputeAttachmentBytes) throw new AppError('invalid_input', `${at}: ${file.filename} is larger than 2 MB`, { record, field: at });
    const contentType = sniffAttachmentType(file.content);
    if (contentType === null) throw new AppError('invalid_input', `${at}: ${file.filename} is not a PDF, PNG or JPEG file`, { record, field: at });
    const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-120) || `${where.fallbackName}-${index + 1}`;
    return { filename, contentType, content: file.content };
  });
}
