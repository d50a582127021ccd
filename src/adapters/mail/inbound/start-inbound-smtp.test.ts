import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyInboundEmail } from './classify-inbound-email.ts';
import { startInboundSmtp, type InboundEnvelope, type InboundSmtp } from './start-inbound-smtp.ts';

/** A bare SMTP client: sends one command at a time and returns the reply code, so tests see exactly what the server said. */
async function openSession(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = '';
  const waiters: ((reply: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete at a line "NNN text" (a space after the code, not a dash).
    for (let match = buffer.match(/^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/); match; match = buffer.match(/^(?:\d{3}-.*\r\n)*\d{3}(?: .*)?\r\n/)) {
      buffer = buffer.slice(match[0].length);
      waiters.shift()?.(match[0]);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const send = async (line: string) => {
    const reply = next();
    socket.write(`${line}\r\n`);
    return Number((await reply).slice(0, 3));
  };
  const greeting = Number((await next()).slice(0, 3));
  return { greeting, send, close: () => socket.destroy() };
}

describe('startInboundSmtp', () => {
  let listener: InboundSmtp | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it('receives a bounce for our domain (empty reverse path) and hands over the raw message and envelope', async () => {
    const received: { raw: Buffer; envelope: InboundEnvelope }[] = [];
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, acceptDomains: ['Reply.Acme.example'], onMessage: async (raw, envelope) => void received.push({ raw, envelope }) });
    const raw = readFileSync(new URL('./samples/postfix-undelivered.eml', import.meta.url), 'utf8');
    const session = await openSession(listener.port);
    expect(session.greeting).toBe(220);
    expect(await session.send('EHLO mx.sender.example')).toBe(250);
    expect(await session.send('MAIL FROM:<>')).toBe(250);
    expect(await session.send('RCPT TO:<bounces+inv-0913@reply.acme.example>')).toBe(250);
    expect(await session.send('DATA')).toBe(354);
    const dotStuffed = raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    expect(await session.send(`${dotStuffed}\r\n.`)).toBe(250);
    expect(await session.send('QUIT')).toBe(221);
    session.close();

    expect(received).toHaveLength(1);
    expect(received[0]!.envelope).toMatchObject({ mailFrom: null, rcptTo: ['bounces+inv-0913@reply.acme.example'] });
    const email = await classifyInboundEmail(received[0]!.raw);
    expect(email.bounce?.originalMessageId).toBe('<plixo.d1e2f3a4.inv-0913.s2@mail.acme.example>');
  });

  it('refuses a recipient at a foreign domain with 550, and offers neither AUTH nor STARTTLS', async () => {
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, acceptDomains: ['reply.acme.example'], onMessage: async () => {} });
    const session = await openSession(listener.port);
    expect(await session.send('EHLO relay-probe.example')).toBe(250);
    expect(await session.send('STARTTLS')).not.toBe(220);
    expect(await session.send('MAIL FROM:<spammer@relay-probe.example>')).toBe(250);
    expect(await session.send('RCPT TO:<victim@elsewhere.example>')).toBe(550);
    expect(await session.send('RCPT TO:<victim@sub.reply.acme.example>')).toBe(550);
    expect(await session.send('RCPT TO:<ar@reply.acme.example>')).toBe(250);
    session.close();
  });

  it('answers 451 when onMessage fails, so the sending MTA retries', async () => {
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, acceptDomains: ['reply.acme.example'], onMessage: async () => { throw new Error('database down'); } });
    const session = await openSession(listener.port);
    await session.send('EHLO mx.sender.example');
    await session.send('MAIL FROM:<a@customer.example>');
    await session.send('RCPT TO:<ar@reply.acme.example>');
    await session.send('DATA');
    expect(await session.send('Subject: hi\r\n\r\nhello\r\n.')).toBe(451);
    session.close();
  });

  it('answers 552 to a message over the size limit', async () => {
    listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, acceptDomains: ['reply.acme.example'], maxSizeBytes: 1024, onMessage: async () => {} });
    const session = await openSession(listener.port);
    await session.send('EHLO mx.sender.example');
    await session.send('MAIL FROM:<a@customer.example>');
    await session.send('RCPT TO:<ar@reply.acme.example>');
    await session.send('DATA');
    expect(await session.send(`Subject: big\r\n\r\n${'x'.repeat(76)}\r\n`.repeat(40) + '.')).toBe(552);
    session.close();
  });
});
