import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCsvFile } from '../../adapters/files/open-csv-file.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { ImportKind } from '../../core/imports/import-fields.ts';
import type { ImportMapping } from '../../core/imports/import-mapping.ts';
import type { Store } from '../ports/store.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { importCsvRows, type ImportSummary } from './import-csv-rows.ts';
import type { ImportIssue } from './import-outcome.ts';

// CSV imports over a real SQLite store, from real files read by the CSV reader.

const now = Date.parse('2026-12-02T14:00:00Z');
let folder: string;
let database: DatabaseHandle;
let store: Store;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-import-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', plan: 'enterprise' });
});
afterEach(() => database.close());

async function runImport(input: { kind: ImportKind; content: string; mapping: ImportMapping; dryRun?: boolean; at?: number }): Promise<{ summary: ImportSummary; issues: ImportIssue[] }> {
  const path = join(folder, `${input.kind}-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, input.content);
  const file = await openCsvFile(path);
  const issues: ImportIssue[] = [];
  const summary = await importCsvRows({
    store,
    workspaceId: 'acme',
    kind: input.kind,
    headings: file.headings,
    mapping: input.mapping,
    rows: file.rows(),
    now: input.at ?? now,
    by: 'cli:test',
    dryRun: input.dryRun ?? false,
    onIssue: (issue) => void issues.push(issue),
    batchSize: 3,
  });
  return { summary, issues };
}

const erpMapping: ImportMapping = {
  columns: { customerId: 'Kunden-Nr.', customerName: 'Kunde', contactEmail: 'E-Mail', number: 'Rechnung', issuedOn: 'Datum', dueOn: 'Fällig', amount: 'Betrag', balance: 'Offen', currency: 'Währung' },
  dateFormat: 'DD.MM.YYYY',
  decimalSeparator: ',',
};

// A German ERP's export as it arrives: a BOM, semicolons, CRLF, a name over two lines, thousands
// with dots, blank lines, a row repeated exactly, a row repeating an id with other values, and
// rows that are wrong in every way the reader checks.
const messyInvoices = [
  '\ufeffKunden-Nr.;Kunde;E-Mail;Rechnung;Datum;Fällig;Betrag;Offen;Währung',
  'K1;Müller GmbH;ap@mueller.example;R-1;01.03.2026;31.03.2026;1.200,50;1.200,50;EUR', // 2 valid
  '',
  'K1;Müller GmbH;;R-2;02.03.2026;01.04.2026;"2.000,00";500,00;', // 4 valid, workspace currency
  'K2;"Schmidt &',
  ' Söhne";;R-3;03.03.2026;02.04.2026;10,00;10,00;CHF', // 5 valid, starts on line 5
  'K3;;;R-4;01.03.2026;01.04.2026;10,00;10,00;EUR', // 7 rejected: new customer without a name
  'K4;Vier AG;not-an-email;R-5;31.02.2026;01.04.2026;zehn;10,00;XYZ', // 8 rejected: four problems
  'K1;Müller GmbH;ap@mueller.example;R-1;01.03.2026;31.03.2026;1.200,50;1.200,50;EUR', // 9 repeat of line 2
  'K1;Müller GmbH;;R-2;02.03.2026;01.04.2026;"2.000,00";400,00;', // 10 rejected: R-2 again, other balance
  'K1;Müller GmbH;;R-6;10.03.2026;01.03.2026;5,00;5,00;EUR', // 11 rejected: due before issued
  'K1;Müller GmbH;;R-7;10.03.2026', // 12 rejected: short row
  ';;;;;;;;',
  '',
].join('\r\n');

describe('importing invoices', () => {
  it('imports every valid row of a messy file, none of the invalid ones, and reports each rejected row', async () => {
    const { summary, issues } = await runImport({ kind: 'invoices', content: messyInvoices, mapping: erpMapping });
    expect(summary).toEqual({ kind: 'invoices', dryRun: false, rowsRead: 9, created: 3, updated: 0, unchanged: 0, duplicates: 1, rejected: 5, warnings: 0 });
    const invoices = await store.listInvoices('acme');
    expect(invoices.map((invoice) => [invoice.id, invoice.customerId, invoice.issuedOn, invoice.dueOn, invoice.amountMinor, invoice.balanceMinor, invoice.currency, invoice.status, invoice.knownAt])).toEqual([
      ['R-1', 'K1', '2026-03-01', '2026-03-31', 1200_50, 1200_50, 'EUR', 'open', now],
      ['R-2', 'K1', '2026-03-02', '2026-04-01', 2000_00, 500_00, 'EUR', 'open', now],
      ['R-3', 'K2', '2026-03-03', '2026-04-02', 10_00, 10_00, 'CHF', 'open', now],
    ]);
    const customers = await store.listCustomers('acme');
    expect(customers.map((customer) => [customer.id, customer.name])).toEqual([
      ['K1', 'Müller GmbH'],
      ['K2', 'Schmidt &\n Söhne'],
    ]);
    expect((await store.listContacts('acme')).map((contact) => [contact.customerId, contact.email, contact.isPrimary])).toEqual([['K1', 'ap@mueller.example', true]]);
    expect([...new Set(issues.map((issue) => issue.line))]).toEqual([7, 8, 10, 11, 12]);
    expect(new Set(issues.map((issue) => issue.outcome))).toEqual(new Set(['rejected']));
    expect(issues.filter((issue) => issue.line === 8).map((issue) => [issue.column, issue.value])).toEqual([
      ['E-Mail', 'not-an-email'],
      ['Datum', '31.02.2026'],
      ['Währung', 'XYZ'],
    ]);
    expect(issues.find((issue) => issue.line === 7)).toMatchObject({ column: 'Kunden-Nr.', value: 'K3' });
    expect(issues.find((issue) => issue.line === 10)).toMatchObject({ column: 'Rechnung', value: 'R-2' });
    expect(issues.find((issue) => issue.line === 11)).toMatchObject({ column: 'Fällig', value: '01.03.2026' });
    expect(issues.find((issue) => issue.line === 12)).toMatchObject({ column: '', reason: 'has 5 cells where the header has 9 columns' });
  });
});

describe('importing the same file again', () => {
  it('changes nothing: every row unchanged, no record touched, nothing audited', async () => {
    await runImport({ kind: 'invoices', content: messyInvoices, mapping: erpMapping });
    const before = { invoices: await store.listInvoices('acme'), customers: await store.listCustomers('acme'), audit: await store.listAudit({ workspaceId: 'acme' }) };
    const { summary } = await runImport({ kind: 'invoices', content: messyInvoices, mapping: erpMapping, at: now + 3_600_000 });
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 3, duplicates: 1, rejected: 5 });
    expect(await store.listInvoices('acme')).toEqual(before.invoices);
    expect(await store.listCustomers('acme')).toEqual(before.customers);
    expect(await store.listAudit({ workspaceId: 'acme' })).toEqual(before.audit);
    expect(before.audit.map((entry) => [entry.action, entry.actor])).toEqual([['import.invoices', 'cli:test']]);
  });
});

describe('an import is whole or nothing', () => {
  it('writes nothing when the file breaks after some batches were written', async () => {
    const content = `${'Invoice Number,Customer ID,Customer Name,Invoice Date,Due Date,Balance\n'}${Array.from({ length: 8 }, (_, index) => `N-${index},c1,Acme,2026-03-01,2026-03-31,10.00\n`).join('')}N-9,c1,"Acme never closed\n`;
    const mapping: ImportMapping = { columns: { number: 'Invoice Number', customerId: 'Customer ID', customerName: 'Customer Name', issuedOn: 'Invoice Date', dueOn: 'Due Date', balance: 'Balance' }, dateFormat: 'YYYY-MM-DD' };
    await expect(runImport({ kind: 'invoices', content, mapping })).rejects.toThrow(/quoted cell is never closed/);
    expect(await store.listInvoices('acme')).toEqual([]);
    expect(await store.listCustomers('acme')).toEqual([]);
  });

  it('writes nothing when the import would pass the plan’s limits', async () => {
    await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', plan: 'starter' });
    const rows = Array.from({ length: 251 }, (_, index) => `c${index},Customer ${index}\n`).join('');
    const failure = await rejection(runImport({ kind: 'customers', content: `Customer ID,Customer Name\n${rows}`, mapping: { columns: { id: 'Customer ID', name: 'Customer Name' } } }));
    expect(failure.code).toBe('plan_required');
    expect(await store.listCustomers('acme')).toEqual([]);
  });

  it('refuses a mapping that misses a required field before reading a row', async () => {
    const failure = await rejection(runImport({ kind: 'invoices', content: 'No,Due\n1,2026-01-01\n', mapping: { columns: { number: 'No', dueOn: 'Due' }, dateFormat: 'YYYY-MM-DD' } }));
    expect(failure).toMatchObject({ code: 'invalid_input', details: { record: 'mapping' } });
    expect(failure.message).toContain('balance (Balance) is required');
  });

  it('checks and counts in a dry run, and writes nothing', async () => {
    const { summary, issues } = await runImport({ kind: 'invoices', content: messyInvoices, mapping: erpMapping, dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, created: 3, rejected: 5, duplicates: 1 });
    expect(issues.length).toBeGreaterThan(0);
    expect(await store.listInvoices('acme')).toEqual([]);
    expect(await store.listCustomers('acme')).toEqual([]);
  });
});

