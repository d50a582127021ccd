import { readFile } from 'node:fs/promises';
import type { Mailer } from '../../app/ports/mailer.ts';
import { createMailboxMailer } from './mailbox/create-mailbox-mailer.ts';
import { createSmtpMailer } from './smtp/create-smtp-mailer.ts';

export interface MailSettings {
  /** `smtp://user:pass@host:port`; null: messages are written to `mailboxFolder` instead. */
  smtpUrl: string | null;
  mailboxFolder: string;
  /** DKIM signing, when a key is configured. */
  dkim: { domain: string; selector: string; keyFile: string } | null;
  smtpMaxConnections: number;
  allowSelfSignedCertificate: boolean;
}

/** The mailer the settings ask for: SMTP when a server is configured, else the local mailbox folder. */
export async function createMailer(settings: MailSettings, options: { now?: () => Date } = {}): Promise<{ mailer: Mailer; description: string }> {
  if (settings.smtpUrl === null) {
    return {
      mailer: createMailboxMailer({ folder: settings.mailboxFolder, ...(options.now ? { now: options.now } : {}) }),
      description: `the mailbox folder ${settings.mailboxFolder} (set PLIXO_SMTP_URL to send)`,
    };
  }
  const dkim = settings.dkim
    ? { domainName: settings.dkim.domain, keySelector: settings.dkim.selector, privateKey: await readFile(settings.dkim.keyFile, 'utf8') }
    : undefined;
  const url = new URL(settings.smtpUrl);
  return {
    mailer: createSmtpMailer({
      url: settings.smtpUrl,
      ...(dkim ? { dkim } : {}),
      maxConnections: settings.smtpMaxConnections,
      allowSelfSignedCertificate: settings.allowSelfSignedCertificate,
      // Well under the outbox's claim lease (5 minutes by default): a send that hangs ends as
      // `retry` or `ambiguous` long before another worker could take the message over.
      connectionTimeoutMs: 30_000,
      greetingTimeoutMs: 30_000,
      socketTimeoutMs: 60_000,
    }),
    description: `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}${dkim ? ` with DKIM (${dkim.keySelector}._domainkey.${dkim.domainName})` : ''}`,
  };
}
