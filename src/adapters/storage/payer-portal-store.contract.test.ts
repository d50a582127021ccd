// The payer portal's part of the storage contract (links, settings, dispute attachments); every
// test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);
const link = (id: string, invoiceId = 'INV-1') => ({ id, invoiceId, customerId: 'c1', createdAt: t0 });

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`payer portal contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`payer portal contract on ${target.name}`, () => {
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ store } = await openTwoWorkspaceStore(target, { now: t0, invoices: [buildInvoice({ id: 'INV-1', customerId: 'c1' }), buildInvoice({ id: 'INV-2', customerId: 'c1' })] }));
    });

    it('keeps one link not revoked per invoice, and a new one only after the old is revoked', async () => {
      const first = await store.createPayerLink('acme', link('aaaaaaaaaaaaaaaaaaaaaa'));
      expect(first).toMatchObject({ workspaceId: 'acme', invoiceId: 'INV-1', lastUsedAt: t0, revokedAt: null, spentAt: null, checkoutId: null });
      await expect(store.createPayerLink('acme', link('bbbbbbbbbbbbbbbbbbbbbb'))).rejects.toThrow(StorageInputError);
      // Another invoice, and the same invoice id in another workspace, are separate.
      await store.createPayerLink('acme', link('cccccccccccccccccccccc', 'INV-2'));
      await store.createPayerLink('beta', link('dddddddddddddddddddddd'));
      expect(await store.revokePayerLink('beta', first.id, { at: t0 + 1, reason: 'regenerated', by: 'x' })).toBe(false);
      expect(await store.revokePayerLink('acme', first.id, { at: t0 + 1, reason: 'regenerated', by: 'olu@acme.example' })).toBe(true);
      expect(await store.revokePayerLink('acme', first.id, { at: t0 + 2, reason: 'regenerated', by: 'olu@acme.example' })).toBe(false);
      const second = await store.createPayerLink('acme', link('bbbbbbbbbbbbbbbbbbbbbb'));
      expect((await store.getCurrentPayerLink('acme', 'INV-1'))?.id).toBe(second.id);
      expect(await store.getPayerLink(first.id)).toMatchObject({ revokedAt: t0 + 1, revokedReason: 'regenerated', revokedBy: 'olu@acme.example' });
      expect(await store.getPayerLink('eeeeeeeeeeeeeeeeeeeeee')).toBeNull();
    });

    it('moves last use only forward, records the checkout and spends a link once', async () => {
      const created = await store.createPayerLink('acme', link('aaaaaaaaaaaaaaaaaaaaaa'));
      await store.touchPayerLink('acme', created.id, t0 + 5000);
      await store.touchPayerLink('acme', created.id, t0 + 10);
      await store.touchPayerLink('beta', created.id, t0 + 9000);
      await store.recordPayerLinkCheckout('acme', created.id, 'cs_test_1');
      expect(await store.markPayerLinkSpent('acme', created.id, t0 + 6000)).toBe(true);
      expect(await store.markPayerLinkSpent('acme', created.id, t0 + 7000)).toBe(false);
      expect(await store.getPayerLink(created.id)).toMatchObject({ lastUsedAt: t0 + 5000, checkoutId: 'cs_test_1', spentAt: t0 + 6000 });
    });

    it('refuses a malformed link id, naming the field', async () => {
      const error = await store.createPayerLink('acme', link('short')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StorageInputError);
      expect((error as StorageInputError).field).toBe('id');
    });

    it('saves portal settings per workspace', async () => {
      expect(await store.getPortalSettings('acme')).toEqual({ paymentUrlTemplate: null, updatedBy: null, updatedAt: null });
      await store.savePortalSettings('acme', { paymentUrlTemplate: 'https://pay.example/{invoice_number}', updatedBy: 'a', updatedAt: t0 });
      await store.savePortalSettings('acme', { paymentUrlTemplate: 'https://pay.example/{invoice_number}?a={amount}', updatedBy: 'b', updatedAt: t0 + 1 });
      expect(await store.getPortalSettings('acme')).toEqual({ paymentUrlTemplate: 'https://pay.example/{invoice_number}?a={amount}', updatedBy: 'b', updatedAt: t0 + 1 });
      expect((await store.getPortalSettings('beta')).paymentUrlTemplate).toBeNull();
    });

    it('keeps a dispute’s attachments byte for byte, per workspace', async () => {
      const dispute = await store.createDispute('acme', { invoiceId: 'INV-1', customerId: 'c1', reason: 'quality', description: '', owner: null, openedBy: 'payer', openedAt: t0, dueAt: t0 + 2, atRiskAt: t0 + 1 });
      const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 10]);
      const [stored] = await store.addDisputeAttachments('acme', dispute.id, [{ filename: 'photo.pdf', contentType: 'application/pdf', content: bytes }], t0);
      expect(stored).toMatchObject({ disputeId: dispute.id, filename: 'photo.pdf', sizeBytes: 7, createdAt: t0 });
      expect(await store.listDisputeAttachments('acme', dispute.id)).toEqual([stored]);
      expect(await store.listDisputeAttachments('beta', dispute.id)).toEqual([]);
      expect((await store.getDisputeAttachmentContent('acme', dispute.id, stored!.id))?.content).toEqual(bytes);
      expect(await store.getDisputeAttachmentContent('beta', dispute.id, stored!.id)).toBeNull();
    });
  });
}