describe('an invoice Plixo already has', () => {
  const mapping: ImportMapping = { columns: { id: 'Id', number: 'Number', customerId: 'Customer', issuedOn: 'Issued', dueOn: 'Due', amount: 'Amount', balance: 'Balance', currency: 'Currency' }, dateFormat: 'YYYY-MM-DD' };
  const file = (...rows: string[]) => `Id,Number,Customer,Issued,Due,Amount,Balance,Currency\n${rows.join('\n')}\n`;
  beforeEach(async () => {
    await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2', contacts: [] })]);
    await store.upsertInvoices('acme', [
      buildInvoice({ id: 'A', number: 'A', amountMinor: 1000_00, balanceMinor: 1000_00, knownAt: now - 86_400_000 }),
      buildInvoice({ id: 'B', number: 'B', amountMinor: 1000_00, balanceMinor: 1000_00, knownAt: now - 86_400_000 }),
      buildInvoice({ id: 'C', number: 'C', amountMinor: 1000_00, balanceMinor: 1000_00, knownAt: now - 86_400_000 }),
    ]);
    await store.appendEvents('acme', [{ at: now - 3_600_000, type: 'payment', invoiceId: 'B', payload: { amount: '200.00' } }, { at: now - 3_600_000, type: 'payment', invoiceId: 'C', payload: { amount: '200.00' } }]);
  });

  it('takes the file’s balance when Plixo recorded no payment, and counts recorded payments once', async () => {
    const { summary, issues } = await runImport({
      kind: 'invoices',
      mapping,
      content: file('A,A-1,c1,2024-03-01,2024-04-30,1000.00,600.00,EUR', 'B,B,c1,2024-03-01,2024-03-31,1000.00,500.00,EUR', 'C,C,c1,2024-03-01,2024-03-31,1000.00,900.00,EUR'),
    });
    expect(summary).toMatchObject({ updated: 2, unchanged: 1, warnings: 1, rejected: 0 });
    const [a, b, c] = await store.listInvoices('acme');
    // A: no payment in Plixo, so the ERP's balance and the new number and due date are stored; known since before.
    expect(a).toMatchObject({ number: 'A-1', dueOn: '2024-04-30', balanceMinor: 600_00, knownAt: now - 86_400_000 });
    // B: 1000 less 200 recorded is 800 open; the file says 500, so a credit of 300 closes the gap.
    expect(b).toMatchObject({ balanceMinor: 1000_00 });
    const credits = (await store.listEvents('acme')).filter((event) => event.type === 'credit');
    expect(credits.map((event) => [event.invoiceId, event.payload.amount, event.payload.source])).toEqual([['B', '300.00', 'import']]);
    // C: the file says 900 but Plixo recorded 200 paid: Plixo keeps 800 and says so.
    expect(c).toMatchObject({ balanceMinor: 1000_00 });
    expect(issues).toEqual([expect.objectContaining({ column: 'Balance', value: '900.00', outcome: 'warning' })]);
    expect(issues[0]!.reason).toContain('800.00');
    // Again: B is now settled at 500 open, nothing more to credit.
    const again = await runImport({ kind: 'invoices', mapping, content: file('B,B,c1,2024-03-01,2024-03-31,1000.00,500.00,EUR') });
    expect(again.summary).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await store.listEvents('acme')).filter((event) => event.type === 'credit')).toHaveLength(1);
  });

  it('does not move an invoice to another customer or currency', async () => {
    const { summary, issues } = await runImport({ kind: 'invoices', mapping, content: file('A,A,c2,2024-03-01,2024-03-31,1000.00,1000.00,EUR', 'B,B,c1,2024-03-01,2024-03-31,1000.00,1000.00,USD') });
    expect(summary).toMatchObject({ rejected: 2, updated: 0 });
    expect(issues.map((issue) => [issue.line, issue.column, issue.value])).toEqual([
      [2, 'Customer', 'c2'],
      [3, 'Currency', 'USD'],
    ]);
    expect((await store.listInvoices('acme')).map((invoice) => [invoice.customerId, invoice.currency])).toEqual([
      ['c1', 'EUR'],
      ['c1', 'EUR'],
      ['c1', 'EUR'],
    ]);
  });
});

