import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface InboundEnvelope {
  /** The MAIL FROM address; null for the empty reverse path that bounces use. */
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string;
  clientHostname: string;
}

export interface InboundSmtpOptions {
  host: string;
  /** 0 picks a free port; the one chosen is returned. */
  port: number;
  /**
   * Mail is accepted only for recipients at exactly these domains (not their subdomains); a
   * function is asked at each recipient, so the list can change while the listener runs.
   */
  acceptDomains: readonly string[] | (() => readonly string[]);
  onMessage(raw: Buffer, envelope: InboundEnvelope): Promise<void>;
  /** @default 25 MiB */
  maxSizeBytes?: number;
  /** PEM key and certificate; without both, STARTTLS is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** @default 60_000 */
  socketTimeoutMs?: number;
  /** How long close() waits for open sessions before cutting them. @default 5_000 */
  closeTimeoutMs?: number;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

interface SmtpReplyError extends Error {
  responseCode: number;
}

/** The inbound MX: receives replies and bounces from the internet, so no AUTH, but only for our domains. */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const fixed = typeof options.acceptDomains === 'function' ? null : new Set(options.acceptDomains.map((domain) => domain.toLowerCase()));
  const accepts = (domain: string) =>
    fixed ? fixed.has(domain) : (options.acceptDomains as () => readonly string[])().some((candidate) => candidate.toLowerCase() === domain);
  const maxSizeBytes = options.maxSizeBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: maxSizeBytes,
    logger: false,
    disableReverseLookup: true,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    closeTimeout: options.closeTimeoutMs ?? 5_000,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      callback(accepts(domain) ? null : replyError(550, '5.7.1 Relaying denied: not a domain we accept mail for'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(replyError(552, '5.3.4 Message too big'));
        options.onMessage(Buffer.concat(chunks), readEnvelope(session)).then(
          () => callback(null, 'Message accepted'),
          // Our failure, not the sender's: a 4xx makes their MTA try again later.
          () => callback(replyError(451, '4.3.0 Temporary failure, please retry')),
        );
      });
    },
  });
  server.on('error', () => {
    // A client error (reset, timeout) ends that session only; the listener keeps serving.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function readEnvelope(session: SMTPServerSession): InboundEnvelope {
  const mailFrom = session.envelope.mailFrom;
  return {
    mailFrom: mailFrom && mailFrom.address !== '' ? mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    remoteAddress: session.remoteAddress,
    clientHostname: session.clientHostname,
  };
}

function replyError(responseCode: number, message: string): SmtpReplyError {
  return Object.assign(new Error(message), { responseCode });
}
