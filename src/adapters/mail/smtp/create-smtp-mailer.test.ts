import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageIdFor, type Mailer, type OutgoingMessage } from '../../../app/ports/mailer.ts';
import { createSmtpMailer, type SmtpMailerOptions } from './create-smtp-mailer.ts';
import { startSmtpServer, type TestSmtpServer } from './testing/start-smtp-server.ts';

function buildMessage(key: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    messageId: messageIdFor({ idempotencyKey: key, sendingDomain: 'mail.acme.test' }),
    from: { name: 'Acme Receivables', address: 'ar@mail.acme.test' },
    replyTo: 'replies+ws1@mail.acme.test',
    to: ['payables@customer.test'],
    subject: `Invoice INV-7 is due (${key})`,
    text: 'Invoice INV-7 for EUR 1,250.00 is due on 3 March.',
    html: '<p>Invoice <b>INV-7</b> for EUR 1,250.00 is due on 3 March.</p>',
    headers: {
      'List-Unsubscribe': '<https://plixo.test/u/abc123>, <mailto:unsubscribe@mail.acme.test?subject=abc123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Plixo-Step': 'due',
    },
    attachments: [{ filename: 'statement.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70, 45]) }],
    ...overrides,
  };
}

/** A loopback port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('createSmtpMailer against a real SMTP server on loopback', () => {
  let server: TestSmtpServer;
  const mailers: Mailer[] = [];
  const open = (options: Partial<SmtpMailerOptions> = {}): Mailer => {
    const mailer = createSmtpMailer({
      url: server.url,
      allowSelfSignedCertificate: true,
      maxConnections: 2,
      retry: { random: () => 0.5, baseMs: 1_000 },
      ...options,
    });
    mailers.push(mailer);
    return mailer;
  };

  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await Promise.all(mailers.map((mailer) => mailer.close()));
    await server.stop();
  });
  beforeEach(() => {
    server.received.length = 0;
    for (const key of Object.keys(server.behaviour)) delete server.behaviour[key as keyof typeof server.behaviour];
  });

  it('delivers both parts, the attachment, the unsubscribe headers and our Message-ID', async () => {
    const message = buildMessage('ws1/INV-7/dunning/due');
    const outcome = await open().send(message);

    expect(outcome).toMatchObject({ kind: 'sent' });
    expect(server.received).toHaveLength(1);
    const [arrived] = server.received;
    expect(arrived!.to).toEqual(['payables@customer.test']);
    expect(arrived!.from).toBe('ar@mail.acme.test');
    expect(arrived!.secure).toBe(true);
    const parsed = await simpleParser(arrived!.raw);
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('<b>INV-7</b>');
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.replyTo?.value[0]?.address).toBe('replies+ws1@mail.acme.test');
    const headerLine = (key: string) => parsed.headerLines.find((line) => line.key === key)?.line;
    expect(headerLine('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headerLine('list-unsubscribe')).toContain('<https://plixo.test/u/abc123>');
    expect(parsed.headers.get('x-plixo-step')).toBe('due');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, [...a.content]])).toEqual([
      ['statement.pdf', 'application/pdf', [37, 80, 68, 70, 45]],
    ]);
    expect(parsed.headers.has('dkim-signature')).toBe(false);
  });

  it('signs with DKIM when a key is configured, covering the unsubscribe headers', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const mailer = open({ dkim: { domainName: 'mail.acme.test', keySelector: 'plixo2026', privateKey } });

    expect(await mailer.send(buildMessage('ws1/INV-8/dunning/due'))).toMatchObject({ kind: 'sent' });
    const parsed = await simpleParser(server.received[0]!.raw);
    const signature = parsed.headerLines.find((line) => line.key === 'dkim-signature')?.line.replace(/\s+/g, '') ?? '';
    expect(signature).toContain('d=mail.acme.test');
    expect(signature).toContain('s=plixo2026');
    expect(signature).toMatch(/h=[^;]*List-Unsubscribe:/i);
    expect(signature).toMatch(/h=[^;]*List-Unsubscribe-Post/i);
  });

  it.each([
    { step: 'MAIL FROM', code: 421, set: (s: TestSmtpServer) => (s.behaviour.mailFromCode = 421) },
    { step: 'RCPT TO', code: 451, set: (s: TestSmtpServer) => (s.behaviour.rcptToCode = () => 451) },
    { step: 'end of DATA', code: 451, set: (s: TestSmtpServer) => (s.behaviour.afterData = 451) },
    { step: 'end of DATA', code: 421, set: (s: TestSmtpServer) => (s.behaviour.afterData = 421) },
  ])('a $code at $step is a retry with the code and a backoff', async ({ code, set }) => {
    set(server);
    const outcome = await open().send(buildMessage(`retry-${code}`), { attempt: 3 });

    // attempt 3 with baseMs 1 000: ceiling 4 000, half fixed, random 0.5 of the other half
    expect(outcome).toEqual({ kind: 'retry', code, reason: expect.stringContaining(String(code)), afterMs: 3_000 });
    expect(server.received).toHaveLength(0);
  });

  it('a 550 to RCPT TO is rejected with the code and the refused recipient', async () => {
    server.behaviour.rcptToCode = (address) => (address === 'gone@customer.test' ? 550 : undefined);
    const outcome = await open().send(buildMessage('rejected', { to: ['gone@customer.test'] }));

    expect(outcome).toEqual({ kind: 'rejected', code: 550, reason: expect.stringContaining('550'), recipients: ['gone@customer.test'] });
    expect(server.received).toHaveLength(0);
  });

  it('a 550 to the message itself is rejected with the code', async () => {
    server.behaviour.afterData = 550;
    expect(await open().send(buildMessage('rejected-data'))).toMatchObject({ kind: 'rejected', code: 550 });
  });

  it('one refused recipient among several: sent, naming the refused one', async () => {
    server.behaviour.rcptToCode = (address) => (address === 'gone@customer.test' ? 550 : undefined);
    const outcome = await open().send(buildMessage('partly', { to: ['payables@customer.test', 'gone@customer.test'] }));

    expect(outcome).toMatchObject({ kind: 'sent', rejectedRecipients: ['gone@customer.test'] });
    expect(server.received[0]!.to).toEqual(['payables@customer.test']);
  });

  it('a 5xx to MAIL FROM speaks about our sending setup, not the contact: retry, not rejected', async () => {
    server.behaviour.mailFromCode = 550;
    expect(await open().send(buildMessage('sender-refused'))).toMatchObject({ kind: 'retry', code: 550 });
  });

  it('a wrong password is a retry (an operator fixes the setup), never a rejection', async () => {
    const mailer = open({ url: server.url.replace(':secret@', ':wrong@') });
    expect(await mailer.send(buildMessage('bad-login'))).toMatchObject({ kind: 'retry', code: 535 });
  });

  it('the connection destroyed after DATA, before a reply, is ambiguous', async () => {
    server.behaviour.afterData = 'drop';
    const message = buildMessage('dropped');
    const outcome = await open().send(message);

    expect(outcome).toMatchObject({ kind: 'ambiguous' });
    // The resend carries the same Message-ID and arrives once (the pool did not resend by itself).
    delete server.behaviour.afterData;
    expect(await open().send(message)).toMatchObject({ kind: 'sent' });
    expect(server.received).toHaveLength(1);
    expect((await simpleParser(server.received[0]!.raw)).messageId).toBe(message.messageId);
  });

  it('a server that stays silent after DATA times out as ambiguous', async () => {
    server.behaviour.afterData = 'silent';
    const mailer = open({ socketTimeoutMs: 300 });
    expect(await mailer.send(buildMessage('silent'))).toMatchObject({ kind: 'ambiguous' });
  });

  it('a refused connection is a retry: nothing can have been delivered', async () => {
    const mailer = open({ url: `smtp://127.0.0.1:${await closedPort()}` });
    const outcome = await mailer.send(buildMessage('refused'), { attempt: 1 });
    expect(outcome).toEqual({ kind: 'retry', reason: expect.any(String), afterMs: 750 });
  });

  it('a local address it cannot use is rejected as 553 without a connection', async () => {
    const outcome = await open().send(buildMessage('bad-address', { to: ['not an address'] }));
    expect(outcome).toMatchObject({ kind: 'rejected', code: 553 });
  });

  it('pooled: 200 messages sent at once arrive exactly once each', async () => {
    const mailer = open({ maxConnections: 5, maxMessagesPerConnection: 40 });
    const messages = Array.from({ length: 200 }, (_, index) => buildMessage(`pool/${index}`));

    const outcomes = await Promise.all(messages.map((message) => mailer.send(message)));

    expect(outcomes.filter((outcome) => outcome.kind !== 'sent')).toEqual([]);
    const arrivedIds = server.received.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw.toString('latin1'))?.[1]);
    expect(arrivedIds).toHaveLength(200);
    expect(new Set(arrivedIds)).toEqual(new Set(messages.map((message) => message.messageId)));
  });
});