describe('importing customers and contacts', () => {
  beforeEach(async () => {
    await store.upsertCustomers('acme', [
      buildCustomer({ id: 'c1', name: 'Old Name', region: 'EU', tier: 'gold', contacts: [{ email: 'keep@acme.example', name: 'Kim', isPrimary: true }] }),
    ]);
  });

  it('updates the mapped columns, clears the empty ones, keeps the unmapped ones and adds a contact beside the others', async () => {
    const { summary } = await runImport({
      kind: 'customers',
      content: 'Customer ID,Customer Name,Region,Contact Email,Contact Name\nc1,New Name,,ap@acme.example,Ana\nc9,Neu AG,DACH,,\n',
      mapping: { columns: { id: 'Customer ID', name: 'Customer Name', region: 'Region', contactEmail: 'Contact Email', contactName: 'Contact Name' } },
    });
    expect(summary).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    const [c1, c9] = await store.listCustomers('acme');
    expect(c1).toMatchObject({ name: 'New Name', region: null, tier: 'gold' });
    expect(c9).toMatchObject({ name: 'Neu AG', region: 'DACH' });
    expect((await store.listContacts('acme')).map((contact) => [contact.customerId, contact.email, contact.name, contact.isPrimary])).toEqual([
      ['c1', 'ap@acme.example', 'Ana', false],
      ['c1', 'keep@acme.example', 'Kim', true],
    ]);
  });

  it('adds and updates contacts by email, moves the primary mark, and refuses contacts of unknown customers', async () => {
    const { summary, issues } = await runImport({
      kind: 'contacts',
      content: 'Customer ID;Email;Name;Primary\nc1;AP@acme.example;Ana;yes\nc1;keep@acme.example;Kim Lee;no\nghost;x@ghost.example;X;no\n',
      mapping: { columns: { customerId: 'Customer ID', email: 'Email', name: 'Name', isPrimary: 'Primary' } },
    });
    expect(summary).toMatchObject({ created: 1, updated: 1, rejected: 1 });
    expect(issues).toEqual([expect.objectContaining({ line: 4, column: 'Customer ID', value: 'ghost' })]);
    expect((await store.listContacts('acme')).map((contact) => [contact.email, contact.name, contact.isPrimary])).toEqual([
      ['ap@acme.example', 'Ana', true],
      ['keep@acme.example', 'Kim Lee', false],
    ]);
  });
});

