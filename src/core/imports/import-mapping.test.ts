import { describe, expect, it } from 'vitest';
import { formatCsvCell, formatCsvRow } from './format-csv-row.ts';
import { guessImportMapping, resolveImportMapping } from './import-mapping.ts';
import { readImportRow } from './read-import-row.ts';

describe('guessImportMapping', () => {
  // Headings as the exports of common systems write them.
  it.each([
    [
      'QuickBooks A/R aging detail',
      ['Date', 'Transaction Type', 'Num', 'Customer', 'Due Date', 'Amount', 'Open Balance'],
      { issuedOn: 'Date', number: 'Num', customerName: 'Customer', dueOn: 'Due Date', amount: 'Amount', balance: 'Open Balance' },
    ],
    [
      'Xero invoices',
      ['ContactName', 'EmailAddress', 'InvoiceNumber', 'InvoiceDate', 'DueDate', 'Total', 'AmountDue', 'Currency'],
      { customerName: 'ContactName', contactEmail: 'EmailAddress', number: 'InvoiceNumber', issuedOn: 'InvoiceDate', dueOn: 'DueDate', amount: 'Total', balance: 'AmountDue', currency: 'Currency' },
    ],
    [
      'Sage 50 aged debtors',
      ['Account Ref', 'Name', 'Ref', 'Date', 'Due Date', 'Amount', 'Outstanding', 'Currency'],
      { customerId: 'Account Ref', customerName: 'Name', number: 'Ref', issuedOn: 'Date', dueOn: 'Due Date', amount: 'Amount', balance: 'Outstanding', currency: 'Currency' },
    ],
    [
      'the issue’s own words',
      ['Invoice Number', 'Due Date', 'Balance', 'Contact Email', 'Currency', 'Customer ID', 'Invoice Date'],
      { number: 'Invoice Number', dueOn: 'Due Date', balance: 'Balance', contactEmail: 'Contact Email', currency: 'Currency', customerId: 'Customer ID', issuedOn: 'Invoice Date' },
    ],
  ])('maps %s', (_system, headings, expected) => {
    const guess = guessImportMapping({ kind: 'invoices', headings, sample: [], dayFirst: true, decimalComma: false });
    expect(guess.mapping.columns).toMatchObject(expected);
    for (const heading of Object.values(guess.mapping.columns)) expect(headings).toContain(heading);
    expect(new Set(Object.values(guess.mapping.columns)).size).toBe(Object.values(guess.mapping.columns).length);
  });

  it('guesses the date format and decimal separator from the sample, and says what it could not tell', () => {
    const guess = guessImportMapping({
      kind: 'invoices',
      headings: ['Invoice No.', 'Customer No.', 'Invoice Date', 'Due Date', 'Balance'],
      sample: [
        ['1', 'c1', '01.02.2026', '03.03.2026', '1.234,50'],
        ['2', 'c1', '05.02.2026', '07.03.2026', '99,00'],
      ],
      dayFirst: true,
      decimalComma: false,
    });
    expect(guess.mapping).toMatchObject({ dateFormat: 'DD.MM.YYYY', decimalSeparator: ',' });
    expect(guess.decimalSeparatorUncertain).toBe(false);
    const unclear = guessImportMapping({ kind: 'invoices', headings: ['Due Date', 'Balance'], sample: [['01/02/2026', '1,234']], dayFirst: false, decimalComma: true });
    expect(unclear.mapping).toMatchObject({ dateFormat: 'MM/DD/YYYY', decimalSeparator: ',' });
    expect(unclear.otherDateFormats).toEqual(['DD/MM/YYYY']);
    expect(unclear.decimalSeparatorUncertain).toBe(true);
  });

  it('takes the customer name as the id when the file has only names', () => {
    const resolved = resolveImportMapping({
      kind: 'invoices',
      headings: ['Num', 'Customer', 'Date', 'Due Date', 'Open Balance'],
      mapping: { columns: { number: 'Num', customerName: 'Customer', issuedOn: 'Date', dueOn: 'Due Date', balance: 'Open Balance' }, dateFormat: 'MM/DD/YYYY' },
      workspaceCurrency: 'USD',
    });
    if (!resolved.ok) throw new Error(resolved.problems.join('; '));
    expect(readImportRow(['1001', 'Acme Inc', '03/01/2026', '03/31/2026', '10.00'], resolved.mapping)).toMatchObject({ ok: true, row: { customerId: 'Acme Inc', customerName: 'Acme Inc' } });
  });

  it('lists the headings it did not map', () => {
    const guess = guessImportMapping({ kind: 'customers', headings: ['Customer ID', 'Company', 'Sales Rep', ''], sample: [], dayFirst: true, decimalComma: false });
    expect(guess.unmapped).toEqual(['Sales Rep', '']);
  });
});

