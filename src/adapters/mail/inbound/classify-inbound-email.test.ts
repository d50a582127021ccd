import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyInboundEmail } from './classify-inbound-email.ts';

const sample = (name: string) => readFileSync(new URL(`./samples/${name}.eml`, import.meta.url));

describe('classifyInboundEmail on real-world samples', () => {
  it('Gmail reply: a reply, threaded, with the "On … wrote:" history (wrapped over two lines) cut off', async () => {
    const email = await classifyInboundEmail(sample('gmail-reply'));
    expect(email).toMatchObject({
      kind: 'reply',
      from: 'maria.keller@gmail.com',
      to: ['ar@acme.example'],
      inReplyTo: '<plixo.8b1d0e55.inv-1042.s2@mail.acme.example>',
      references: ['<plixo.7f3a9c21.inv-1042.s1@mail.acme.example>', '<plixo.8b1d0e55.inv-1042.s2@mail.acme.example>'],
      receivedAt: new Date('2026-03-04T09:11:58Z'),
    });
    expect(email.text).toBe('Hi,\n\nWe paid this on Monday by bank transfer, reference INV-1042. Could you check again?\n\nThanks,\nMaria');
  });

  it('Outlook reply: the "From: … Sent: …" block and its separator are cut off', async () => {
    const email = await classifyInboundEmail(sample('outlook-reply'));
    expect(email.kind).toBe('reply');
    expect(email.inReplyTo).toBe('<plixo.1c2d3e4f.inv-2001.s1@mail.acme.example>');
    expect(email.text).toMatch(/^Hello,\n\nOur AP team needs a purchase order number/);
    expect(email.text.endsWith('Nordwind Logistik GmbH')).toBe(true);
    expect(email.text).not.toContain('Sent:');
  });

  it('Exchange out-of-office: an auto-reply, still threaded to our message', async () => {
    const email = await classifyInboundEmail(sample('exchange-out-of-office'));
    expect(email).toMatchObject({ kind: 'auto_reply', from: 's.martin@contoso.example', inReplyTo: '<plixo.44aa55bb.inv-3107.s1@mail.acme.example>' });
    expect(email.text).toContain('out of the office until 16 March');
  });

  it('Gmail vacation responder ("Re:" subject, Auto-Submitted: auto-replied): an auto-reply, not a reply', async () => {
    const email = await classifyInboundEmail(sample('gmail-vacation'));
    expect(email.kind).toBe('auto_reply');
  });

  it('Exchange NDR: permanent 5.1.1 bounce, original Message-ID from the text/rfc822-headers part', async () => {
    const email = await classifyInboundEmail(sample('exchange-ndr'));
    expect(email.kind).toBe('bounce');
    expect(email.bounce).toEqual({
      recipients: [{ address: 'p.novak@contoso.example', status: '5.1.1', action: 'failed', diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' }],
      permanent: true,
      originalMessageId: '<plixo.5e6f7a8b.inv-1188.s2@mail.acme.example>',
    });
  });

  it('Google "Delivery Status Notification (Failure)": permanent bounce, original from the message/rfc822 part', async () => {
    const email = await classifyInboundEmail(sample('google-dsn-failure'));
    expect(email.kind).toBe('bounce');
    expect(email.bounce).toMatchObject({
      recipients: [{ address: 'tom.baker.old@gmail.com', status: '5.1.1', action: 'failed' }],
      permanent: true,
      originalMessageId: '<plixo.9c8b7a6f.inv-0456.s1@mail.acme.example>',
    });
    expect(email.bounce?.recipients[0]?.diagnostic).toContain('does not exist');
  });

  it('Postfix "Undelivered Mail Returned to Sender": permanent bounce with the folded diagnostic unfolded', async () => {
    const email = await classifyInboundEmail(sample('postfix-undelivered'));
    expect(email.bounce).toEqual({
      recipients: [{ address: 'billing@fabrikam.example', status: '5.1.1', action: 'failed', diagnostic: '550 5.1.1 <billing@fabrikam.example>: Recipient address rejected: User unknown in virtual mailbox table' }],
      permanent: true,
      originalMessageId: '<plixo.d1e2f3a4.inv-0913.s2@mail.acme.example>',
    });
  });

  it('Postfix delayed DSN (Action: delayed, 4.4.7): a bounce that is not permanent', async () => {
    const email = await classifyInboundEmail(sample('postfix-delayed'));
    expect(email.kind).toBe('bounce');
    expect(email.bounce).toMatchObject({
      recipients: [{ address: 'ap@slowmail.example', status: '4.4.7', action: 'delayed' }],
      permanent: false,
      originalMessageId: '<plixo.0f1e2d3c.inv-0321.s1@mail.acme.example>',
    });
  });

  it('Exim "Mail delivery failed" (no DSN part): failed address, status and original Message-ID read from the text', async () => {
    const email = await classifyInboundEmail(sample('exim-mail-delivery-failed'));
    expect(email.kind).toBe('bounce');
    expect(email.bounce).toEqual({
      recipients: [{ address: 'invoices@bakery-schmidt.example', status: '5.1.1', action: 'failed', diagnostic: '550 5.1.1 <invoices@bakery-schmidt.example>: Recipient address rejected: User unknown' }],
      permanent: true,
      originalMessageId: '<plixo.3c4d5e6f.inv-0588.s1@mail.acme.example>',
    });
  });

  it('ARF complaint: feedback type, complaining recipient and original Message-ID', async () => {
    const email = await classifyInboundEmail(sample('arf-complaint'));
    expect(email.kind).toBe('complaint');
    expect(email.complaint).toEqual({ feedbackType: 'abuse', recipient: 'd.okafor@mailbox-provider.example', originalMessageId: '<plixo.aa11bb22.inv-0640.s3@mail.acme.example>' });
  });

  it('a new email from a customer: other, text untouched', async () => {
    const email = await classifyInboundEmail(sample('plain-new-email'));
    expect(email).toMatchObject({ kind: 'other', from: 'h.schulz@fabrikam.example', references: [] });
    expect(email.inReplyTo).toBeUndefined();
    expect(email.text).toContain('Hauptstraße 12');
  });
});

describe('classifyInboundEmail on small synthetic messages', () => {
  const message = (headers: string, body = 'Hello') => `From: a@customer.example\r\nTo: ar@acme.example\r\nMessage-ID: <x1@customer.example>\r\n${headers}\r\n\r\n${body}\r\n`;

  it.each([
    ['Subject: Abwesenheitsnotiz: Rechnung INV-1'],
    ['Subject: Réponse automatique : Facture INV-1'],
    ['Subject: Out of Office: Invoice INV-1'],
    ['Subject: Automatic reply: Invoice INV-1'],
    ['Subject: Invoice INV-1\r\nX-Autorespond: yes'],
    ['Subject: Invoice INV-1\r\nPrecedence: junk'],
    ['Subject: Re: Invoice INV-1\r\nIn-Reply-To: <ours@acme.example>\r\nX-Auto-Response-Suppress: OOF'],
  ])('auto-reply: %s', async (headers) => {
    expect((await classifyInboundEmail(message(headers))).kind).toBe('auto_reply');
  });

  it('Auto-Submitted: no is a person', async () => {
    expect((await classifyInboundEmail(message('Subject: Re: Invoice INV-1\r\nAuto-Submitted: no'))).kind).toBe('reply');
  });

  it('a missing Date header gives no receivedAt rather than "now"', async () => {
    expect((await classifyInboundEmail(message('Subject: Hi'))).receivedAt).toBeUndefined();
  });

  it('a success DSN (Action: delivered) is not a bounce', async () => {
    const raw = [
      'From: MAILER-DAEMON@mx.customer.example',
      'To: ar@acme.example',
      'Subject: Successful Mail Delivery Report',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Delivered.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      'Final-Recipient: rfc822; a@customer.example',
      'Action: delivered',
      'Status: 2.0.0',
      '--b--',
      '',
    ].join('\r\n');
    expect((await classifyInboundEmail(raw)).kind).toBe('other');
  });
});
