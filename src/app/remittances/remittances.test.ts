import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRemittanceFile } from '../../adapters/files/read-remittance-file.ts';
import { renderTestRemittancePdf } from '../../adapters/pdf/testing/render-test-remittance-pdf.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { openBalance } from '../open-balance.ts';
import { allocatePayment } from '../payments/allocate-payment.ts';
import { recordIncomingPayment } from '../payments/record-payment.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { acceptRemittance } from './accept-remittance.ts';
import { getRemittanceFile, listRemittances } from './list-remittances.ts';
import { maxRemittanceBytes, uploadRemittance } from './upload-remittance.ts';

// Remittances over a real SQLite store and the real file reader: a CSV or PDF advice uploaded for
// a payment is stored with its proposal and audited, applies nothing until accepted, and applies
// through the ledger when a person accepts all of it or chosen lines with their amounts.

const now = Date.UTC(2026, 2, 12, 10);
const olu = { kind: 'user' as const, id: 'u1', label: 'olu@acme.example', role: 'operator' as const };
let database: DatabaseHandle;
let store: Store;
let paymentId: number;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', currency: 'EUR', locale: 'de-DE', timeZone: 'Europe/Berlin' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Acme GmbH' }), buildCustomer({ id: 'c2', name: 'Beta AG' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'i1042', number: 'R-1042', customerId: 'c1', amountMinor: 500_00, balanceMinor: 500_00 }),
    buildInvoice({ id: 'i1043', number: 'R-1043', customerId: 'c1', amountMinor: 300_00, balanceMinor: 300_00 }),
    buildInvoice({ id: 'i1044', number: 'R-1044', customerId: 'c1', amountMinor: 200_00, balanceMinor: 0, status: 'closed' }),
    buildInvoice({ id: 'i2001', number: 'R-2001', customerId: 'c2', amountMinor: 100_00, balanceMinor: 100_00 }),
  ]);
  paymentId = (await recordIncomingPayment({ store, now: now - 60_000, workspaceId: 'acme', by: 'token:bank', payment: { source: 'api', sourceId: 'BANK-77', amountMinor: 800_00, currency: 'EUR', receivedAt: now - 60_000, customerId: 'c1' } })).payment.id;
});
afterEach(async () => {
  await database.close();
});

const csv = (text: string) => new Uint8Array(Buffer.from(text));
const advice = csv('Rechnungsnummer;Zahlbetrag\r\nR-1042;500,00\r\nR-1043;300,00\r\nR-1044;50,00\r\nR-9999;10,00\r\n');
const upload = (name: string, content: Uint8Array, id = paymentId) => uploadRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId: id, file: { name, content }, readFile: readRemittanceFile });
const balances = async () => {
  const events = await store.listEvents('acme');
  return Object.fromEntries((await store.listInvoices('acme')).map((invoice) => [invoice.id, openBalance(invoice, events, now)]));
};

