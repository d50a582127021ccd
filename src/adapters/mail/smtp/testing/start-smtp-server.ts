import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  /** Whether the session had been upgraded with STARTTLS (or was TLS from the start). */
  secure: boolean;
  raw: Buffer;
}

/** What the server does at each step; a test changes it between sends. */
export interface ServerBehaviour {
  /** Reply to MAIL FROM with this code instead of 250. */
  mailFromCode?: number;
  /** Reply to RCPT TO for an address with this code instead of 250. */
  rcptToCode?: (address: string) => number | undefined;
  /**
   * After the message is read: reply with this code, drop the connection, never answer, or keep
   * the message and drop the connection before the 250 (the ambiguous case: delivered, unconfirmed).
   */
  afterData?: number | 'drop' | 'silent' | 'keep-and-drop';
  /** Waits this long after reading a message before answering (a slow server). */
  delayMs?: number;
  /** Called with each message kept, before the 250 is written. */
  onReceived?: (message: ReceivedMessage) => void;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMessage[];
  behaviour: ServerBehaviour;
  stop(): Promise<void>;
}

export const testCredentials = { user: 'plixo', pass: 'secret' };

function smtpError(code: number): Error & { responseCode: number } {
  return Object.assign(new Error(`test server says ${code}`), { responseCode: code });
}

export interface StartSmtpServerOptions {
  /** Listen on this loopback port (a server stopped and started again, as in an outage); default: a free one. */
  port?: number;
  /** Keep each message in `received` (default); false: only `onReceived` sees them, so a long run holds nothing. */
  keepMessages?: boolean;
}

/**
 * A real SMTP server (smtp-server) on a loopback port, offering STARTTLS with smtp-server's
 * built-in self-signed certificate and requiring a login. Stop it with the returned `stop`.
 */
export async function startSmtpServer(options: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const keepMessages = options.keepMessages ?? true;
  const received: ReceivedMessage[] = [];
  const behaviour: ServerBehaviour = {};
  // Raw sockets by client port, so 'drop' can cut the one connection that sent the message.
  const sockets = new Map<number, Socket>();

  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === testCredentials.user && auth.password === testCredentials.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(smtpError(535));
    },
    onMailFrom(_address, _session, callback) {
      callback(behaviour.mailFromCode ? smtpError(behaviour.mailFromCode) : null);
    },
    onRcptTo(address, _session, callback) {
      const code = behaviour.rcptToCode?.(address.address);
      callback(code ? smtpError(code) : null);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        const afterData = behaviour.afterData;
        if (afterData === 'silent') return;
        if (afterData === 'drop') {
          sockets.get(session.remotePort)?.destroy();
          return;
        }
        if (typeof afterData === 'number') {
          callback(smtpError(afterData));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        const message = {
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          secure: session.secure,
          raw: Buffer.concat(chunks),
        };
        if (keepMessages) received.push(message);
        behaviour.onReceived?.(message);
        if (afterData === 'keep-and-drop') {
          sockets.get(session.remotePort)?.destroy();
          return;
        }
        callback(null);
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });
  server.on('error', () => {
    // A client cut off mid-session shows up here; the tests assert on what the client saw.
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://${testCredentials.user}:${testCredentials.pass}@127.0.0.1:${port}`,
    received,
    behaviour,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.values()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
