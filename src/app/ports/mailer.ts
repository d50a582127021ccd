import { createHash } from 'node:crypto';

/** Sends rendered messages (adapters/mail/smtp over SMTP, adapters/mail/mailbox into a folder). */
export interface Mailer {
  /**
   * Resolves with what happened; it rejects only for a programming error (a message nodemailer
   * cannot build), never for an SMTP reply or a network failure.
   */
  send(message: OutgoingMessage, options?: SendOptions): Promise<SendOutcome>;
  /**
   * Whether mail can go out now: the SMTP server accepts a connection (and the login, when one is
   * configured), or the mailbox folder can be written. Never rejects; for readiness checks.
   */
  verify(): Promise<MailerVerification>;
  /** Closes pooled connections; call it once the last `send` has resolved. */
  close(): Promise<void>;
}

export interface MailerVerification {
  ok: boolean;
  /** One short sentence for an operator: what was reached, or why it failed. */
  detail: string;
}

export interface SendOptions {
  /** 1 for the first try; the outbox's attempt count, so a `retry` backs off further each time. */
  attempt?: number;
}

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * Every message offers a one-click unsubscribe (RFC 8058): required by the large mailbox
 * providers for bulk senders, and cheaper for us than a complaint.
 */
export interface UnsubscribeHeaders {
  'List-Unsubscribe': string;
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
}

export interface OutgoingMessage {
  /**
   * `<hash@sending-domain>` from the outbox's idempotency key (see `messageIdFor`), so a resend
   * after an ambiguous drop carries the same Message-ID and replies still thread to one message.
   */
  messageId: string;
  from: MailAddress;
  replyTo?: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /**
   * Customer messages carry UnsubscribeHeaders (compose-message adds them); messages to Plixo's
   * own users (invitations, approval requests) are transactional and carry none.
   */
  headers: Partial<UnsubscribeHeaders> & Record<string, string>;
  attachments: MailAttachment[];
}

/**
 * - `sent`: the server took responsibility for the message (250 after DATA).
 * - `retry`: a temporary refusal (4xx, a server we could not reach or log in to); nothing was
 *   delivered, try again after `afterMs`.
 * - `rejected`: a permanent refusal of the recipient or the message (5xx); the caller
 *   suppresses the contact with reason `invalid` and does not resend.
 * - `ambiguous`: the connection ended while the message may already have been accepted; resend
 *   later with the SAME messageId so a duplicate is at least recognisable as one.
 */
export type SendOutcome =
  | { kind: 'sent'; response: string; rejectedRecipients?: string[] }
  | { kind: 'retry'; reason: string; code?: number; afterMs: number }
  | { kind: 'rejected'; reason: string; code: number; recipients?: string[] }
  | { kind: 'ambiguous'; reason: string };

/** The Message-ID for an outbox entry: the same key always gives the same id. */
export function messageIdFor(input: { idempotencyKey: string; sendingDomain: string }): string {
  const hash = createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${input.sendingDomain}>`;
}