describe('uploading a remittance', () => {
  it('stores the file and the proposal, audited, and applies nothing yet', async () => {
    const { remittance, advice: read, proposal } = await upload('zahlungsavis.csv', advice);
    expect(remittance).toMatchObject({ paymentId, fileName: 'zahlungsavis.csv', contentType: 'text/csv', format: 'csv', status: 'proposed', uploadedBy: 'olu@acme.example', uploadedAt: now, sizeBytes: advice.byteLength });
    expect(read.columns).toEqual({ reference: 'Rechnungsnummer', paid: 'Zahlbetrag' });
    expect(proposal.lines.map((line) => [line.reference, line.invoice?.id ?? null, line.proposedMinor, line.selected, line.problems.map((problem) => problem.code)])).toEqual([
      ['R-1042', 'i1042', 500_00, true, []],
      ['R-1043', 'i1043', 300_00, true, []],
      ['R-1044', null, 0, false, ['already_paid']],
      ['R-9999', null, 0, false, ['unknown_invoice']],
    ]);
    expect(proposal).toMatchObject({ linesTotalMinor: 860_00, proposedMinor: 800_00, unappliedMinor: 800_00 });
    expect(proposal.problems.map((problem) => problem.code)).toEqual(['payment_mismatch']);
    expect(await getRemittanceFile({ store, workspaceId: 'acme', paymentId, remittanceId: remittance.id })).toEqual({ fileName: 'zahlungsavis.csv', contentType: 'text/csv', content: advice });
    expect((await store.listEvents('acme')).filter((event) => event.type === 'payment')).toEqual([]);
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'remittance.' });
    expect(audit).toMatchObject({ action: 'remittance.upload', actor: 'olu@acme.example', subject: `payment ${paymentId} (api BANK-77)`, detail: { remittance: remittance.id, file: 'zahlungsavis.csv', after: { lines: 4, selected: 2, proposed: '800.00', problems: ['payment_mismatch'] } } });
    expect((await listRemittances({ store, workspaceId: 'acme', paymentId })).map((view) => view.remittance.id)).toEqual([remittance.id]);
  });

  it('reads a PDF advice: a typo the amount confirms, and the total checked', async () => {
    const pdf = await renderTestRemittancePdf({
      title: ['Zahlungsavis', 'Acme GmbH'],
      columns: [
        { heading: 'Rechnungsnummer', x: 48, width: 110 },
        { heading: 'Zahlbetrag', x: 300, width: 90, align: 'right' },
      ],
      rows: [
        ['R-1024', '500,00'],
        ['R-1043', '300,00'],
      ],
      footer: [['Summe', '800,00']],
    });
    const { remittance, proposal } = await upload('avis.pdf', pdf);
    expect(remittance).toMatchObject({ format: 'pdf', contentType: 'application/pdf' });
    expect(proposal.lines.map((line) => [line.invoice?.id, line.match, line.proposedMinor, line.selected, line.confidence])).toEqual([
      ['i1042', 'typo', 500_00, true, 0.95],
      ['i1043', 'exact', 300_00, true, 1],
    ]);
    expect(proposal).toMatchObject({ statedTotalMinor: 800_00, problems: [] });
  });

  it('refuses what it cannot take, naming the file, the line and the field', async () => {
    expect((await rejection(upload('avis.csv', new Uint8Array()))).message).toBe('file: avis.csv is empty');
    expect(await rejection(upload('big.pdf', new Uint8Array(maxRemittanceBytes + 1)))).toMatchObject({ code: 'invalid_input', details: { field: 'file' }, message: 'file: big.pdf is 10.0 MB; a remittance file may be up to 10 MB' });
    expect((await rejection(upload('avis.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0])))).message).toBe('file: avis.xlsx is a spreadsheet (Excel or similar): save the advice as CSV, or send the PDF');
    expect((await rejection(upload('avis.csv', csv('Kunde;Betrag\nAcme;10,00\n')))).message).toMatch(/^file: avis\.csv, line 1, reference: no column names the invoice \(the headings are "Kunde", "Betrag"\)/);
    expect((await rejection(upload('avis.csv', csv('Invoice;Amount Paid\nINV-1;1,00\n"INV-2;2,00\n')))).message).toMatch(/^file: avis\.csv, line 3: /);
    expect(await rejection(upload('avis.csv', advice, paymentId + 99))).toMatchObject({ code: 'not_found' });
    expect(await store.listRemittances('acme', { paymentId })).toEqual([]);
  });

  it('refuses a payment with nothing left to allocate', async () => {
    await acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: (await upload('a.csv', advice)).remittance.id });
    expect(await rejection(upload('b.csv', advice))).toMatchObject({ code: 'conflict' });
  });
});

