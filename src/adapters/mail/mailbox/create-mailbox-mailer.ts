import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailerVerification, OutgoingMessage, SendOutcome } from '../../../app/ports/mailer.ts';
import { toMailOptions } from '../smtp/to-mail-options.ts';

export interface MailboxMailerOptions {
  /** Where the .eml files go (created when missing). */
  folder: string;
  /** The Date header; injected so tests and `plixo run --until` write the simulated instant. */
  now?: () => Date;
}

/** The file a message is written to: one per Message-ID, so a resend replaces rather than adds. */
export function mailboxFileName(messageId: string): string {
  return `${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}.eml`;
}

/**
 * The mailer used without PLIXO_SMTP_URL: every message becomes an RFC 822 `.eml` file, exactly
 * the bytes the SMTP mailer would send, for the UI and `plixo outbox` to show.
 */
export function createMailboxMailer(options: MailboxMailerOptions): Mailer {
  // CRLF line ends, as on the wire, so mail clients open the files as they are.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const now = options.now ?? (() => new Date());

  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const info = await transport.sendMail(toMailOptions(message, now()));
      await mkdir(options.folder, { recursive: true });
      const file = join(options.folder, mailboxFileName(message.messageId));
      // Write then rename: a reader listing the folder never sees half a message.
      const partial = join(options.folder, `.${randomUUID()}.partial`);
      await writeFile(partial, info.message as Buffer);
      await rename(partial, file);
      return { kind: 'sent', response: `written to ${file}` };
    },
    async verify(): Promise<MailerVerification> {
      // Writing is the only proof: permission bits say nothing about a full or read-only disk.
      const probe = join(options.folder, `.${randomUUID()}.probe`);
      try {
        await mkdir(options.folder, { recursive: true });
        await writeFile(probe, '');
        await rm(probe, { force: true });
        return { ok: true, detail: `messages are written to ${options.folder} (no SMTP server is set)` };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, detail: `cannot write to the mailbox folder ${options.folder}: ${code ?? (error as Error).message}` };
      }
    },
    async close(): Promise<void> {},
  };
}
