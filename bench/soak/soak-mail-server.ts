import { startSmtpServer, type ReceivedMessage, type TestSmtpServer } from '../../src/adapters/mail/smtp/testing/start-smtp-server.ts';

// The soak's loopback SMTP server, which can be taken down and brought back on the same port:
// `down` closes the listener (clients get connection refused), `tempfail` listens but answers
// every MAIL FROM with 451 (a relay refusing for now), `up` accepts everything. It keeps only
// what the checks need of each message, so a long run holds little.

export type MailServerState = 'up' | 'down' | 'tempfail';

export interface ReceivedRecord {
  messageId: string;
  /** `workspace/outbox id`, from the X-Plixo-Message header. */
  plixoRef: string;
  to: string[];
  /** Wall clock (Date.now()) when the message was read, before the 250. */
  wallAt: number;
}

export interface SoakMailServer {
  readonly port: number;
  readonly url: string;
  readonly received: ReceivedRecord[];
  readonly state: MailServerState;
  setState(state: MailServerState): Promise<void>;
  stop(): Promise<void>;
}

export async function startSoakMailServer(): Promise<SoakMailServer> {
  const received: ReceivedRecord[] = [];
  const onReceived = (message: ReceivedMessage) => received.push(toRecord(message));
  const start = async (port?: number, tempfail = false) => {
    const server = await startSmtpServer({ keepMessages: false, ...(port !== undefined ? { port } : {}) });
    server.behaviour.onReceived = onReceived;
    if (tempfail) server.behaviour.mailFromCode = 451;
    return server;
  };
  let server: TestSmtpServer | null = await start();
  const { port, url } = server;
  let state: MailServerState = 'up';
  return {
    port,
    url,
    received,
    get state() {
      return state;
    },
    async setState(next) {
      if (next === state) return;
      if (next === 'down') {
        await server?.stop();
        server = null;
      } else if (server === null) {
        server = await start(port, next === 'tempfail');
      } else {
        server.behaviour.mailFromCode = next === 'tempfail' ? 451 : undefined;
      }
      state = next;
    },
    async stop() {
      await server?.stop();
      server = null;
      state = 'down';
    },
  };
}

export function toRecord(message: ReceivedMessage): ReceivedRecord {
  const headers = readHeaders(message.raw);
  return { messageId: headers.get('message-id') ?? '', plixoRef: headers.get('x-plixo-message') ?? '', to: message.to, wallAt: Date.now() };
}

/** The header block's fields, names lower-cased, folded lines joined (RFC 5322 2.2.3). */
export function readHeaders(raw: Buffer): Map<string, string> {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}
