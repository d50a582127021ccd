import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpServer } from '../src/adapters/mail/smtp/testing/start-smtp-server.ts';

// The tests' loopback SMTP server (smtp-server: STARTTLS with its self-signed certificate, a
// login) in a process of its own, so that its work does not share the measured process's
// thread: in production the server is another machine. The parent asks it, over IPC, what it
// received, to check that every message arrived exactly once.

export interface ReceivedSummary {
  messageId: string;
  /** sha256 of the message as received, without its Date header and with nodemailer's random MIME boundary made constant. */
  digest: string;
  bytes: number;
}

export interface SmtpServerReport {
  received: ReceivedSummary[];
  /** Messages that came over a connection upgraded with STARTTLS. */
  secure: number;
  /** CPU time (user + system) of the server process since it started listening. */
  cpuMs: number;
}

export interface SmtpServerProcess {
  url: string;
  report(): Promise<SmtpServerReport>;
  stop(): Promise<void>;
}

type Request = { kind: 'report' } | { kind: 'stop' };
type Reply = { kind: 'listening'; url: string } | { kind: 'report'; report: SmtpServerReport };

const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const entry = fileURLToPath(import.meta.url);

export async function startSmtpServerProcess(): Promise<SmtpServerProcess> {
  const child = spawn(process.execPath, [runTs, entry], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the SMTP server process exited with ${String(code)} before listening`)));
    child.once('message', (reply: Reply) => {
      if (reply.kind === 'listening') resolveUrl(reply.url);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    report: () => ask(child),
    stop: () =>
      new Promise<void>((resolveStop) => {
        child.once('exit', () => resolveStop());
        child.send({ kind: 'stop' } satisfies Request);
      }),
  };
}

function ask(child: ChildProcess): Promise<SmtpServerReport> {
  return new Promise((resolveReport, reject) => {
    const exited = (code: number | null) => reject(new Error(`the SMTP server process exited with ${String(code)} before reporting`));
    child.once('exit', exited);
    child.once('message', (reply: Reply) => {
      child.off('exit', exited);
      if (reply.kind === 'report') resolveReport(reply.report);
    });
    child.send({ kind: 'report' } satisfies Request);
  });
}

const boundary = /_NmP-[0-9a-f]+-Part_/g;
const dateHeader = /^Date: [^\r\n]*\r?\n/m;

/** What of a message must be the same whoever sent it: all of it but the instant and the random boundary. */
export function digestMessage(raw: Buffer): { messageId: string; digest: string } {
  const text = raw.toString('utf8');
  const messageId = /^Message-ID: *(<[^>\r\n]+>)/im.exec(text)?.[1] ?? '';
  const normalised = text.replace(dateHeader, '').replace(boundary, '_NmP-0-Part_');
  return { messageId, digest: createHash('sha256').update(normalised).digest('hex') };
}

async function serve(): Promise<void> {
  const smtp = await startSmtpServer();
  const cpuAtStart = process.cpuUsage();
  process.on('message', (request: Request) => {
    if (request.kind === 'report') {
      const cpu = process.cpuUsage(cpuAtStart);
      const report: SmtpServerReport = {
        received: smtp.received.map((message) => ({ ...digestMessage(message.raw), bytes: message.raw.length })),
        secure: smtp.received.filter((message) => message.secure).length,
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
      process.send!({ kind: 'report', report } satisfies Reply);
      return;
    }
    void smtp.stop().then(() => process.disconnect());
  });
  process.send!({ kind: 'listening', url: smtp.url } satisfies Reply);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === entry) await serve();
