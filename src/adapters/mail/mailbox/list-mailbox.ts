import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

export interface MailboxEntry {
  messageId: string;
  to: string[];
  subject: string;
  date: Date;
  /** Path of the .eml file. */
  file: string;
}

/** The headers of a message end at the first empty line; enough to list it without the body. */
const headerBlockBytes = 64 * 1024;

async function readHeaderBlock(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(headerBlockBytes);
    const { bytesRead } = await handle.read(buffer, 0, headerBlockBytes, 0);
    const head = buffer.subarray(0, bytesRead);
    const end = head.indexOf('\r\n\r\n');
    return end === -1 ? head : head.subarray(0, end + 4);
  } finally {
    await handle.close();
  }
}

function addresses(to: AddressObject | AddressObject[] | undefined): string[] {
  const groups = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return groups.flatMap((group) => group.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

/** The messages in a mailbox folder, newest first; an absent folder is an empty mailbox. */
export async function listMailbox(folder: string): Promise<MailboxEntry[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries = await Promise.all(
    names.map(async (name): Promise<MailboxEntry> => {
      const file = join(folder, name);
      const parsed = await simpleParser(await readHeaderBlock(file), { skipHtmlToText: true, skipTextToHtml: true });
      return {
        messageId: parsed.messageId ?? '',
        to: addresses(parsed.to),
        subject: parsed.subject ?? '',
        date: parsed.date ?? new Date(0),
        file,
      };
    }),
  );
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || a.file.localeCompare(b.file));
}
