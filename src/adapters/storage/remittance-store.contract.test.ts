// The remittance part of the storage contract: a payment's uploaded advices with their files,
// read back byte for byte, listed newest first, accepted once (also when two race), never seen
// from another workspace; on SQLite and PostgreSQL. (Invoices found by their number's keys, the
// advice's lines' lookup: cash-candidate-store.contract.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemittanceInput } from '../../app/ports/remittance-store.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildInvoice, buildPayment } from '../../app/testing/build-store-inputs.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 2, 12, 9);
const pdfBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`remittance store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`remittance store contract on ${target.name}`, () => {
    let store: Store;
    let paymentId: number;
    const remittance = (overrides: Partial<RemittanceInput> = {}): RemittanceInput => ({
      paymentId,
      fileName: 'avis-2026-0311.pdf',
      contentType: 'application/pdf',
      content: pdfBytes,
      format: 'pdf',
      advice: { lines: [{ reference: 'INV-1', paidMinor: 100_000 }] },
      proposal: { lines: [{ invoice: { id: 'INV-1' }, proposedMinor: 100_000, selected: true }], proposedMinor: 100_000 },
      uploadedBy: 'olu@acme.example',
      uploadedAt: t0,
      ...overrides,
    });

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ store } = await openTwoWorkspaceStore(target, {
        now: t0,
        invoices: [
          buildInvoice({ id: 'INV-1', number: 'INV-0104217' }),
          buildInvoice({ id: 'INV-2', number: 'inv-2024-0042', status: 'closed', balanceMinor: 0 }),
          buildInvoice({ id: 'INV-3', number: 'INV-0104218' }),
          buildInvoice({ id: 'INV-4', number: 'INV_50%' }),
        ],
      }));
      paymentId = (await store.recordPayment('acme', buildPayment())).payment.id;
    });

    it('stores a remittance with its file, advice and proposal, and gives the file back byte for byte', async () => {
      const saved = await store.saveRemittance('acme', remittance());
      expect(saved).toEqual({
        id: saved.id,
        workspaceId: 'acme',
        paymentId,
        fileName: 'avis-2026-0311.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdfBytes.byteLength,
        format: 'pdf',
        advice: { lines: [{ reference: 'INV-1', paidMinor: 100_000 }] },
        proposal: { lines: [{ invoice: { id: 'INV-1' }, proposedMinor: 100_000, selected: true }], proposedMinor: 100_000 },
        status: 'proposed',
        uploadedBy: 'olu@acme.example',
        uploadedAt: t0,
        acceptedBy: null,
        acceptedAt: null,
        acceptance: null,
      });
      expect(await store.getRemittance('acme', saved.id)).toEqual(saved);
      expect(await store.getRemittanceFile('acme', saved.id)).toEqual({ fileName: 'avis-2026-0311.pdf', contentType: 'application/pdf', content: pdfBytes });
      expect(await store.getRemittance('beta', saved.id)).toBeNull();
      expect(await store.getRemittanceFile('beta', saved.id)).toBeNull();
    });

    it('lists a payment’s remittances newest first, and no other payment’s', async () => {
      const first = await store.saveRemittance('acme', remittance());
      const second = await store.saveRemittance('acme', remittance({ fileName: 'avis.csv', format: 'csv', contentType: 'text/csv', uploadedAt: t0 + 1 }));
      const other = (await store.recordPayment('acme', buildPayment({ sourceId: 'PAY-2' }))).payment.id;
      await store.saveRemittance('acme', remittance({ paymentId: other }));
      expect((await store.listRemittances('acme', { paymentId })).map((each) => each.id)).toEqual([second.id, first.id]);
      expect(await store.listRemittances('beta', { paymentId })).toEqual([]);
    });

    it('refuses a remittance of a payment the workspace does not have, naming the field', async () => {
      await expect(store.saveRemittance('beta', remittance())).rejects.toMatchObject({ name: 'StorageInputError', field: 'paymentId' });
      await expect(store.saveRemittance('acme', remittance({ fileName: '' }))).rejects.toBeInstanceOf(StorageInputError);
      await expect(store.saveRemittance('acme', remittance({ format: 'xlsx' as 'csv' }))).rejects.toMatchObject({ field: 'format' });
    });

    it('accepts a remittance once, also when two accept it at the same moment', async () => {
      const saved = await store.saveRemittance('acme', remittance());
      const detail = { lines: [{ number: 1, invoiceId: 'INV-1', amountMinor: 100_000 }] };
      const outcomes = await Promise.all([
        store.markRemittanceAccepted('acme', saved.id, { by: 'olu@acme.example', at: t0 + 5, detail }),
        store.markRemittanceAccepted('acme', saved.id, { by: 'ana@acme.example', at: t0 + 5, detail }),
      ]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await store.getRemittance('acme', saved.id)).toMatchObject({ status: 'accepted', acceptedAt: t0 + 5, acceptance: detail });
      expect(await store.markRemittanceAccepted('acme', saved.id, { by: 'olu@acme.example', at: t0 + 6, detail })).toBe(false);
      expect(await store.markRemittanceAccepted('beta', saved.id, { by: 'olu@acme.example', at: t0 + 6, detail })).toBe(false);
    });
  });
}