describe('importing payments', () => {
  const mapping: ImportMapping = { columns: { id: 'Ref', receivedOn: 'Date', amount: 'Amount', currency: 'Currency', payerName: 'Payer', invoiceNumber: 'Invoice', memo: 'Text' }, dateFormat: 'YYYY-MM-DD' };
  const file = (...rows: string[]) => `Ref,Date,Amount,Currency,Payer,Invoice,Text\n${rows.join('\n')}\n`;
  beforeEach(async () => {
    await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind Traders' }), buildCustomer({ id: 'c2', name: 'Contoso Pharma' })]);
    await store.upsertInvoices('acme', [
      buildInvoice({ id: 'INV-1042', number: 'INV-1042', customerId: 'c1', amountMinor: 1200_00, balanceMinor: 1200_00 }),
      buildInvoice({ id: 'INV-2077', number: 'INV-2077', customerId: 'c2', amountMinor: 500_00, balanceMinor: 500_00 }),
    ]);
  });

  it('records each payment once, applies the ones Cash-App Assist is sure of, and leaves the rest unapplied', async () => {
    const content = file('B-1,2026-12-01,1200.00,EUR,NORTHWIND TRADERS,INV-1042,', 'B-2,2026-12-01,75.00,EUR,SOMEONE,,thanks', 'B-3,2026-12-01,-5.00,EUR,X,,');
    const { summary, issues } = await runImport({ kind: 'payments', content, mapping });
    expect(summary).toMatchObject({ created: 2, rejected: 1, payments: { autoApplied: 1, forReview: 1 } });
    expect(issues).toEqual([expect.objectContaining({ line: 4, column: 'Amount', value: '-5.00' })]);
    const payments = await store.listPayments('acme', { limit: 10 });
    expect(payments.map((payment) => [payment.sourceId, payment.source, payment.unappliedMinor]).sort()).toEqual([
      ['B-1', 'csv', 0],
      ['B-2', 'csv', 75_00],
    ]);
    const events = await store.listEvents('acme');
    expect(events.map((event) => [event.type, event.invoiceId, event.payload.amount])).toEqual([['payment', 'INV-1042', '1200.00']]);
    const [allocation] = await store.listPaymentAllocations('acme', { invoiceId: 'INV-1042' });
    expect(allocation).toMatchObject({ by: 'auto', amountMinor: 1200_00 });
    // Again: nothing new, nothing applied twice.
    const again = await runImport({ kind: 'payments', content, mapping });
    expect(again.summary).toMatchObject({ created: 0, unchanged: 2 });
    expect(again.summary.payments).toBeUndefined();
    expect(await store.listEvents('acme')).toHaveLength(1);
  });
});
