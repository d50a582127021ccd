import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '../../../app/ports/mailer.ts';
import { createSmtpMailer, type SmtpMailerOptions } from './create-smtp-mailer.ts';
import { startSmtpServer, testCredentials, type TestSmtpServer } from './testing/start-smtp-server.ts';

// The readiness probe of the SMTP mailer, against the real loopback test server.

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A loopback port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('createSmtpMailer().verify', () => {
  let server: TestSmtpServer;
  const mailers: Mailer[] = [];
  const open = (options: Partial<SmtpMailerOptions> & { url: string }): Mailer => {
    const mailer = createSmtpMailer({ allowSelfSignedCertificate: true, ...options });
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

  it('passes when the server accepts the connection and the login, and sends nothing', async () => {
    const verification = await open({ url: server.url }).verify();
    expect(verification).toEqual({ ok: true, detail: `SMTP server 127.0.0.1:${server.port} accepted the connection and the login` });
    expect(server.received).toEqual([]);
  });

  it('fails with the server’s answer when the password is wrong', async () => {
    const url = `smtp://${testCredentials.user}:wrong@127.0.0.1:${server.port}`;
    const verification = await open({ url }).verify();
    expect(verification.ok).toBe(false);
    expect(verification.detail).toMatch(/^SMTP server 127\.0\.0\.1:\d+ refused the login: .*535/);
  });

  it('fails, without throwing, when nothing listens on the port', async () => {
    const port = await closedPort();
    expect(await open({ url: `smtp://127.0.0.1:${port}` }).verify()).toEqual({
      ok: false,
      detail: `SMTP server 127.0.0.1:${port} refused the connection (nothing listens there)`,
    });
  });

  it('gives up after verifyTimeoutMs when the server never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    try {
      const startedAt = performance.now();
      const verification = await open({ url: `smtp://127.0.0.1:${port}`, verifyTimeoutMs: 300 }).verify();
      expect(verification.ok).toBe(false);
      expect(verification.detail).toMatch(/did not answer within 300 ms/);
      expect(performance.now() - startedAt).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
