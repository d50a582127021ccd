import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageIdFor, type OutgoingMessage } from '../../../app/ports/mailer.ts';
import { createMailboxMailer, mailboxFileName } from './create-mailbox-mailer.ts';
import { listMailbox } from './list-mailbox.ts';

function buildMessage(key: string, subject: string): OutgoingMessage {
  return {
    messageId: messageIdFor({ idempotencyKey: key, sendingDomain: 'mail.acme.test' }),
    from: { name: 'Acme Receivables', address: 'ar@mail.acme.test' },
    to: ['payables@customer.test', 'cfo@customer.test'],
    subject,
    text: 'Invoice INV-7 is due.',
    html: '<p>Invoice <b>INV-7</b> is due.</p>',
    headers: {
      'List-Unsubscribe': '<https://plixo.test/u/abc123>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    attachments: [{ filename: 'statement.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }],
  };
}

describe('createMailboxMailer and listMailbox', () => {
  let folder: string;
  let clock: Date;
  beforeEach(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'plixo-mailbox-')), 'outbox');
    clock = new Date('2026-03-02T09:00:00Z');
  });
  afterEach(async () => {
    await rm(join(folder, '..'), { recursive: true, force: true });
  });

  it('writes a parseable .eml with both parts, the headers and our Message-ID', async () => {
    const mailer = createMailboxMailer({ folder, now: () => clock });
    const message = buildMessage('ws1/INV-7/due', 'Rappel : facture INV-7 échue');

    const outcome = await mailer.send(message);

    const file = join(folder, mailboxFileName(message.messageId));
    expect(outcome).toEqual({ kind: 'sent', response: `written to ${file}` });
    const raw = await readFile(file);
    expect(raw.toString('latin1')).toContain('\r\n');
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.subject).toBe('Rappel : facture INV-7 échue');
    expect(parsed.date?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(parsed.text?.trim()).toBe('Invoice INV-7 is due.');
    expect(parsed.html).toContain('<b>INV-7</b>');
    expect(parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['statement.pdf']);
  });

  it('lists messages newest first; a resend of one Message-ID replaces its file', async () => {
    const mailer = createMailboxMailer({ folder, now: () => clock });
    const first = buildMessage('ws1/INV-7/due', 'Invoice INV-7 is due');
    const second = buildMessage('ws1/INV-8/due', 'Invoice INV-8 is due');
    await mailer.send(first);
    clock = new Date('2026-03-02T10:00:00Z');
    await mailer.send(second);
    clock = new Date('2026-03-02T11:00:00Z');
    await mailer.send(first);

    const listed = await listMailbox(folder);

    expect(listed).toEqual([
      {
        messageId: first.messageId,
        to: ['payables@customer.test', 'cfo@customer.test'],
        subject: 'Invoice INV-7 is due',
        date: new Date('2026-03-02T11:00:00Z'),
        file: join(folder, mailboxFileName(first.messageId)),
      },
      expect.objectContaining({ messageId: second.messageId, date: new Date('2026-03-02T10:00:00Z') }),
    ]);
    expect((await readdir(folder)).sort()).toEqual(listed.map((entry) => entry.file.slice(folder.length + 1)).sort());
  });

  it('an absent folder is an empty mailbox', async () => {
    expect(await listMailbox(join(folder, 'nothing-here'))).toEqual([]);
  });
});
