import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyInboundEmail } from '../../adapters/mail/inbound/classify-inbound-email.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { AppError } from '../app-error.ts';
import { loadWorkspacePortfolio } from '../load-workspace-portfolio.ts';
import type { InboundEmail } from '../ports/inbound-email.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';
import { resumeSendingDomain } from '../deliverability/resume-sending-domain.ts';
import { receiveInboundEmail } from './receive-inbound-email.ts';
import { buildSentMessage, inboundWorkspaceId as workspaceId, seedInboundWorkspace, sendMessages } from './testing/seed-inbound-workspace.ts';

const now = Date.UTC(2026, 2, 5, 10);
const samples = new URL('../../adapters/mail/inbound/samples/', import.meta.url);
const sample = (name: string) => classifyInboundEmail(readFileSync(new URL(`${name}.eml`, samples)));
/** A sample as it would come back for a message we have no record of (sent before Plixo): every Message-ID of ours replaced. */
const sampleWithoutOurMessage = (name: string) =>
  classifyInboundEmail(readFileSync(new URL(`${name}.eml`, samples), 'utf8').replace(/<plixo\.[^>]+>/g, '<legacy.4711@acme.example>'));
const email = (overrides: Partial<InboundEmail>): InboundEmail => ({ kind: 'reply', from: 'nobody@else.example', to: ['ar@acme.example'], subject: 'Re: x', references: [], text: 'hello', ...overrides });

