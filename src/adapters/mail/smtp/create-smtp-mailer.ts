import nodemailer, { type SMTPPoolOptions } from 'nodemailer';
import type { Mailer, MailerVerification, OutgoingMessage, SendOptions, SendOutcome } from '../../../app/ports/mailer.ts';
import { classifySendError, type SmtpSendError } from './classify-send-error.ts';
import { parseSmtpUrl, type SmtpEndpoint } from './parse-smtp-url.ts';
import { retryDelayMs, type RetryDelayOptions } from './retry-delay-ms.ts';
import { toMailOptions } from './to-mail-options.ts';

export interface DkimKey {
  /** The signing domain (d=), normally the sending domain. */
  domainName: string;
  /** The DNS selector (s=): the public key is published at `<selector>._domainkey.<domain>`. */
  keySelector: string;
  /** PEM, PKCS#1 or PKCS#8. */
  privateKey: string;
}

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  url: string;
  dkim?: DkimKey;
  /** Pooled connections open at once (default 5). */
  maxConnections?: number;
  /** Messages sent over one connection before it is replaced (default 100). */
  maxMessagesPerConnection?: number;
  /** Accept a self-signed or mismatched certificate. Only for tests and a local relay. */
  allowSelfSignedCertificate?: boolean;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  /** Silence on an open connection, including while waiting for the reply to DATA. */
  socketTimeoutMs?: number;
  /** Backoff of `retry` outcomes; `random` defaults to Math.random. */
  retry?: Partial<RetryDelayOptions>;
  /** The longest `verify` waits for the connection, the greeting, TLS and the login (default 10 000). */
  verifyTimeoutMs?: number;
}

/** A pooled nodemailer SMTP transport behind the Mailer port. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const endpoint = parseSmtpUrl(options.url);
  const transportOptions: SMTPPoolOptions & { pool: true } = {
    pool: true,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessagesPerConnection ?? 100,
    // The pool would otherwise resend a message on a new connection after a drop, possibly a
    // message the server already stored, and without telling us. The outbox decides resends.
    maxRequeues: 0,
    // Opportunistic: upgrade with STARTTLS when the server offers it, otherwise send in the clear
    // (port 25 relays without TLS still exist). Set neither requireTLS nor ignoreTLS.
    tls: { rejectUnauthorized: !options.allowSelfSignedCertificate },
  };
  if (endpoint.auth) transportOptions.auth = endpoint.auth;
  if (options.dkim) transportOptions.dkim = { ...options.dkim };
  if (options.connectionTimeoutMs !== undefined) transportOptions.connectionTimeout = options.connectionTimeoutMs;
  if (options.greetingTimeoutMs !== undefined) transportOptions.greetingTimeout = options.greetingTimeoutMs;
  if (options.socketTimeoutMs !== undefined) transportOptions.socketTimeout = options.socketTimeoutMs;
  const transport = nodemailer.createTransport(transportOptions);
  const retry: RetryDelayOptions = { random: Math.random, ...options.retry };

  return {
    async send(message: OutgoingMessage, sendOptions?: SendOptions): Promise<SendOutcome> {
      try {
        const info = await transport.sendMail(toMailOptions(message));
        const outcome: SendOutcome = { kind: 'sent', response: info.response };
        const rejected = info.rejected.map(String);
        if (rejected.length > 0) outcome.rejectedRecipients = rejected;
        return outcome;
      } catch (error) {
        const classified = classifySendError(error as SmtpSendError);
        if (classified.kind === 'unexpected') throw error;
        if (classified.kind !== 'retry') return classified;
        return { ...classified, afterMs: retryDelayMs(sendOptions?.attempt ?? 1, retry) };
      }
    },
    async verify(): Promise<MailerVerification> {
      // A connection of its own with short timeouts: the pool's may wait minutes for a silent
      // server, and a readiness probe must answer while the caller still cares.
      const timeoutMs = options.verifyTimeoutMs ?? 10_000;
      const { pool: _pool, maxConnections: _connections, maxMessages: _messages, maxRequeues: _requeues, ...connection } = transportOptions;
      const probe = nodemailer.createTransport({ ...connection, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
      try {
        await probe.verify();
        return { ok: true, detail: `${describeEndpoint(endpoint)} accepted the connection${endpoint.auth ? ' and the login' : ''}` };
      } catch (error) {
        return { ok: false, detail: describeVerifyFailure(error as SmtpSendError, endpoint, timeoutMs) };
      } finally {
        probe.close();
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}

function describeEndpoint(endpoint: SmtpEndpoint): string {
  return `SMTP server ${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
}

/** A failed verify in one line: what an operator checks next (host, port, password, certificate). */
export function describeVerifyFailure(error: SmtpSendError, endpoint: SmtpEndpoint, timeoutMs: number): string {
  const server = describeEndpoint(endpoint);
  const said = (error.response ?? error.message).trim();
  const codes = [error.code, error.originalCode].filter((code): code is string => code !== undefined);
  if (codes.includes('EAUTH') || codes.includes('ENOAUTH')) return `${server} refused the login: ${said}`;
  if (codes.includes('ECONNREFUSED')) return `${server} refused the connection (nothing listens there)`;
  if (codes.some((code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS')) return `${server}: the host name does not resolve`;
  if (codes.includes('ETIMEDOUT')) return `${server} did not answer within ${timeoutMs} ms${error.timeoutType ? ` (${error.timeoutType.toLowerCase().replace(/_/g, ' ')})` : ''}`;
  if (codes.includes('ETLS')) return `${server}: TLS failed: ${said}`;
  if (error.responseCode !== undefined) return `${server} answered: ${said}`;
  return `${server}: ${said}`;
}
