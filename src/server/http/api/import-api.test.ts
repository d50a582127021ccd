import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// CSV imports and exports over HTTP, on a real SQLite store: the preview guesses the mapping,
// a dry run writes nothing, the import writes the valid rows, and the exports cannot run formulas.

const now = Date.UTC(2026, 11, 2, 12);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let manager: string;
let operator: string;

const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

const file = [
  'Customer No.;Company;Invoice #;Invoice Date;Due Date;Amount;Open Amount;Curr.',
  'K1;=HYPERLINK("http://evil.example","Müller");R-1;01.03.2026;31.03.2026;1.200,50;1.200,50;EUR',
  'K1;=HYPERLINK("http://evil.example","Müller");R-2;02.03.2026;01.04.2026;500,00;500,00;EUR',
  'K2;Schmidt;R-3;31.02.2026;01.04.2026;10,00;10,00;EUR',
  '',
].join('\r\n');

beforeAll(async () => {
  server = await startApiTestServer({ now, clock: () => now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' });
  const controller = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  manager = (await createApiToken({ store, now, workspaceId: 'acme', by: controller, name: 'ar', role: 'ar_manager' })).secret;
  operator = (await createApiToken({ store, now, workspaceId: 'acme', by: controller, name: 'desk', role: 'operator' })).secret;
});
afterAll(() => server.close());

describe('imports over HTTP', () => {
  it('previews a file: headings, a sample and the mapping guessed for a German workspace', async () => {
    const response = await send('POST', '/api/orgs/acme/imports/invoices/preview', manager, { csv: file });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({
      headings: ['Customer No.', 'Company', 'Invoice #', 'Invoice Date', 'Due Date', 'Amount', 'Open Amount', 'Curr.'],
      delimiter: ';',
      mapping: {
        columns: { customerId: 'Customer No.', customerName: 'Company', number: 'Invoice #', issuedOn: 'Invoice Date', dueOn: 'Due Date', amount: 'Amount', balance: 'Open Amount', currency: 'Curr.' },
        dateFormat: 'DD.MM.YYYY',
        decimalSeparator: ',',
      },
      unmapped: [],
    });
    expect(preview.sample).toHaveLength(3);
  });

  it('checks in a dry run, then imports the valid rows and reports the others', async () => {
    const { mapping } = (await send('POST', '/api/orgs/acme/imports/invoices/preview', manager, { csv: file })).json();
    const dry = await send('POST', '/api/orgs/acme/imports/invoices', manager, { csv: file, mapping, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().summary).toMatchObject({ dryRun: true, created: 2, rejected: 1 });
    expect(await store.listInvoices('acme')).toEqual([]);
    const real = await send('POST', '/api/orgs/acme/imports/invoices', manager, { csv: file, mapping, fileName: 'aging.csv' });
    expect(real.json()).toMatchObject({
      summary: { dryRun: false, rowsRead: 3, created: 2, rejected: 1 },
      issues: [{ line: 4, column: 'Invoice Date', value: '31.02.2026', outcome: 'rejected' }],
      issuesTruncated: false,
    });
    expect((await store.listInvoices('acme')).map((invoice) => invoice.id)).toEqual(['R-1', 'R-2']);
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'import.invoices' });
    expect(audit).toMatchObject({ actor: 'token:ar', subject: 'file aging.csv' });
  });

  it('exports what a spreadsheet shows as text, never runs', async () => {
    const customers = await send('GET', '/api/orgs/acme/exports/customers.csv', manager);
    expect(customers.headers['content-type']).toContain('text/csv');
    expect(customers.body.split('\r\n')[1]).toBe(`K1,"'=HYPERLINK(""http://evil.example"",""Müller"")",,,,,,,,,`);
    const invoices = await send('GET', '/api/orgs/acme/exports/invoices.csv', manager);
    expect(invoices.body.split('\r\n')[1]).toBe(`R-1,R-1,K1,"'=HYPERLINK(""http://evil.example"",""Müller"")",2026-03-01,2026-03-31,1200.50,1200.50,EUR,open`);
  });

  it('gives templates, refuses a bad mapping with its problem, and keeps imports to the roles that may import', async () => {
    const template = await send('GET', '/api/orgs/acme/imports/contacts/template', manager);
    expect(template.body.split('\r\n')[0]).toBe('Customer ID,Email,Name,Role,Primary');
    const bad = await send('POST', '/api/orgs/acme/imports/invoices', manager, { csv: file, mapping: { columns: { number: 'Invoice #' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('balance (Balance) is required');
    expect((await send('POST', '/api/orgs/acme/imports/invoices/preview', operator, { csv: file })).statusCode).toBe(403);
    expect((await send('POST', '/api/orgs/acme/imports/orders/preview', manager, { csv: file })).statusCode).toBe(400);
  });
});

describe('payments imported from the web app', () => {
  it('go into the ledger, and Cash-App Assist applies the sure ones', async () => {
    // of Müller (K1) are open from the invoice import above.
    const payments = ['Payment ID,Payment Date,Amount,Currency,Customer ID,Payer,Invoice Number,Memo', 'B-1,2026-12-01,1200.50,EUR,K1,MUELLER,R-1,R-1', 'B-2,2026-12-01,77.00,EUR,,SOMEONE,,thanks', ''].join('\n');
    const { mapping } = (await send('POST', '/api/orgs/acme/imports/payments/preview', manager, { csv: payments })).json();
    const answer = await send('POST', '/api/orgs/acme/imports/payments', manager, { csv: payments, mapping, fileName: 'bank.csv' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().summary).toMatchObject({ kind: 'payments', created: 2, rejected: 0, payments: { autoApplied: 1, forReview: 1 } });
    const ledger = await store.listPayments('acme', { limit: 10 });
    expect(ledger.map((payment) => [payment.sourceId, payment.status])).toEqual(expect.arrayContaining([['B-1', 'applied'], ['B-2', 'unapplied']]));
    // The operator may apply payments but not import: no import of payments either.
    expect((await send('POST', '/api/orgs/acme/imports/payments', operator, { csv: payments, mapping })).statusCode).toBe(403);
  });
});
