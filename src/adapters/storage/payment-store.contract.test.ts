// The payments part of the storage contract: payments idempotent by source id, allocations that
// never take more than is unapplied (also when two race), reversals once per reference, the
// Unapplied Cash list, webhook deliveries once per event id, and connectors; on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildInvoice, buildPayment } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import type { DatabaseHandle } from './open-database.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`payment store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`payment store contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ database, store } = await openTwoWorkspaceStore(target, { now: t0, invoices: [buildInvoice({ id: 'INV-1', customerId: 'c1' }), buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1' })] }));
    });

    it('records a payment once per source and source id, per organisation', async () => {
      const first = await store.recordPayment('acme', buildPayment({ customerId: 'c1', payerName: 'Acme GmbH', memo: 'INV-1 INV-2', detail: { invoices: ['INV-1'] } }));
      expect(first).toMatchObject({ created: true, payment: { workspaceId: 'acme', source: 'api', sourceId: 'PAY-1', amountMinor: 100_000, status: 'unapplied', unappliedMinor: 100_000, reversedMinor: 0, customerId: 'c1', memo: 'INV-1 INV-2', detail: { invoices: ['INV-1'] }, createdAt: t0 } });
      const again = await store.recordPayment('acme', buildPayment({ amountMinor: 5 }));
      expect(again).toEqual({ created: false, payment: first.payment });
      expect((await store.recordPayment('acme', buildPayment({ source: 'stripe' }))).created).toBe(true);
      expect((await store.recordPayment('beta', buildPayment())).created).toBe(true);
      expect(await store.getPayment('acme', first.payment.id)).toEqual(first.payment);
      expect(await store.findPayment('acme', 'api', 'PAY-1')).toEqual(first.payment);
      expect(await store.findPayment('acme', 'csv', 'PAY-1')).toBeNull();
      expect(await store.getPayment('beta', first.payment.id)).toBeNull();
    });

    it('refuses bad payments naming the field, and a customer that does not exist', async () => {
      await expect(store.recordPayment('acme', buildPayment({ amountMinor: 0 }))).rejects.toMatchObject({ name: 'StorageInputError', field: 'amountMinor' });
      await expect(store.recordPayment('acme', buildPayment({ currency: 'EURO' }))).rejects.toMatchObject({ field: 'currency' });
      await expect(store.recordPayment('acme', buildPayment({ customerId: 'c9' }))).rejects.toMatchObject({ field: 'customerId' });
      expect(await store.listPayments('acme', { limit: 10 })).toEqual([]);
    });

    it('allocates up to what is unapplied, derives the status, and lists unapplied payments newest first', async () => {
      const { payment } = await store.recordPayment('acme', buildPayment());
      const other = (await store.recordPayment('acme', buildPayment({ sourceId: 'PAY-2', amountMinor: 300 }))).payment;
      const allocations = await store.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amountMinor: 60_000 }, { invoiceId: 'INV-2', amountMinor: 10_000 }], by: 'olu@acme.example', confidencePercent: null, note: 'split per remittance', at: t0 + 1 });
      expect(allocations).toMatchObject([
        { paymentId: payment.id, invoiceId: 'INV-1', amountMinor: 60_000, reversedMinor: 0, by: 'olu@acme.example', note: 'split per remittance', at: t0 + 1 },
        { invoiceId: 'INV-2', amountMinor: 10_000 },
      ]);
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'partially_applied', unappliedMinor: 30_000 });
      await expect(store.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amountMinor: 30_001 }], by: 'auto', confidencePercent: 95, note: null, at: t0 + 2 })).rejects.toBeInstanceOf(StorageInputError);
      expect((await store.listPayments('acme', { unapplied: true, limit: 10 })).map((row) => row.id)).toEqual([other.id, payment.id]);
      await store.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amountMinor: 30_000 }], by: 'auto', confidencePercent: 95, note: null, at: t0 + 2 });
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'applied', unappliedMinor: 0 });
      expect((await store.listPayments('acme', { unapplied: true, limit: 10 })).map((row) => row.id)).toEqual([other.id]);
      expect((await store.listPaymentAllocations('acme', { invoiceId: 'INV-1' })).map((row) => [row.amountMinor, row.by, row.confidencePercent])).toEqual([[60_000, 'olu@acme.example', null], [30_000, 'auto', 95]]);
      expect(await store.listPaymentAllocations('beta', { paymentIds: [payment.id] })).toEqual([]);
      await expect(store.addPaymentAllocations('acme', { paymentId: other.id, allocations: [{ invoiceId: 'INV-9', amountMinor: 1 }], by: 'x', confidencePercent: null, note: null, at: t0 })).rejects.toMatchObject({ field: 'invoiceId' });
      expect(await store.getPayment('acme', other.id)).toMatchObject({ unappliedMinor: 300 });
    });

    it('of two allocations racing for the same money, one wins', async () => {
      const { payment } = await store.recordPayment('acme', buildPayment({ amountMinor: 1000 }));
      const other = createStore(database, { now: () => t0 });
      const outcomes = await Promise.allSettled([
        store.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amountMinor: 700 }], by: 'a', confidencePercent: null, note: null, at: t0 }),
        other.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-2', amountMinor: 700 }], by: 'b', confidencePercent: null, note: null, at: t0 }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ unappliedMinor: 300 });
      expect(await store.listPaymentAllocations('acme', { paymentIds: [payment.id] })).toHaveLength(1);
    });

    it('reverses once per reference, from the unapplied part and the allocations, and reinstates once', async () => {
      const { payment } = await store.recordPayment('acme', buildPayment({ amountMinor: 1000 }));
      const [allocation] = await store.addPaymentAllocations('acme', { paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amountMinor: 600 }], by: 'a', confidencePercent: null, note: null, at: t0 });
      const input = { paymentId: payment.id, reference: 'refund-total:700', reason: 'refund' as const, amountMinor: 700, fromUnappliedMinor: 400, parts: [{ allocationId: allocation!.id, invoiceId: 'INV-1', amountMinor: 300 }], at: t0 + 5, recordedBy: 'stripe', note: null };
      const first = await store.recordPaymentReversal('acme', input);
      expect(first).toMatchObject({ created: true, reversal: { reference: 'refund-total:700', amountMinor: 700, fromUnappliedMinor: 400, parts: input.parts, reinstatedAt: null } });
      expect((await store.recordPaymentReversal('acme', input)).created).toBe(false);
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'applied', unappliedMinor: 0, reversedMinor: 700 });
      expect((await store.listPaymentAllocations('acme', { paymentIds: [payment.id] }))[0]).toMatchObject({ reversedMinor: 300 });
      await expect(store.recordPaymentReversal('acme', { ...input, reference: 'too-much', amountMinor: 400, fromUnappliedMinor: 0, parts: [{ ...input.parts[0]!, amountMinor: 400 }] })).rejects.toBeInstanceOf(StorageInputError);
      await expect(store.recordPaymentReversal('acme', { ...input, reference: 'not-adding-up', amountMinor: 10, fromUnappliedMinor: 0, parts: [] })).rejects.toMatchObject({ field: 'parts' });
      await store.recordPaymentReversal('acme', { ...input, reference: 'rest', amountMinor: 300, fromUnappliedMinor: 0, parts: [{ ...input.parts[0]!, amountMinor: 300 }] });
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'reversed', reversedMinor: 1000 });
      // The allocation is wholly reversed (300 + 300); the 700 that came back is unapplied again.
      expect(await store.reinstatePaymentReversal('acme', first.reversal.id, t0 + 9)).toBe(true);
      expect(await store.reinstatePaymentReversal('acme', first.reversal.id, t0 + 10)).toBe(false);
      expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'unapplied', reversedMinor: 300, unappliedMinor: 700 });
      expect((await store.listPaymentReversals('acme', { paymentIds: [payment.id] })).map((row) => [row.reference, row.reinstatedAt])).toEqual([['refund-total:700', t0 + 9], ['rest', null]]);
    });

    it('keeps a webhook delivery once per processor and event id, and lists those waiting for a payment in event order', async () => {
      const delivery = { processor: 'stripe' as const, eventId: 'evt_1', eventType: 'charge.refunded', eventAt: t0 + 2, receivedAt: t0 + 3, event: { kind: 'refund', paymentRef: 'pi_1' } };
      expect(await store.receiveWebhookDelivery('acme', delivery)).toMatchObject({ created: true, delivery: { status: 'received', waitingFor: null, event: { kind: 'refund' } } });
      expect((await store.receiveWebhookDelivery('acme', { ...delivery, receivedAt: t0 + 9 })).created).toBe(false);
      expect((await store.receiveWebhookDelivery('acme', { ...delivery, processor: 'webhook' })).created).toBe(true);
      expect((await store.receiveWebhookDelivery('beta', delivery)).created).toBe(true);
      await store.receiveWebhookDelivery('acme', { ...delivery, eventId: 'evt_0', eventAt: t0 + 1 });
      await store.settleWebhookDelivery('acme', { processor: 'stripe', eventId: 'evt_1' }, { status: 'waiting', waitingFor: 'pi_1', outcome: 'waits for its payment', at: t0 + 4 });
      await store.settleWebhookDelivery('acme', { processor: 'stripe', eventId: 'evt_0' }, { status: 'waiting', waitingFor: 'pi_1', outcome: 'waits for its payment', at: t0 + 4 });
      const waiting = await store.listWebhookDeliveries('acme', { statuses: ['waiting'], waitingFor: 'pi_1', limit: 10 });
      expect(waiting.map((row) => [row.eventId, row.outcome, row.processedAt])).toEqual([['evt_0', 'waits for its payment', t0 + 4], ['evt_1', 'waits for its payment', t0 + 4]]);
      expect((await store.listWebhookDeliveries('acme', { statuses: ['received'], limit: 10 })).map((row) => [row.processor, row.eventId])).toEqual([['webhook', 'evt_1']]);
    });

    it('keeps one connector per processor, replaced as a whole', async () => {
      await store.setPaymentConnector('acme', { processor: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1', setBy: 'cy', setAt: t0 });
      await store.setPaymentConnector('acme', { processor: 'stripe', secretKey: 'sk_test_2', webhookSecret: 'whsec_2', setBy: 'bo', setAt: t0 + 1 });
      await store.setPaymentConnector('acme', { processor: 'webhook', secretKey: null, webhookSecret: 'shared', setBy: 'bo', setAt: t0 + 2 });
      expect(await store.getPaymentConnector('acme', 'stripe')).toEqual({ processor: 'stripe', secretKey: 'sk_test_2', webhookSecret: 'whsec_2', setBy: 'bo', setAt: t0 + 1 });
      expect((await store.listPaymentConnectors('acme')).map((row) => row.processor)).toEqual(['stripe', 'webhook']);
      expect(await store.getPaymentConnector('beta', 'stripe')).toBeNull();
    });

    it('keeps connector keys encrypted: unreadable in the table, not opened by another secret, not opened in another row', async () => {
      await store.setPaymentConnector('acme', { processor: 'stripe', secretKey: 'sk_live_verysecret', webhookSecret: 'whsec_verysecret', setBy: 'cy', setAt: t0 });
      await store.setPaymentConnector('beta', { processor: 'stripe', secretKey: 'sk_live_other', webhookSecret: 'whsec_other', setBy: 'cy', setAt: t0 });
      const rows = await database.db.selectFrom('payment_connectors').selectAll().orderBy('workspace_id').execute();
      for (const row of rows) {
        expect(row.secret_key).not.toContain('sk_live');
        expect(row.webhook_secret).not.toContain('whsec');
      }
      // Another instance secret opens nothing, and says what to do.
      await expect(createStore(database, { now: () => t0, secret: 'another-instance-secret-0123456' }).getPaymentConnector('acme', 'stripe')).rejects.toMatchObject({
        name: 'StorageError',
        message: expect.stringContaining("save the connector's keys again"),
      });
      // Neither does a store without one, nor can it keep keys.
      await expect(createStore(database, { now: () => t0 }).getPaymentConnector('acme', 'stripe')).rejects.toThrow('opened without the instance secret');
      await expect(createStore(database, { now: () => t0 }).setPaymentConnector('acme', { processor: 'webhook', secretKey: null, webhookSecret: 'x', setBy: 'cy', setAt: t0 })).rejects.toThrow('opened without the instance secret');
      // A sealed key copied to another workspace's row does not open there.
      await database.db.updateTable('payment_connectors').set({ secret_key: rows[0]!.secret_key }).where('workspace_id', '=', 'beta').execute();
      await expect(store.getPaymentConnector('beta', 'stripe')).rejects.toThrow('does not open');
      expect((await store.getPaymentConnector('acme', 'stripe'))?.secretKey).toBe('sk_live_verysecret');
    });

    it('reads a key kept before encryption began as it is, and encrypts it when the connector is saved again', async () => {
      await database.db.insertInto('payment_connectors').values({ workspace_id: 'acme', processor: 'webhook', secret_key: null, webhook_secret: 'plain-shared-secret', set_by: 'cy', set_at: t0 }).execute();
      expect((await store.getPaymentConnector('acme', 'webhook'))?.webhookSecret).toBe('plain-shared-secret');
      await store.setPaymentConnector('acme', { processor: 'webhook', secretKey: null, webhookSecret: 'plain-shared-secret', setBy: 'cy', setAt: t0 + 1 });
      const row = await database.db.selectFrom('payment_connectors').select('webhook_secret').where('workspace_id', '=', 'acme').where('processor', '=', 'webhook').executeTakeFirstOrThrow();
      expect(row.webhook_secret).not.toBe('plain-shared-secret');
      expect((await store.getPaymentConnector('acme', 'webhook'))?.webhookSecret).toBe('plain-shared-secret');
    });

    it('removes a connector of one organisation and processor only, once', async () => {
      await store.setPaymentConnector('acme', { processor: 'stripe', secretKey: 'sk_test_1', webhookSecret: 'whsec_1', setBy: 'cy', setAt: t0 });
      await store.setPaymentConnector('acme', { processor: 'webhook', secretKey: null, webhookSecret: 'shared', setBy: 'cy', setAt: t0 });
      await store.setPaymentConnector('beta', { processor: 'stripe', secretKey: 'sk_test_2', webhookSecret: 'whsec_2', setBy: 'bo', setAt: t0 });
      expect(await store.deletePaymentConnector('acme', 'stripe')).toBe(true);
      expect(await store.deletePaymentConnector('acme', 'stripe')).toBe(false);
      expect((await store.listPaymentConnectors('acme')).map((row) => row.processor)).toEqual(['webhook']);
      expect(await store.getPaymentConnector('beta', 'stripe')).toMatchObject({ secretKey: 'sk_test_2' });
    });

    it('tells when the newest delivery of a processor arrived, since an instant', async () => {
      const delivery = { processor: 'stripe' as const, eventId: 'evt_1', eventType: 'charge.refunded', eventAt: t0, receivedAt: t0 + 5, event: { kind: 'refund' } };
      expect(await store.latestWebhookDeliveryAt('acme', 'stripe', 0)).toBeNull();
      await store.receiveWebhookDelivery('acme', delivery);
      await store.receiveWebhookDelivery('acme', { ...delivery, eventId: 'evt_2', receivedAt: t0 + 9 });
      await store.receiveWebhookDelivery('acme', { ...delivery, processor: 'webhook', eventId: 'evt_3', receivedAt: t0 + 20 });
      await store.receiveWebhookDelivery('beta', { ...delivery, eventId: 'evt_4', receivedAt: t0 + 30 });
      expect(await store.latestWebhookDeliveryAt('acme', 'stripe', 0)).toBe(t0 + 9);
      expect(await store.latestWebhookDeliveryAt('acme', 'stripe', t0 + 9)).toBe(t0 + 9);
      expect(await store.latestWebhookDeliveryAt('acme', 'stripe', t0 + 10)).toBeNull();
      expect(await store.latestWebhookDeliveryAt('acme', 'webhook', 0)).toBe(t0 + 20);
    });

    it('takes payment_reversed events and keeps the rows and ids of the rebuilt events table', async () => {
      await store.appendEvents('acme', [{ at: t0, type: 'payment', invoiceId: 'INV-1', payload: { amount: '10.00' } }, { at: t0 + 1, type: 'payment_reversed', invoiceId: 'INV-1', payload: { amount: '10.00', reason: 'refund' } }]);
      expect((await store.listEvents('acme')).map((event) => [event.type, event.customerId])).toEqual([['payment', 'c1'], ['payment_reversed', 'c1']]);
      await expect(store.appendEvents('acme', [{ at: t0, type: 'payment_reversed', payload: {} }])).rejects.toMatchObject({ field: 'invoiceId' });
    });
  });
}