describe('resolveImportMapping', () => {
  it('names every problem', () => {
    const result = resolveImportMapping({
      kind: 'invoices',
      headings: ['No', 'Due', 'Due'],
      mapping: { columns: { number: 'No', dueOn: 'Due', balance: 'Open', colour: 'No' }, decimalSeparator: ';' as never },
      workspaceCurrency: 'EUR',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'dueOn: the file has more than one column "Due"',
      'balance: the file has no column "Open" (its columns: "No", "Due", "Due")',
      'the mapping names a field "colour" that invoices imports do not have (they have: id, number, customerId, customerName, contactEmail, issuedOn, dueOn, amount, balance, currency, status)',
      'customerId (Customer ID) is required: map a column to it',
      'issuedOn (Invoice Date) is required: map a column to it',
      'decimalSeparator must be "." or ",", not ";"',
    ]);
  });
});

describe('readImportRow', () => {
  const headings = ['Invoice', 'Customer', 'Issued', 'Due', 'Total', 'Open', 'Curr', 'State'];
  const resolved = resolveImportMapping({
    kind: 'invoices',
    headings,
    mapping: { columns: { number: 'Invoice', customerId: 'Customer', issuedOn: 'Issued', dueOn: 'Due', amount: 'Total', balance: 'Open', currency: 'Curr', status: 'State' }, dateFormat: 'DD/MM/YYYY', decimalSeparator: ',' },
    workspaceCurrency: 'EUR',
  });
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  const mapping = resolved.mapping;

  it('reads a row into an invoice, the number standing in for a missing id', () => {
    expect(readImportRow(['A-1', 'c1', '01/03/2026', '31/03/2026', '1.000,00', '250,50', 'usd', 'Partially Paid'], mapping)).toEqual({
      ok: true,
      row: { kind: 'invoices', id: 'A-1', number: 'A-1', customerId: 'c1', customerName: null, contactEmail: null, issuedOn: '2026-03-01', dueOn: '2026-03-31', amountMinor: 100000, balanceMinor: 25050, currency: 'USD', status: 'open' },
    });
  });

  it('takes the workspace currency for an empty cell and closes a settled invoice', () => {
    const read = readImportRow(['A-2', 'c1', '01/03/2026', '31/03/2026', '10,00', '0,00', '', ''], mapping);
    expect(read).toMatchObject({ ok: true, row: { currency: 'EUR', status: 'closed' } });
  });

  it('reports every problem of a row with its column and value', () => {
    const read = readImportRow(['', 'c1', '31/02/2026', 'soon', 'ten', '5,00', 'EUR', 'lost'], mapping);
    expect(read).toEqual({
      ok: false,
      problems: [
        { column: 'Invoice', value: '', reason: 'is empty: Invoice Number is required' },
        { column: 'Issued', value: '31/02/2026', reason: 'is not a real date (read as DD/MM/YYYY)' },
        { column: 'Due', value: 'soon', reason: 'is not a date in the format DD/MM/YYYY' },
        { column: 'Total', value: 'ten', reason: 'is not an amount with "," as the decimal separator' },
        { column: 'State', value: 'lost', reason: 'is not a status Plixo knows: open (unpaid, overdue, partially paid) or closed (paid, void, cancelled)' },
      ],
    });
  });

  it('refuses what no invoice can be', () => {
    const row = (due: string, total: string, open: string) => readImportRow(['A-3', 'c1', '10/03/2026', due, total, open, 'EUR', ''], mapping);
    expect(row('01/03/2026', '10,00', '10,00')).toEqual({ ok: false, problems: [{ column: 'Due', value: '01/03/2026', reason: 'is before the invoice date 2026-03-10' }] });
    expect(row('31/03/2026', '10,00', '12,00')).toEqual({ ok: false, problems: [{ column: 'Open', value: '12,00', reason: 'is more than the invoice amount' }] });
    expect(row('31/03/2026', '10,00', '-1,00')).toMatchObject({ ok: false, problems: [{ column: 'Open', reason: 'must not be negative' }] });
    expect(readImportRow(['A-4', 'c1', '10/03/2026', '31/03/2026', '10,00', '5,00', 'XYZ', ''], mapping)).toEqual({
      ok: false,
      problems: [{ column: 'Curr', value: 'XYZ', reason: 'is not an ISO 4217 currency code such as EUR or USD' }],
    });
  });

  it('refuses a row of another width than the header', () => {
    expect(readImportRow(['A-5', 'c1'], mapping)).toEqual({ ok: false, problems: [{ column: '', value: '', reason: 'has 2 cells where the header has 8 columns' }] });
  });
});

describe('formatCsvRow', () => {
  it('neutralises what a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(formatCsvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(formatCsvCell('+1-555')).toBe("'+1-555");
    expect(formatCsvCell('-2+3')).toBe("'-2+3");
    expect(formatCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(formatCsvCell('\tcmd')).toBe("'\tcmd");
    expect(formatCsvCell('-12.50')).toBe('-12.50');
    expect(formatCsvCell(-3)).toBe('-3');
    expect(formatCsvCell('Acme; Ltd')).toBe('"Acme; Ltd"');
    expect(formatCsvRow(['a', null, 'line\nbreak'])).toBe('a,,"line\nbreak"\r\n');
  });
});
