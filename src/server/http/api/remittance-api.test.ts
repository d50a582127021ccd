import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestRemittancePdf } from '../../../adapters/pdf/testing/render-test-remittance-pdf.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// Remittances over HTTP on a real SQLite store: an operator uploads a payer's PDF advice for a
// payment, reads the proposal and the file back, and accepts chosen lines; the ledger shows the
// allocations with the remittance cited. Bad uploads answer 400 naming the file and the field.

const now = Date.UTC(2026, 2, 12, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let operator: string;
let viewer: string;
let paymentId: number;

const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Weber KG' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'i1', number: 'WR-1001', customerId: 'c1', amountMinor: 1_200_50, balanceMinor: 1_200_50 }),
    buildInvoice({ id: 'i2', number: 'WR-1002', customerId: 'c1', amountMinor: 500_00, balanceMinor: 500_00 }),
  ]);
  const controller = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  operator = (await createApiToken({ store, now, workspaceId: 'acme', by: controller, name: 'desk', role: 'operator' })).secret;
  viewer = (await createApiToken({ store, now, workspaceId: 'acme', by: controller, name: 'cfo', role: 'viewer' })).secret;
  const payment = await send('POST', '/api/orgs/acme/payments', operator, { id: 'BANK-9', amount: '1690.50', currency: 'EUR', receivedAt: '2026-03-12T08:00:00Z', payerName: 'WEBER KG' });
  paymentId = payment.json().id;
});
afterAll(() => server.close());

describe('remittances over HTTP', () => {
  it('uploads a PDF advice, answers the proposal, lists it, and gives the file back', async () => {
    const pdf = await renderTestRemittancePdf({
      title: ['Zahlungsavis', 'Weber KG'],
      columns: [
        { heading: 'Rechnungsnummer', x: 48, width: 110 },
        { heading: 'Bruttobetrag', x: 200, width: 90, align: 'right' },
        { heading: 'Skonto', x: 300, width: 60, align: 'right' },
        { heading: 'Zahlbetrag', x: 380, width: 90, align: 'right' },
      ],
      rows: [
        ['WR-1001', '1.200,50', '', '1.200,50'],
        ['WR-1002', '500,00', '10,00', '490,00'],
      ],
      footer: [['Summe', '1.700,50', '10,00', '1.690,50']],
    });
    const upload = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances`, operator, { fileName: 'avis.pdf', contentBase64: base64(pdf) });
    expect(upload.statusCode).toBe(201);
    const view = upload.json();
    expect(view).toMatchObject({ paymentId, fileName: 'avis.pdf', format: 'pdf', contentType: 'application/pdf', status: 'proposed', uploadedBy: 'token:desk', decimalSeparator: ',', problems: [] });
    expect(view.totals).toEqual({
      lines: { minor: 1_690_50, currency: 'EUR', formatted: '€1,690.50' },
      stated: { minor: 1_690_50, currency: 'EUR', formatted: '€1,690.50' },
      proposed: { minor: 1_690_50, currency: 'EUR', formatted: '€1,690.50' },
      unapplied: { minor: 1_690_50, currency: 'EUR', formatted: '€1,690.50' },
    });
    expect(view.lines.map((line: { reference: string; invoice: { id: string } | null; proposed: { minor: number }; discount: { minor: number }; selected: boolean }) => [line.reference, line.invoice?.id, line.proposed.minor, line.discount.minor, line.selected])).toEqual([
      ['WR-1001', 'i1', 1_200_50, 0, true],
      ['WR-1002', 'i2', 490_00, 10_00, true],
    ]);
    const listed = await send('GET', `/api/orgs/acme/payments/${paymentId}/remittances`, viewer);
    expect(listed.json().items.map((item: { id: number }) => item.id)).toEqual([view.id]);
    expect((await send('GET', `/api/orgs/acme/payments/${paymentId}/remittances/${view.id}`, viewer)).json()).toEqual(view);
    const file = await send('GET', `/api/orgs/acme/payments/${paymentId}/remittances/${view.id}/file`, viewer);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="avis.pdf"');
    expect(new Uint8Array(file.rawPayload)).toEqual(pdf);
    expect((await send('GET', `/api/orgs/acme/payments/${paymentId + 1}/remittances/${view.id}`, viewer)).statusCode).toBe(404);
  });

  it('accepts chosen lines with an amount, and the payment shows the allocations citing the remittance', async () => {
    const csv = 'Rechnungsnummer;Zahlbetrag\nWR-1001;1.200,50\nWR-1002;490,00\n';
    const { id } = (await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances`, operator, { fileName: 'avis.csv', contentBase64: base64(Buffer.from(csv)) })).json();
    const refused = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances/${id}/accept`, operator, { lines: [{ number: 2, amount: '500,00' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'invalid_input', field: 'lines[0].amount' });
    const accepted = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances/${id}/accept`, operator, { lines: [{ number: 1 }, { number: 2, amount: '400.00' }], note: 'rest disputed' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      acceptedBy: 'token:desk',
      accepted: { note: 'rest disputed', lines: [{ number: 1, invoiceId: 'i1', amount: { minor: 1_200_50 } }, { number: 2, invoiceId: 'i2', amount: { minor: 400_00 } }] },
      payment: { id: paymentId, status: 'partially_applied', unapplied: { minor: 90_00 } },
    });
    const payment = (await send('GET', `/api/orgs/acme/payments/${paymentId}`, viewer)).json();
    expect(payment.allocations.map((allocation: { invoiceId: string; note: string }) => [allocation.invoiceId, allocation.note])).toEqual([
      ['i1', `Remittance advice avis.csv (remittance ${id}), lines 1, 2: rest disputed`],
      ['i2', `Remittance advice avis.csv (remittance ${id}), lines 1, 2: rest disputed`],
    ]);
    const again = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances/${id}/accept`, operator, {});
    expect(again.statusCode).toBe(409);
    expect((await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances/${id}/accept`, viewer, {})).statusCode).toBe(403);
  });

  it('answers a bad upload with 400, naming the file and the field', async () => {
    const notBase64 = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances`, operator, { fileName: 'avis.csv', contentBase64: 'not base64!' });
    expect(notBase64.json().error).toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
    const noColumn = await send('POST', `/api/orgs/acme/payments/${paymentId}/remittances`, operator, { fileName: 'liste.csv', contentBase64: base64(Buffer.from('Kunde;Betrag\nWeber;10,00\n')) });
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error).toMatchObject({ code: 'invalid_input', field: 'file' });
    expect(noColumn.json().error.message).toMatch(/^file: liste\.csv, line 1, reference: no column names the invoice/);
    const missing = await send('POST', '/api/orgs/acme/payments/999/remittances', operator, { fileName: 'avis.csv', contentBase64: base64(Buffer.from('x')) });
    expect(missing.statusCode).toBe(404);
  });
});
