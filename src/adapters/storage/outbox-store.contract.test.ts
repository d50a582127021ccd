// The outbox part of the storage contract: every test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage, buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2024, 3, 8, 7);
const workspaceId = 'acme';

for (const target of listStorageTargets()) {
  describe.skipIf(target.skipReason !== null)(`outbox storage on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;
    let clock: number;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      clock = t0;
      store = createStore(database, { now: () => clock });
      await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
      await store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2' })]);
      await store.upsertInvoices(workspaceId, [
        buildInvoice({ id: 'INV-1', customerId: 'c1' }),
        buildInvoice({ id: 'INV-2', customerId: 'c1', number: 'INV-2' }),
        buildInvoice({ id: 'INV-3', customerId: 'c2', number: 'INV-3' }),
      ]);
    });

    const claim = (workerId: string, limit = 10, leaseMs = 60_000) => store.claimOutboxMessages({ now: clock, limit, workerId, leaseMs });

    it('enqueues a message once per key and reads it back as written', async () => {
      const message = buildOutboxMessage({ invoiceIds: ['INV-1', 'INV-2'] });
      expect(await store.enqueueOutboxMessages(workspaceId, [message, buildOutboxMessage({ key: 'k2', invoiceIds: ['INV-3'], customerId: 'c2' })])).toEqual({ inserted: [true, true] });
      expect(await store.enqueueOutboxMessages(workspaceId, [message])).toEqual({ inserted: [false] });

      const [, stored] = await store.listOutboxMessages(workspaceId);
      expect(stored).toMatchObject({
        workspaceId,
        key: message.key,
        status: 'queued',
        invoiceIds: ['INV-1', 'INV-2'],
        content: message.content,
        messageId: message.messageId,
        attempts: 0,
        nextAttemptAt: message.notBefore,
        createdAt: t0,
      });
      expect(await store.findOutboxMessageByMessageId(['<unknown@x.example>', message.messageId])).toMatchObject({ id: stored!.id });
    });

    it('lists by key prefix, wildcards taken literally, and by decision time', async () => {
      const at = Date.UTC(2024, 3, 8, 7);
      await store.enqueueOutboxMessages(workspaceId, [
        buildOutboxMessage({ key: 'payer-link/INV_1/100', decidedAt: at }),
        buildOutboxMessage({ key: 'payer-link/INV_1/200', decidedAt: at + 1000 }),
        buildOutboxMessage({ key: 'payer-link/INVX1/300', decidedAt: at + 2000 }),
        buildOutboxMessage({ key: 'send:c1:INV-1/standard/due', decidedAt: at + 3000 }),
      ]);
      const keys = async (query: { keyPrefix?: string; decidedAfter?: number }) => (await store.listOutboxMessages(workspaceId, query)).map((message) => message.key);
      expect(await keys({ keyPrefix: 'payer-link/INV_1/' })).toEqual(['payer-link/INV_1/200', 'payer-link/INV_1/100']);
      expect(await keys({ keyPrefix: 'payer-link/INV_1/', decidedAfter: at })).toEqual(['payer-link/INV_1/200']);
      expect(await keys({ keyPrefix: 'payer-link/%' })).toEqual([]);
    });

    it('refuses a message for an invoice of another customer, naming the record and field, and writes nothing', async () => {
      const error = await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ key: 'ok', invoiceIds: ['INV-1'] }), buildOutboxMessage({ key: 'bad', invoiceIds: ['INV-3'] })]).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(StorageInputError);
      expect(error).toMatchObject({ record: 'outbox message bad', field: 'invoiceIds' });
      expect((error as Error).message).toContain('INV-3 belongs to customer c2');
      expect(await store.listOutboxMessages(workspaceId)).toEqual([]);
    });

    it('requires content unless the message is held', async () => {
      await expect(store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ content: null })])).rejects.toMatchObject({ field: 'content' });
      expect((await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ content: null, status: 'held', statusReason: 'no value' })])).inserted).toEqual([true]);
      expect(await claim('w1')).toEqual([]);
    });

    it('claims due messages only, oldest first, and counts the attempt', async () => {
      await store.enqueueOutboxMessages(workspaceId, [
        buildOutboxMessage({ key: 'later', notBefore: t0 + 60_000 }),
        buildOutboxMessage({ key: 'second', notBefore: t0 - 1000 }),
        buildOutboxMessage({ key: 'first', notBefore: t0 - 2000 }),
        buildOutboxMessage({ key: 'draft', kind: 'draft', status: 'draft' }),
      ]);
      expect((await claim('w0', 1)).map((message) => message.key)).toEqual(['first']);
      const claimed = await claim('w1');
      expect(claimed.map((message) => [message.key, message.status, message.attempts, message.claimedBy, message.leaseUntil])).toEqual([
        ['second', 'sending', 1, 'w1', t0 + 60_000],
      ]);
      expect(await claim('w2')).toEqual([]);
    });

    it('lets only the claimer settle, and reclaims a message whose lease ran out (same Message-ID)', async () => {
      await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage()]);
      const [first] = await claim('w1', 10, 1000);
      clock += 1001;
      const [again] = await claim('w2');
      expect(again).toMatchObject({ id: first!.id, claimedBy: 'w2', attempts: 2, messageId: first!.messageId });
      expect(await store.settleOutboxMessage(first!.id, 'w1', { status: 'sent', at: clock, response: '250 ok' })).toBe(false);
      expect(await store.settleOutboxMessage(first!.id, 'w2', { status: 'sent', at: clock, response: '250 ok' })).toBe(true);
      expect(await store.getOutboxMessage(workspaceId, first!.id)).toMatchObject({ status: 'sent', sentAt: clock, response: '250 ok', leaseUntil: null });
      clock += 10 * 60_000;
      expect(await claim('w3')).toEqual([]);
    });

    it('puts a retried message back with its next attempt time and reason', async () => {
      await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage()]);
      const [message] = await claim('w1');
      expect(await store.settleOutboxMessage(message!.id, 'w1', { status: 'queued', nextAttemptAt: clock + 30_000, reason: '451 try later' })).toBe(true);
      expect(await claim('w1')).toEqual([]);
      clock += 30_000;
      expect(await claim('w1')).toMatchObject([{ id: message!.id, attempts: 2, statusReason: '451 try later' }]);
    });

    it("shares a claim fairly: one organisation's backlog does not hold back another's messages", async () => {
      await store.upsertWorkspace(buildWorkspace({ id: 'small' }));
      await store.upsertCustomers('small', [buildCustomer({ id: 'c1' })]);
      await store.upsertInvoices('small', [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
      // The large organisation's 40 messages were all due before the small one's 3.
      await store.enqueueOutboxMessages(workspaceId, Array.from({ length: 40 }, (_, index) => buildOutboxMessage({ key: `big-${index}`, notBefore: t0 - 10_000 + index })));
      await store.enqueueOutboxMessages('small', Array.from({ length: 3 }, (_, index) => buildOutboxMessage({ key: `small-${index}`, notBefore: t0 - 100 + index })));
      const first = await claim('w1', 8);
      expect(first.filter((message) => message.workspaceId === 'small').map((message) => message.key)).toEqual(['small-0', 'small-1', 'small-2']);
      // The large one's oldest five, in turns with the small one's.
      expect(first.filter((message) => message.workspaceId === workspaceId).map((message) => message.key)).toEqual(['big-0', 'big-1', 'big-2', 'big-3', 'big-4']);
      // With the small one's done, the rest of the claims go to the large one, oldest first.
      expect((await claim('w2', 50)).map((message) => message.key)).toEqual(Array.from({ length: 35 }, (_, index) => `big-${index + 5}`));
    });

    // On PostgreSQL the claims run on separate pooled connections at the same time.
    it('never gives one message to two claimers at once', async () => {
      await store.enqueueOutboxMessages(
        workspaceId,
        Array.from({ length: 60 }, (_, index) => buildOutboxMessage({ key: `k${index}` })),
      );
      const results = await Promise.all(['w1', 'w2', 'w3', 'w1b', 'w2b', 'w3b'].map((worker) => claim(worker, 15)));
      for (const result of results) expect(result.length).toBeLessThanOrEqual(15);
      const ids = results.flat().map((message) => message.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(60);
    });

    it('skips paused sending domains', async () => {
      await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ key: 'a' }), buildOutboxMessage({ key: 'b', sendingDomain: 'mail.acme.example' })]);
      const claimed = await store.claimOutboxMessages({ now: clock, limit: 10, workerId: 'w1', leaseMs: 1000, excludeDomains: [{ workspaceId, domain: 'ar.acme.example' }] });
      expect(claimed.map((message) => message.key)).toEqual(['b']);
    });

    it('moves drafts through review: edit, approve with a send time, or discard', async () => {
      await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ key: 'd1', kind: 'draft', status: 'draft' }), buildOutboxMessage({ key: 'd2', kind: 'draft', status: 'draft' })]);
      const [d2, d1] = await store.listOutboxMessages(workspaceId, { statuses: ['draft'] });
      expect(await store.editOutboxDraft(workspaceId, d1!.id, { subject: 'New subject', text: 'New text', html: '<p>New text</p>', by: 'ana@acme.example' })).toBe(true);
      expect(await store.getOutboxMessage(workspaceId, d1!.id)).toMatchObject({ edited: true, reviewedBy: 'ana@acme.example', content: { subject: 'New subject', text: 'New text', to: ['ap@acme.example'] } });
      await expect(store.editOutboxDraft(workspaceId, d1!.id, { subject: ' ', text: 'x', html: '', by: 'ana' })).rejects.toMatchObject({ record: `draft ${d1!.id}`, field: 'subject' });

      expect(await store.transitionOutboxMessage(workspaceId, d1!.id, { from: ['draft'], to: 'queued', by: 'ana', notBefore: t0 + 5000 })).toBe(true);
      expect(await store.transitionOutboxMessage(workspaceId, d1!.id, { from: ['draft'], to: 'discarded', by: 'bob' })).toBe(false);
      expect(await store.transitionOutboxMessage(workspaceId, d2!.id, { from: ['draft'], to: 'discarded', by: 'bob', reason: 'wrong tone' })).toBe(true);
      expect(await store.editOutboxDraft(workspaceId, d2!.id, { subject: 'x', text: 'x', html: 'x', by: 'ana' })).toBe(false);
      expect(await store.getOutboxMessage(workspaceId, d1!.id)).toMatchObject({ status: 'queued', notBefore: t0 + 5000, nextAttemptAt: t0 + 5000, reviewedBy: 'ana' });
      expect(await store.getOutboxMessage(workspaceId, d2!.id)).toMatchObject({ status: 'discarded', statusReason: 'wrong tone' });
      expect(await claim('w1')).toEqual([]);
      clock = t0 + 5000;
      expect((await claim('w1')).map((message) => message.id)).toEqual([d1!.id]);
    });

    it('counts bounces and complaints over the last sends of a domain, and the backlog', async () => {
      await store.enqueueOutboxMessages(workspaceId, Array.from({ length: 5 }, (_, index) => buildOutboxMessage({ key: `k${index}`, notBefore: t0 - index })));
      expect(await store.outboxBacklog(clock)).toEqual({ pending: 5, oldestDueAt: t0 - 4 });
      const claimed = await claim('w1');
      for (const message of claimed) await store.settleOutboxMessage(message.id, 'w1', { status: 'sent', at: clock++, response: '250' });
      await store.markOutboxFeedback(workspaceId, claimed[0]!.id, { kind: 'bounce', at: clock });
      await store.markOutboxFeedback(workspaceId, claimed[0]!.id, { kind: 'bounce', at: clock + 1 });
      await store.markOutboxFeedback(workspaceId, claimed[4]!.id, { kind: 'complaint', at: clock });
      expect(await store.domainSendStats(workspaceId, 'ar.acme.example', 200)).toEqual({ sends: 5, bounces: 1, complaints: 1 });
      // The last 3 sends are claimed[2..4]: the bounce of claimed[0] falls outside.
      expect(await store.domainSendStats(workspaceId, 'ar.acme.example', 3)).toEqual({ sends: 3, bounces: 0, complaints: 1 });
      expect(await store.getOutboxMessage(workspaceId, claimed[0]!.id)).toMatchObject({ bouncedAt: clock });
      expect(await store.outboxBacklog(clock)).toEqual({ pending: 0, oldestDueAt: null });
    });

    it('prunes the attachments of messages that left the queue before a date, keeping their text', async () => {
      const pdf = { filename: 'statement.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7').toString('base64') };
      const withPdf = (key: string) => {
        const base = buildOutboxMessage({ key });
        return { ...base, content: { ...base.content!, attachments: [pdf] } };
      };
      await store.enqueueOutboxMessages(workspaceId, [withPdf('old'), withPdf('queued')]);
      const [old] = await store.claimOutboxMessages({ now: clock, limit: 1, workerId: 'w1', leaseMs: 1000 });
      await store.settleOutboxMessage(old!.id, 'w1', { status: 'sent', at: clock, response: '250' });
      clock += 1000;
      expect(await store.pruneOutboxAttachments(clock, 100)).toBe(1);
      expect(await store.pruneOutboxAttachments(clock, 100)).toBe(0);
      const pruned = await store.getOutboxMessage(workspaceId, old!.id);
      expect(pruned?.content).toMatchObject({ text: 'Please pay invoice INV-1.', attachments: [{ filename: 'statement.pdf', contentBase64: '' }] });
      const [queued] = await store.listOutboxMessages(workspaceId, { statuses: ['queued'] });
      expect(queued?.content?.attachments[0]?.contentBase64).toBe(pdf.contentBase64);
    });
  });
}
