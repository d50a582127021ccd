import type { SendOutcome } from '../../../app/ports/mailer.ts';

/** The fields nodemailer puts on the errors it hands back (see nodemailer's NodemailerError). */
export interface SmtpSendError {
  code?: string | undefined;
  originalCode?: string | undefined;
  command?: string | undefined;
  response?: string | undefined;
  responseCode?: number | undefined;
  rejected?: string[] | undefined;
  timeoutType?: string | undefined;
  message: string;
}

export type ClassifiedError =
  | { kind: 'retry'; reason: string; code?: number }
  | Extract<SendOutcome, { kind: 'rejected' | 'ambiguous' }>
  | { kind: 'unexpected' };

/** Failures that happen before a connection is ready for MAIL FROM: nothing can have been delivered. */
const unreachableCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const setupErrorCodes = new Set(['EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'EPROXY', 'EREQUIRETLS']);
const setupTimeouts = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const connectionErrorCodes = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);
/** Only these replies speak about the recipient or the message; a 5xx elsewhere is our setup. */
const messageCommands = new Set(['RCPT TO', 'DATA']);
/** RFC 5321: "mailbox name not allowed (e.g., mailbox syntax incorrect)". */
const invalidAddressCode = 553;

/**
 * Translates a nodemailer error into the port's outcome (less the retry delay, which the mailer
 * adds). The decisions, each one chosen so that a contact is suppressed only for its own fault
 * and a message that might have arrived is never re-sent under a new identity:
 *
 * - 421 at any point: the server is closing the session without taking the message → retry.
 * - 4xx and 503 → retry, with the code.
 * - 5xx to RCPT TO or to the message (DATA) → rejected, with the recipients the server named.
 * - 5xx anywhere else (greeting, EHLO, AUTH, MAIL FROM) speaks about our server, credentials or
 *   sending domain, not about the contact → retry, so an operator can fix the setup without
 *   every contact being suppressed meanwhile.
 * - Connection refused, DNS, TLS or login failures, and timeouts while connecting: the message
 *   never left → retry. A refused connection is the normal face of a restarting relay.
 * - Any other dropped connection or timeout: we cannot tell whether the server stored the message
 *   before the drop (nodemailer reports every drop as the same `CONN` step) → ambiguous.
 * - An address nodemailer refuses locally → rejected with 553, as a server would.
 */
export function classifySendError(error: SmtpSendError): ClassifiedError {
  const reason = error.response ?? error.message;
  const code = error.responseCode;
  if (code !== undefined) {
    if (code === 421) return { kind: 'retry', reason, code };
    if (code >= 500 && code < 600 && code !== 503 && messageCommands.has(error.command ?? '')) {
      const rejected: Extract<SendOutcome, { kind: 'rejected' }> = { kind: 'rejected', reason, code };
      if (error.rejected?.length) rejected.recipients = [...error.rejected];
      return rejected;
    }
    if (code >= 400 && code < 600) return { kind: 'retry', reason, code };
  }
  if (error.code === 'EENVELOPE' && error.command === 'API') {
    return { kind: 'rejected', reason: error.message, code: invalidAddressCode };
  }
  if (setupErrorCodes.has(error.code ?? '')) return { kind: 'retry', reason };
  if (unreachableCodes.has(error.originalCode ?? '') || unreachableCodes.has(error.code ?? '')) {
    return { kind: 'retry', reason };
  }
  if (error.code === 'ETIMEDOUT' && setupTimeouts.has(error.timeoutType ?? '')) return { kind: 'retry', reason };
  if (connectionErrorCodes.has(error.code ?? '')) return { kind: 'ambiguous', reason };
  return { kind: 'unexpected' };
}