describe('accepting a remittance', () => {
  it('applies the proposed lines with a note citing the remittance, audited, once', async () => {
    const { remittance } = await upload('zahlungsavis.csv', advice);
    const result = await acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id, note: 'checked against the bank' });
    expect(result.payment).toMatchObject({ status: 'applied', unappliedMinor: 0 });
    expect(result.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor, allocation.by, allocation.note])).toEqual([
      ['i1042', 500_00, 'olu@acme.example', `Remittance advice zahlungsavis.csv (remittance ${remittance.id}), lines 1, 2: checked against the bank`],
      ['i1043', 300_00, 'olu@acme.example', `Remittance advice zahlungsavis.csv (remittance ${remittance.id}), lines 1, 2: checked against the bank`],
    ]);
    expect(await balances()).toMatchObject({ i1042: 0, i1043: 0, i2001: 100_00 });
    expect(result.view).toMatchObject({ remittance: { status: 'accepted', acceptedBy: 'olu@acme.example', acceptedAt: now }, accepted: { lines: [{ number: 1, invoiceId: 'i1042', amountMinor: 500_00 }, { number: 2, invoiceId: 'i1043', amountMinor: 300_00 }], note: 'checked against the bank' } });
    const audit = await store.listAudit({ workspaceId: 'acme' });
    expect(audit.filter((entry) => entry.action.startsWith('remittance.') || entry.action === 'payment.allocate').map((entry) => entry.action)).toEqual(['remittance.accept', 'payment.allocate', 'remittance.upload']);
    expect(audit.find((entry) => entry.action === 'payment.allocate')!.detail.rationale).toContain(`(remittance ${remittance.id})`);
    const again = await rejection(acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id }));
    expect(again).toMatchObject({ code: 'conflict' });
    expect(again.message).toContain('was accepted by olu@acme.example');
  });

  it('applies chosen lines with the amounts a person sets', async () => {
    const { remittance } = await upload('zahlungsavis.csv', advice);
    const result = await acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id, lines: [{ number: 2 }, { number: 1, amount: '450.00' }] });
    expect(result.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor])).toEqual([
      ['i1043', 300_00],
      ['i1042', 450_00],
    ]);
    expect(result.allocations[0]!.note).toBe(`Remittance advice zahlungsavis.csv (remittance ${remittance.id}), lines 2, 1`);
    expect(result.payment).toMatchObject({ status: 'partially_applied', unappliedMinor: 50_00 });
  });

  it('refuses lines it cannot apply, naming the line and the field, and applies nothing', async () => {
    const { remittance } = await upload('zahlungsavis.csv', advice);
    const accept = (lines: { number: number; amount?: string }[]) => rejection(acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id, lines }));
    expect(await accept([{ number: 9 }])).toMatchObject({ code: 'invalid_input', details: { field: 'lines[0].number' } });
    expect(await accept([{ number: 1 }, { number: 3 }])).toMatchObject({ details: { field: 'lines[1].number' }, message: 'lines[1].number: line 3 ("R-1044") cannot be applied: R-1044 has nothing open: it is paid already or closed' });
    expect(await accept([{ number: 1, amount: 'viel' }])).toMatchObject({ details: { field: 'lines[0].amount' } });
    expect(await accept([{ number: 1, amount: '0' }])).toMatchObject({ details: { field: 'lines[0].amount' } });
    expect(await accept([{ number: 1 }, { number: 1 }])).toMatchObject({ details: { field: 'lines[1].number' } });
    const above = await accept([{ number: 2, amount: '300.01' }]);
    expect(above).toMatchObject({ details: { field: 'lines[0].amount' } });
    expect(above.message).toBe('lines[0].amount: line 2 (R-1043): more than invoice R-1043 still owes (300.00 EUR)');
    expect(await balances()).toMatchObject({ i1042: 500_00, i1043: 300_00 });
    expect((await store.getRemittance('acme', remittance.id))!.status).toBe('proposed');
  });

  it('checks the amounts against the payment as it stands now, not as it stood at upload', async () => {
    const { remittance } = await upload('zahlungsavis.csv', advice);
    await allocatePayment({ store, now, workspaceId: 'acme', by: olu, paymentId, allocations: [{ invoiceId: 'i2001', amount: '100.00' }], note: 'by hand' });
    const refused = await rejection(acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id }));
    expect(refused).toMatchObject({ code: 'invalid_input', details: { field: 'lines' } });
    expect(refused.message).toBe('lines: 800.00 is more than the payment has unapplied (700.00 EUR)');
  });

  it('says so when nothing is proposed and no lines are chosen, and when the remittance is another payment’s', async () => {
    const { remittance } = await upload('avis.csv', csv('Invoice;Amount Paid\nR-9999;800,00\n'));
    expect(await rejection(acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId, remittanceId: remittance.id }))).toMatchObject({ code: 'invalid_input', details: { field: 'lines' } });
    const other = (await recordIncomingPayment({ store, now, workspaceId: 'acme', by: 'token:bank', payment: { source: 'api', sourceId: 'BANK-78', amountMinor: 100_00, currency: 'EUR', receivedAt: now - 1 } })).payment.id;
    expect(await rejection(acceptRemittance({ store, now, workspaceId: 'acme', by: olu, paymentId: other, remittanceId: remittance.id }))).toMatchObject({ code: 'not_found' });
  });
});