describe('receiveInboundEmail', () => {
  let database: DatabaseHandle;
  let store: Store;
  let sent: Map<string, StoredOutboxMessage>;

  beforeEach(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    ({ sent } = await seedInboundWorkspace({ store, now }));
  });
  afterEach(() => database.close());

  const receive = async (input: InboundEmail | Promise<InboundEmail>) => receiveInboundEmail({ store, workspaceId, email: await input, now });
  const message = async (messageId: string) => (await store.getOutboxMessage(workspaceId, sent.get(messageId)!.id))!;

  it('a Gmail reply becomes a reply event for the customer of the quoted message, in the shape the engine reads', async () => {
    const result = await receive(sample('gmail-reply'));
    expect(result).toEqual({ recorded: true, kind: 'reply', customerId: 'c-1042', outcome: expect.stringContaining('reply event recorded for customer c-1042'), pausedDomain: null });
    expect(await store.listEvents(workspaceId)).toEqual([expect.objectContaining({ at: now, type: 'reply', customerId: 'c-1042', invoiceId: null, payload: {} })]);
    const portfolio = await loadWorkspacePortfolio(store, workspaceId);
    expect(portfolio.events).toEqual([{ type: 'reply', at: now, customerId: 'c-1042' }]);
    const [recorded] = await store.listInboundMessages(workspaceId);
    expect(recorded).toMatchObject({
      kind: 'reply',
      fromAddress: 'maria.keller@gmail.com',
      customerId: 'c-1042',
      outboxId: sent.get('<plixo.8b1d0e55.inv-1042.s2@mail.acme.example>')!.id,
      detail: { match: { method: 'in_reply_to', invoiceIds: ['INV-1042'] }, text: expect.stringMatching(/^Hi,\n\nWe paid this on Monday/) },
    });
  });

  it('a redelivered message does nothing twice', async () => {
    await receive(sample('gmail-reply'));
    const again = await receive(sample('gmail-reply'));
    expect(again).toMatchObject({ recorded: false, kind: 'reply', customerId: 'c-1042' });
    expect(await store.listEvents(workspaceId)).toHaveLength(1);
    expect(await store.listInboundMessages(workspaceId)).toHaveLength(1);
  });

  it('an Outlook reply threads to its message too', async () => {
    expect(await receive(sample('outlook-reply'))).toMatchObject({ kind: 'reply', customerId: 'c-2001' });
  });

  it.each([
    ['exchange-out-of-office', 'c-3107'],
    ['gmail-vacation', 'c-0777'],
  ])('%s: an auto-reply is noted and does not pause the cadence', async (name, customerId) => {
    expect(await receive(sample(name))).toMatchObject({ recorded: true, kind: 'auto_reply', customerId });
    expect(await store.listEvents(workspaceId)).toEqual([]);
    expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'auto_reply', customerId })]);
  });

  it.each([
    ['exchange-ndr', 'p.novak@contoso.example', '<plixo.5e6f7a8b.inv-1188.s2@mail.acme.example>'],
    ['google-dsn-failure', 'tom.baker.old@gmail.com', '<plixo.9c8b7a6f.inv-0456.s1@mail.acme.example>'],
    ['postfix-undelivered', 'billing@fabrikam.example', '<plixo.d1e2f3a4.inv-0913.s2@mail.acme.example>'],
    ['exim-mail-delivery-failed', 'invoices@bakery-schmidt.example', '<plixo.3c4d5e6f.inv-0588.s1@mail.acme.example>'],
  ])('%s: a hard bounce suppresses the address as invalid and is noted on our message', async (name, address, messageId) => {
    const result = await receive(sample(name));
    expect(result).toMatchObject({ recorded: true, kind: 'bounce', outcome: expect.stringContaining(`suppressed ${address} as invalid (5.1.1)`) });
    expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ email: address, reason: 'invalid', untilAt: null, note: expect.stringMatching(/^bounce 5\.1\.1 /) })]);
    expect((await message(messageId)).bouncedAt).toBe(now);
    expect(await store.listEvents(workspaceId)).toEqual([]);
  });

  it('a delayed DSN (4.4.7) is noted only: nothing suppressed, nothing counted against the domain', async () => {
    const result = await receive(sample('postfix-delayed'));
    expect(result).toMatchObject({ kind: 'bounce', customerId: 'c-0321', outcome: expect.stringContaining('temporary delivery failure (ap@slowmail.example 4.4.7)') });
    expect(await store.listSuppressions(workspaceId)).toEqual([]);
    expect((await message('<plixo.0f1e2d3c.inv-0321.s1@mail.acme.example>')).bouncedAt).toBeNull();
  });

  it('a complaint (ARF) suppresses the complainant as opted out and is noted on our message', async () => {
    const result = await receive(sample('arf-complaint'));
    expect(result).toMatchObject({ kind: 'complaint', customerId: 'c-0640' });
    expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ email: 'd.okafor@mailbox-provider.example', reason: 'opted_out', note: 'complaint (abuse)' })]);
    expect((await message('<plixo.aa11bb22.inv-0640.s3@mail.acme.example>')).complainedAt).toBe(now);
  });

  it('a complaint with the recipient redacted suppresses the only recipient of our message', async () => {
    const messageId = '<plixo.aa11bb22.inv-0640.s3@mail.acme.example>';
    const result = await receive(email({ kind: 'complaint', from: 'fbl@provider.example', complaint: { feedbackType: 'abuse', originalMessageId: messageId } }));
    expect(result.outcome).toContain('suppressed d.okafor@mailbox-provider.example as opted out');
  });

  it('a new email from a contact (no thread) is the customer answering: a reply event', async () => {
    expect(await receive(sample('plain-new-email'))).toMatchObject({ kind: 'reply', customerId: 'c-0913' });
    expect((await store.listInboundMessages(workspaceId))[0]!.detail).toMatchObject({ classifiedAs: 'other', match: { method: 'address', address: 'h.schulz@fabrikam.example' } });
    expect(await store.listEvents(workspaceId)).toEqual([expect.objectContaining({ type: 'reply', customerId: 'c-0913' })]);
  });

  it('mail from a stranger that quotes nothing of ours is noted as unmatched', async () => {
    expect(await receive(email({ from: 'someone@unknown.example', inReplyTo: '<theirs@unknown.example>' }))).toMatchObject({ kind: 'unmatched', customerId: null });
    expect(await store.listEvents(workspaceId)).toEqual([]);
    expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'unmatched', customerId: null, outboxId: null })]);
  });

  it('an address two customers share matches neither', async () => {
    await store.upsertCustomers(workspaceId, [{ id: 'c-twin', name: 'Twin', contacts: [{ email: 'maria.keller@gmail.com' }] }]);
    expect(await receive(email({ from: 'Maria.Keller@gmail.com' }))).toMatchObject({ kind: 'unmatched' });
  });

  describe('a report on an address two customers share, quoting no message of ours', () => {
    // Suppression is per address: not knowing which customer it is about must not keep it going.
    const share = (address: string) => store.upsertCustomers(workspaceId, [{ id: 'c-twin', name: 'Twin', contacts: [{ email: address }] }]);

    it('a hard bounce suppresses the address as invalid; the record names no customer and no message', async () => {
      await share('p.novak@contoso.example');
      const result = await receive(sampleWithoutOurMessage('exchange-ndr'));
      expect(result).toMatchObject({ recorded: true, kind: 'bounce', customerId: null, pausedDomain: null, outcome: expect.stringContaining('suppressed p.novak@contoso.example as invalid (5.1.1)') });
      expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ email: 'p.novak@contoso.example', reason: 'invalid', untilAt: null, note: expect.stringMatching(/^bounce 5\.1\.1 /) })]);
      expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ kind: 'bounce', customerId: null, outboxId: null })]);
      expect((await message('<plixo.5e6f7a8b.inv-1188.s2@mail.acme.example>')).bouncedAt).toBeNull();
      expect(await store.listEvents(workspaceId)).toEqual([]);
    });

    it('a complaint suppresses the complainant as opted out', async () => {
      await share('d.okafor@mailbox-provider.example');
      const result = await receive(sampleWithoutOurMessage('arf-complaint'));
      expect(result).toMatchObject({ recorded: true, kind: 'complaint', customerId: null, outcome: expect.stringContaining('suppressed d.okafor@mailbox-provider.example as opted out') });
      expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ email: 'd.okafor@mailbox-provider.example', reason: 'opted_out', note: 'complaint (abuse)' })]);
      expect((await message('<plixo.aa11bb22.inv-0640.s3@mail.acme.example>')).complainedAt).toBeNull();
    });

    it('keeps a stronger suppression (a legal hold)', async () => {
      await share('p.novak@contoso.example');
      await store.suppress(workspaceId, { email: 'p.novak@contoso.example', reason: 'legal_hold', note: 'litigation' });
      expect((await receive(sampleWithoutOurMessage('exchange-ndr'))).outcome).toContain('p.novak@contoso.example already suppressed (legal_hold)');
      expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ reason: 'legal_hold', note: 'litigation' })]);
    });

    it('a temporary failure suppresses nothing', async () => {
      await share('ap@slowmail.example');
      expect(await receive(sampleWithoutOurMessage('postfix-delayed'))).toMatchObject({ kind: 'bounce', customerId: null, outcome: expect.stringContaining('temporary delivery failure') });
      expect(await store.listSuppressions(workspaceId)).toEqual([]);
    });
  });

  it('a hard bounce that quotes no message of ours and names no contact (backscatter) suppresses nothing', async () => {
    const bounce = email({
      kind: 'bounce',
      from: 'mailer-daemon@mx.example',
      bounce: { permanent: true, recipients: [{ address: 'stranger@elsewhere.example', status: '5.7.1', action: 'failed', diagnostic: '550 5.7.1 spam refused' }] },
    });
    expect(await receive(bounce)).toMatchObject({ recorded: true, kind: 'unmatched', customerId: null, outcome: expect.stringContaining('stranger@elsewhere.example 5.7.1') });
    expect(await store.listSuppressions(workspaceId)).toEqual([]);
  });

  it('a bounce quoting no message of ours suppresses the contacts it names, not the strangers beside them', async () => {
    const failed = (address: string) => ({ address, status: '5.1.1', action: 'failed' as const, diagnostic: '' });
    const bounce = email({ kind: 'bounce', from: 'mailer-daemon@mx.example', bounce: { permanent: true, recipients: [failed('stranger@elsewhere.example'), failed('P.Novak@contoso.example')] } });
    expect(await receive(bounce)).toMatchObject({ kind: 'bounce', customerId: 'c-1188' });
    expect((await store.listSuppressions(workspaceId)).map((entry) => entry.email)).toEqual(['p.novak@contoso.example']);
  });

  it("a bounce of another workspace's message is not this workspace's to act on", async () => {
    await store.upsertWorkspace({ id: 'other', name: 'Other', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    const bounce = await sample('exchange-ndr');
    expect(await receiveInboundEmail({ store, workspaceId: 'other', email: bounce, now })).toMatchObject({ kind: 'unmatched' });
    expect(await store.listSuppressions('other')).toEqual([]);
  });

  it('keeps a stronger suppression (a legal hold) when the address bounces', async () => {
    await store.suppress(workspaceId, { email: 'p.novak@contoso.example', reason: 'legal_hold', note: 'litigation' });
    expect((await receive(sample('exchange-ndr'))).outcome).toContain('p.novak@contoso.example already suppressed (legal_hold)');
    expect(await store.listSuppressions(workspaceId)).toEqual([expect.objectContaining({ reason: 'legal_hold', note: 'litigation' })]);
  });

  it('refuses an unknown workspace', async () => {
    await expect(receiveInboundEmail({ store, workspaceId: 'nobody', email: await sample('gmail-reply'), now })).rejects.toMatchObject({ code: 'not_found' });
    await expect(receiveInboundEmail({ store, workspaceId: 'nobody', email: await sample('gmail-reply'), now })).rejects.toBeInstanceOf(AppError);
  });

  it('the bounce that takes the domain past 10 of its last 200 sends pauses it, with an audit entry', async () => {
    const at = now - 3_600_000;
    const messages = Array.from({ length: 200 }, (_, index) =>
      buildSentMessage({ key: `bulk-${index}`, customerId: 'c-1042', invoiceId: 'INV-1042', to: [`bulk-${index}@customer.example`], messageId: `<bulk-${index}@mail.acme.example>`, at }),
    );
    await sendMessages({ store, messages, at });
    const bounceOf = (index: number) =>
      email({
        kind: 'bounce',
        from: 'mailer-daemon@mx.example',
        messageId: `<dsn-${index}@mx.example>`,
        bounce: { permanent: true, originalMessageId: `<bulk-${index}@mail.acme.example>`, recipients: [{ address: `bulk-${index}@customer.example`, status: '5.1.1', action: 'failed', diagnostic: '' }] },
      });
    for (let index = 0; index < 10; index += 1) expect((await receive(bounceOf(index))).pausedDomain).toBeNull();
    expect((await store.listSendingDomains(workspaceId)).some((domain) => domain.paused)).toBe(false);

    expect((await receive(bounceOf(10))).pausedDomain).toBe('mail.acme.example');
    expect(await store.listSendingDomains(workspaceId)).toEqual([
      expect.objectContaining({ domain: 'mail.acme.example', paused: true, pausedAt: now, pausedReason: expect.stringContaining('11 bounces in the last 200 sends') }),
    ]);
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toEqual([expect.objectContaining({ actor: 'worker', action: 'domain.pause', subject: 'domain mail.acme.example' })]);
    // A further bounce neither pauses it again nor writes a second entry.
    expect((await receive(bounceOf(11))).pausedDomain).toBeNull();
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toHaveLength(1);

    // A bounce tied to none of our messages adds nothing to the count: a resumed domain stays resumed.
    await resumeSendingDomain({ store, workspaceId, domain: 'mail.acme.example', actor: 'cli:ops', now });
    expect(await receive(sampleWithoutOurMessage('exchange-ndr'))).toMatchObject({ kind: 'bounce', pausedDomain: null, outcome: expect.stringContaining('suppressed p.novak@contoso.example') });
    expect(await store.listSendingDomains(workspaceId)).toEqual([expect.objectContaining({ domain: 'mail.acme.example', paused: false })]);
  });
});
