// The DeliverabilityStore contract: every test runs on SQLite and on PostgreSQL, against a fresh database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainCheckInput, InboundMessageInput } from '../../app/ports/deliverability-store.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 2, 4, 9);
const workspaceId = 'acme';

const check = (overrides: Partial<DomainCheckInput> = {}): DomainCheckInput => ({
  checkedAt: t0,
  status: 'warn',
  spf: 'pass',
  dkim: 'pass',
  dmarc: 'warn',
  detail: { dmarc: { reason: 'policy_none', message: 'p=none only monitors' } },
  ...overrides,
});

const inbound = (overrides: Partial<InboundMessageInput> = {}): InboundMessageInput => ({
  receivedAt: t0,
  kind: 'reply',
  fromAddress: 'maria.keller@gmail.com',
  messageId: '<CAKx9f3q@mail.gmail.com>',
  subject: 'Re: Invoice INV-1042 is now 7 days overdue',
  customerId: 'c1',
  outboxId: 7,
  outcome: 'reply event recorded for customer c1',
  detail: { method: 'in_reply_to', invoiceIds: ['INV-1042'] },
  ...overrides,
});

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`deliverability store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`deliverability store contract on ${target.name}`, () => {
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      const database = await target.openFreshDatabase();
      await migrateToLatest(database);
      store = createStore(database, { now: () => t0 });
      await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
      await store.upsertWorkspace(buildWorkspace({ id: 'other' }));
    });

    async function captureInputError(work: Promise<unknown>): Promise<StorageInputError> {
      const error = await work.then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(StorageInputError);
      return error as StorageInputError;
    }

    describe('sending domains', () => {
      it('saves a check under the lower-cased domain and keeps the latest', async () => {
        expect(await store.listSendingDomains(workspaceId)).toEqual([]);
        const saved = await store.saveDomainCheck(workspaceId, ' AR.Acme.example. ', check());
        expect(saved).toEqual({
          workspaceId,
          domain: 'ar.acme.example',
          status: 'warn',
          spf: 'pass',
          dkim: 'pass',
          dmarc: 'warn',
          detail: { dmarc: { reason: 'policy_none', message: 'p=none only monitors' } },
          lastCheckedAt: t0,
          paused: false,
          pausedReason: null,
          pausedAt: null,
        });
        await store.saveDomainCheck(workspaceId, 'ar.acme.example', check({ checkedAt: t0 + 60_000, status: 'pass', dmarc: 'pass', detail: {} }));
        expect(await store.listSendingDomains(workspaceId)).toEqual([
          expect.objectContaining({ domain: 'ar.acme.example', status: 'pass', dmarc: 'pass', detail: {}, lastCheckedAt: t0 + 60_000 }),
        ]);
      });

      it('pauses and resumes a domain, and a later check leaves the pause alone', async () => {
        // A domain can be paused before its first check: the row appears with no check yet.
        const paused = await store.setDomainPaused(workspaceId, 'mail.acme.example', { paused: true, reason: 'bounces 11 of the last 200 sends', at: t0 });
        expect(paused).toMatchObject({ domain: 'mail.acme.example', status: null, spf: null, lastCheckedAt: null, paused: true, pausedReason: 'bounces 11 of the last 200 sends', pausedAt: t0 });
        const checked = await store.saveDomainCheck(workspaceId, 'mail.acme.example', check({ checkedAt: t0 + 1_000 }));
        expect(checked).toMatchObject({ status: 'warn', lastCheckedAt: t0 + 1_000, paused: true, pausedReason: 'bounces 11 of the last 200 sends' });
        expect(await store.listPausedSendingDomains()).toEqual([{ workspaceId, domain: 'mail.acme.example' }]);
        const resumed = await store.setDomainPaused(workspaceId, 'mail.acme.example', { paused: false, reason: 'list cleaned', at: t0 + 2_000 });
        expect(resumed).toMatchObject({ status: 'warn', paused: false, pausedReason: null, pausedAt: null });
        expect(await store.listPausedSendingDomains()).toEqual([]);
      });

      it('lists by domain, per workspace', async () => {
        await store.saveDomainCheck(workspaceId, 'zeta.acme.example', check());
        await store.saveDomainCheck(workspaceId, 'ar.acme.example', check());
        await store.saveDomainCheck('other', 'ar.other.example', check());
        expect((await store.listSendingDomains(workspaceId)).map((state) => state.domain)).toEqual(['ar.acme.example', 'zeta.acme.example']);
        expect((await store.listSendingDomains('other')).map((state) => state.domain)).toEqual(['ar.other.example']);
      });

      it('names the record and field of bad input and writes nothing', async () => {
        expect(await captureInputError(store.saveDomainCheck(workspaceId, 'not a domain', check()))).toMatchObject({ record: 'sending domain not a domain', field: 'domain' });
        expect(await captureInputError(store.saveDomainCheck(workspaceId, 'ar.acme.example', check({ dkim: 'ok' as never })))).toMatchObject({
          record: 'domain check of ar.acme.example',
          field: 'dkim',
        });
        expect(await captureInputError(store.saveDomainCheck(workspaceId, 'ar.acme.example', check({ checkedAt: 1.5 })))).toMatchObject({ field: 'checkedAt' });
        expect(await captureInputError(store.setDomainPaused(workspaceId, 'ar.acme.example', { paused: 'yes' as never, reason: null, at: t0 }))).toMatchObject({ field: 'paused' });
        expect(await captureInputError(store.saveDomainCheck('nobody', 'ar.acme.example', check()))).toMatchObject({ field: 'workspaceId' });
        expect(await store.listSendingDomains(workspaceId)).toEqual([]);
      });
    });

    describe('inbound messages', () => {
      it('records every field and lists newest first', async () => {
        const first = await store.recordInboundMessage(workspaceId, inbound());
        expect(first).toEqual({ id: expect.any(Number), workspaceId, ...inbound() });
        const second = await store.recordInboundMessage(
          workspaceId,
          inbound({ kind: 'unmatched', messageId: '<new@fabrikam.example>', fromAddress: null, subject: null, customerId: null, outboxId: null, outcome: 'noted', detail: undefined }),
        );
        expect(second).toMatchObject({ kind: 'unmatched', fromAddress: null, customerId: null, outboxId: null, detail: {} });
        expect((await store.listInboundMessages(workspaceId)).map((message) => message.id)).toEqual([second!.id, first!.id]);
        expect(await store.listInboundMessages(workspaceId, { limit: 1 })).toEqual([second]);
      });

      it('lists one customer’s messages, newest first, and none of another workspace', async () => {
        const first = await store.recordInboundMessage(workspaceId, inbound());
        await store.recordInboundMessage(workspaceId, inbound({ messageId: '<other@fabrikam.example>', customerId: 'c2', outcome: 'reply event recorded for customer c2' }));
        const third = await store.recordInboundMessage(workspaceId, inbound({ kind: 'auto_reply', messageId: '<away@mail.gmail.com>', outcome: 'auto-reply noted' }));
        await store.recordInboundMessage('other', inbound({ messageId: '<elsewhere@mail.gmail.com>' }));
        expect((await store.listInboundMessages(workspaceId, { customerId: 'c1' })).map((message) => message.id)).toEqual([third!.id, first!.id]);
        expect(await store.listInboundMessages(workspaceId, { customerId: 'c1', limit: 1 })).toEqual([third]);
        expect(await store.listInboundMessages(workspaceId, { customerId: 'nobody' })).toEqual([]);
      });

      it('records a Message-ID once per workspace: a redelivery returns null and writes nothing', async () => {
        expect(await store.recordInboundMessage(workspaceId, inbound())).not.toBeNull();
        expect(await store.recordInboundMessage(workspaceId, inbound({ receivedAt: t0 + 60_000, outcome: 'again' }))).toBeNull();
        expect(await store.listInboundMessages(workspaceId)).toEqual([expect.objectContaining({ receivedAt: t0, outcome: 'reply event recorded for customer c1' })]);
        // The same message sent to two workspaces' domains is each one's to record.
        expect(await store.recordInboundMessage('other', inbound())).not.toBeNull();
      });

      it('records one of two deliveries of a message in flight at once', async () => {
        const results = await Promise.all([store.recordInboundMessage(workspaceId, inbound()), store.recordInboundMessage(workspaceId, inbound())]);
        expect(results.filter((result) => result !== null)).toHaveLength(1);
        expect(await store.listInboundMessages(workspaceId)).toHaveLength(1);
      });

      it('records every message that has no Message-ID (nothing to recognise a redelivery by)', async () => {
        await store.recordInboundMessage(workspaceId, inbound({ messageId: null }));
        await store.recordInboundMessage(workspaceId, inbound({ messageId: null }));
        expect(await store.listInboundMessages(workspaceId)).toHaveLength(2);
      });

      it('a redelivery inside a transaction that goes on does not spoil it', async () => {
        await store.recordInboundMessage(workspaceId, inbound());
        const again = await store.transaction(async (tx) => {
          const recorded = await tx.recordInboundMessage(workspaceId, inbound());
          await tx.suppress(workspaceId, { email: 'after@acme.example', reason: 'invalid' });
          return recorded;
        });
        expect(again).toBeNull();
        expect((await store.listSuppressions(workspaceId)).map((entry) => entry.email)).toEqual(['after@acme.example']);
      });

      it('names the field of bad input and writes nothing', async () => {
        expect(await captureInputError(store.recordInboundMessage(workspaceId, inbound({ kind: 'spam' as never })))).toMatchObject({ field: 'kind' });
        expect(await captureInputError(store.recordInboundMessage(workspaceId, inbound({ outcome: '' })))).toMatchObject({ field: 'outcome' });
        expect(await captureInputError(store.recordInboundMessage(workspaceId, inbound({ outboxId: 0 })))).toMatchObject({ field: 'outboxId' });
        expect(await captureInputError(store.recordInboundMessage('nobody', inbound()))).toMatchObject({ field: 'workspaceId' });
        expect(await captureInputError(store.listInboundMessages(workspaceId, { limit: 0 }))).toMatchObject({ field: 'limit' });
        expect(await store.listInboundMessages(workspaceId)).toEqual([]);
      });
    });
  });
}
