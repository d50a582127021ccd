// The outbox part of the storage contract: every test runs on SQLite and on PostgreSQL.
import { sql } from 'kysely';
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

    const pdf = { filename: 'statement.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7').toString('base64') };
    const withPdf = (key: string, overrides: Parameters<typeof buildOutboxMessage>[0] = {}) => {
      const base = buildOutboxMessage({ key, ...overrides });
      return { ...base, content: { ...base.content!, attachments: [pdf] } };
    };
    /** Claims the queued message of `key` and settles it as given, at the current clock. */
    const settle = async (key: string, settlement: Parameters<Store['settleOutboxMessage']>[2]) => {
      const claimed = await claim('w1', 100);
      for (const message of claimed) {
        await store.settleOutboxMessage(message.id, 'w1', message.key === key ? settlement : { status: 'queued', nextAttemptAt: message.nextAttemptAt, reason: 'given back' });
      }
    };
    const byKey = async (key: string) => (await store.listOutboxMessages(workspaceId, { limit: 1000 })).find((message) => message.key === key);

    it('measures the waiting messages by status and the oldest due one, across workspaces', async () => {
      expect(await store.measureOutbox(clock)).toEqual({ byStatus: { draft: 0, queued: 0, sending: 0, held: 0 }, oldestDueAt: null });
      await store.upsertWorkspace(buildWorkspace({ id: 'other' }));
      await store.upsertCustomers('other', [buildCustomer({ id: 'c1' })]);
      await store.upsertInvoices('other', [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
      await store.enqueueOutboxMessages(workspaceId, [
        buildOutboxMessage({ key: 'due-1', notBefore: t0 - 60_000 }),
        buildOutboxMessage({ key: 'later', notBefore: t0 + 60_000 }),
        buildOutboxMessage({ key: 'draft', kind: 'draft', status: 'draft', notBefore: t0 - 3_600_000 }),
        buildOutboxMessage({ key: 'held', status: 'held', content: null, notBefore: t0 - 3_600_000 }),
        buildOutboxMessage({ key: 'sent', notBefore: t0 - 7_200_000 }),
      ]);
      // The oldest due message of all is in another workspace, and being sent.
      await store.enqueueOutboxMessages('other', [buildOutboxMessage({ key: 'sending', notBefore: t0 - 120_000 })]);
      await settle('sent', { status: 'sent', at: clock, response: '250' });
      const [sending] = await store.claimOutboxMessages({ now: clock, limit: 1, workerId: 'w2', leaseMs: 60_000, workspaceIds: ['other'] });
      expect(sending?.key).toBe('sending');

      expect(await store.measureOutbox(clock)).toEqual({ byStatus: { draft: 1, queued: 2, sending: 1, held: 1 }, oldestDueAt: t0 - 120_000 });
      expect(await store.outboxBacklog(clock)).toEqual({ pending: 3, oldestDueAt: t0 - 120_000 });
      await store.settleOutboxMessage(sending!.id, 'w2', { status: 'failed', reason: '550' });
      expect(await store.measureOutbox(clock)).toEqual({ byStatus: { draft: 1, queued: 2, sending: 0, held: 1 }, oldestDueAt: t0 - 60_000 });
      // A message not yet due is waiting, but not late.
      expect((await store.measureOutbox(t0 - 61_000)).oldestDueAt).toBeNull();
    });

    it('drops the bodies of messages that left the queue before a date, keeping subject, recipients, key and instants', async () => {
      await store.enqueueOutboxMessages(workspaceId, [withPdf('old-sent'), withPdf('old-withdrawn'), withPdf('queued', { notBefore: t0 + 86_400_000 }), withPdf('draft', { kind: 'draft', status: 'draft' })]);
      await settle('old-sent', { status: 'sent', at: clock, response: '250 ok' });
      await settle('old-withdrawn', { status: 'withdrawn', reason: 'invoice INV-1 is paid' });
      const sentAt = clock;
      clock += 1000;
      await store.enqueueOutboxMessages(workspaceId, [withPdf('recent')]);
      await settle('recent', { status: 'sent', at: clock, response: '250 ok' });
      const before = await byKey('old-sent');

      clock += 5000;
      expect(await store.dropOutboxBodies(sentAt + 1, 1)).toBe(1);
      expect(await store.dropOutboxBodies(sentAt + 1, 100)).toBe(1);
      expect(await store.dropOutboxBodies(sentAt + 1, 100)).toBe(0);

      const dropped = await byKey('old-sent');
      expect(dropped).toEqual({
        ...before,
        content: { ...before!.content!, text: '', html: '', attachments: [{ ...pdf, contentBase64: '' }] },
        bodyDroppedAt: clock,
      });
      expect(dropped).toMatchObject({ key: 'old-sent', status: 'sent', sentAt, response: '250 ok', updatedAt: before!.updatedAt, content: { subject: 'Invoice INV-1 is overdue', to: ['ap@acme.example'] } });
      expect((await byKey('old-withdrawn'))?.content?.text).toBe('');
      for (const key of ['queued', 'draft', 'recent']) {
        expect(await byKey(key)).toMatchObject({ bodyDroppedAt: null, content: { text: 'Please pay invoice INV-1.', attachments: [pdf] } });
      }
    });

    it('deletes settled messages last changed before a date, a bounded batch at a time, never a waiting one', async () => {
      await store.enqueueOutboxMessages(workspaceId, [
        buildOutboxMessage({ key: 'sent' }),
        buildOutboxMessage({ key: 'failed' }),
        buildOutboxMessage({ key: 'withdrawn' }),
        buildOutboxMessage({ key: 'held', status: 'held', content: null }),
        buildOutboxMessage({ key: 'discarded', kind: 'draft', status: 'draft' }),
        buildOutboxMessage({ key: 'draft', kind: 'draft', status: 'draft' }),
        buildOutboxMessage({ key: 'retrying' }),
      ]);
      await settle('sent', { status: 'sent', at: clock, response: '250' });
      await settle('failed', { status: 'failed', reason: '550' });
      await settle('withdrawn', { status: 'withdrawn', reason: 'paid' });
      await settle('retrying', { status: 'queued', nextAttemptAt: clock + 60_000, reason: '451' });
      await store.transitionOutboxMessage(workspaceId, (await byKey('discarded'))!.id, { from: ['draft'], to: 'discarded', by: 'ana' });
      const cutoff = clock + 1;
      clock += 1000;
      await store.enqueueOutboxMessages(workspaceId, [buildOutboxMessage({ key: 'recent' })]);
      await settle('recent', { status: 'sent', at: clock, response: '250' });

      expect(await store.deleteSettledOutboxMessages(cutoff, 2)).toBe(2);
      expect(await store.deleteSettledOutboxMessages(cutoff, 2)).toBe(2);
      expect(await store.deleteSettledOutboxMessages(cutoff, 2)).toBe(1);
      expect(await store.deleteSettledOutboxMessages(cutoff, 2)).toBe(0);
      const left = await store.listOutboxMessages(workspaceId, { limit: 1000 });
      expect(left.map((message) => [message.key, message.status]).sort()).toEqual([
        ['draft', 'draft'],
        ['recent', 'sent'],
        ['retrying', 'queued'],
      ]);
    });

    it('reads the partial indexes for the metrics and retention queries', async () => {
      const queries: { sql: string; parameters: readonly unknown[] }[] = [];
      const logged = await target.openFreshDatabase({
        log: (event) => {
          if (event.level === 'query' && /^select/.test(event.query.sql)) queries.push({ sql: event.query.sql, parameters: event.query.parameters });
        },
      });
      await migrateToLatest(logged);
      const loggedStore = createStore(logged, { now: () => clock });
      await loggedStore.measureOutbox(clock);
      await loggedStore.dropOutboxBodies(clock, 10);
      await loggedStore.deleteSettledOutboxMessages(clock, 10);
      const plans = await Promise.all(queries.filter((query) => /from "outbox_messages"/.test(query.sql)).map((query) => explain(logged, query)));
      expect(plans.map((plan) => plan.match(/outbox_messages_(open|settled|with_body)/)?.[0] ?? plan)).toEqual([
        'outbox_messages_open',
        'outbox_messages_open',
        'outbox_messages_open',
        'outbox_messages_with_body',
        'outbox_messages_settled',
      ]);
    });
  });
}

/** The plan of a query as one line of text; PostgreSQL is told to avoid a sequential scan (the test tables are tiny). */
async function explain(database: DatabaseHandle, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  if (database.dialect.name === 'sqlite') {
    const rows = await sql.raw<{ detail: string }>(`explain query plan ${inline(query)}`).execute(database.db);
    return rows.rows.map((row) => row.detail).join('; ');
  }
  return database.db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${inline(query)}`).execute(tx);
    return rows.rows.map((row) => row['QUERY PLAN']).join('; ');
  });
}

/** The query with its parameters written in (numbers and text only), so EXPLAIN runs it as the store did. */
function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  let index = 0;
  return query.sql.replace(/\?|\$\d+/g, (placeholder) => {
    const value = placeholder === '?' ? query.parameters[index++] : query.parameters[Number(placeholder.slice(1)) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}
