import { describe, expect, it } from 'vitest';
import { readRemittanceCsv } from './read-remittance-csv.ts';

// Remittance CSVs as payables systems export them: the columns guessed from English, German,
// French and Spanish headings, decimal commas, a title above the headings, totals, credits, and
// lines that cannot be read, each reported with its line, heading, value and reason.

// Cells as the CSV reader gives them (it unquotes "1,000.00"); the header is line 1.
function table(text: string, separator = ';') {
  const cells = (row: string) => row.split(new RegExp(`${separator}(?=(?:[^"]*"[^"]*")*[^"]*$)`)).map((cell) => cell.replace(/^"(.*)"$/, '$1'));
  const [head, ...rest] = text.trim().split('\n');
  return { headings: cells(head!).map((cell) => cell.trim()), rows: rest.map((row, index) => ({ line: index + 2, cells: cells(row) })) };
}

const read = (text: string, options: { separator?: string; currency?: string; decimalComma?: boolean } = {}) =>
  readRemittanceCsv({ ...table(text, options.separator), currency: options.currency ?? 'EUR', decimalComma: options.decimalComma ?? false });

const advice = (text: string, options?: Parameters<typeof read>[1]) => {
  const result = read(text, options);
  if (!result.ok) throw new Error(`not read: ${JSON.stringify(result.failure)}`);
  return result.advice;
};

describe('readRemittanceCsv: columns', () => {
  it.each([
    {
      language: 'English (US amounts, a Remarks column)',
      text: 'Invoice No,Invoice Date,Invoice Amount,Discount Taken,Amount Paid,Remarks\nINV-0104217,2026-03-01,"1,000.00",20.00,980.00,2% 10 net 30\nINV-0104218,2026-03-02,500.00,,500.00,',
      separator: ',',
      columns: { reference: 'Invoice No', paid: 'Amount Paid', invoiceAmount: 'Invoice Amount', discount: 'Discount Taken', reason: 'Remarks' },
    },
    {
      language: 'German (Zahlbetrag, Skonto, Abzugsgrund)',
      text: 'Rechnungsnummer;Belegdatum;Bruttobetrag;Skonto;Zahlbetrag;Abzugsgrund\nINV-0104217;01.03.2026;1.000,00;20,00;980,00;Skonto 2 %\nINV-0104218;02.03.2026;500,00;;500,00;',
      columns: { reference: 'Rechnungsnummer', paid: 'Zahlbetrag', invoiceAmount: 'Bruttobetrag', discount: 'Skonto', reason: 'Abzugsgrund' },
    },
    {
      language: 'French (N° facture, montant réglé, escompte)',
      text: 'N° facture;Date;Montant TTC;Escompte;Montant réglé;Motif\nINV-0104217;01/03/2026;1 000,00;20,00;980,00;escompte 2 %\nINV-0104218;02/03/2026;500,00;;500,00;',
      columns: { reference: 'N° facture', paid: 'Montant réglé', invoiceAmount: 'Montant TTC', discount: 'Escompte', reason: 'Motif' },
    },
    {
      language: 'Spanish (Nº factura, importe pagado, descuento)',
      text: 'Nº factura;Fecha;Importe bruto;Descuento;Importe pagado;Observaciones\nINV-0104217;01/03/2026;1.000,00;20,00;980,00;pronto pago\nINV-0104218;02/03/2026;500,00;;500,00;',
      columns: { reference: 'Nº factura', paid: 'Importe pagado', invoiceAmount: 'Importe bruto', discount: 'Descuento', reason: 'Observaciones' },
    },
  ])('reads an export in $language', ({ text, separator, columns }) => {
    const read = advice(text, { separator: separator ?? ';' });
    expect(read.columns).toEqual(columns);
    expect(read.lines.map(({ number, reference, paidMinor, invoiceAmountMinor, discountMinor, deductionMinor }) => ({ number, reference, paidMinor, invoiceAmountMinor, discountMinor, deductionMinor }))).toEqual([
      { number: 1, reference: 'INV-0104217', paidMinor: 98_000, invoiceAmountMinor: 100_000, discountMinor: 2_000, deductionMinor: 0 },
      { number: 2, reference: 'INV-0104218', paidMinor: 50_000, invoiceAmountMinor: 50_000, discountMinor: 0, deductionMinor: 0 },
    ]);
    expect(read.lines[0]!.reason).not.toBeNull();
    expect(read.lines[1]!.reason).toBeNull();
    expect(read.issues).toEqual([]);
  });

  it('takes the supplier’s invoice number from "Reference", not the payer’s own "Document Number" (SAP advices)', () => {
    const read = advice('Document Number,Reference,Gross Amount,Cash Discount,Net Amount\n5100000123,INV-0104217,500.00,0.00,500.00', { separator: ',' });
    expect(read.columns).toMatchObject({ reference: 'Reference', paid: 'Net Amount', invoiceAmount: 'Gross Amount', discount: 'Cash Discount' });
    expect(read.lines[0]).toMatchObject({ reference: 'INV-0104217', paidMinor: 50_000 });
  });

  it('finds the headings under a title and a blank row, and keeps the file’s line numbers', () => {
    const read = advice('Zahlungsavis ACME GmbH;;\nZahlung vom 12.03.2026;;\nBeleg;Betrag;Währung\nR-1042;1.200,50;EUR\nR-1043;99,50;EUR');
    expect(read.columns).toEqual({ reference: 'Beleg', paid: 'Betrag', currency: 'Währung' });
    expect(read.lines.map((line) => [line.at.line, line.reference, line.paidMinor, line.currency])).toEqual([
      [4, 'R-1042', 120_050, 'EUR'],
      [5, 'R-1043', 9_950, 'EUR'],
    ]);
  });

  it('works out the amount paid from the invoice amount less discount and deduction when the export has no paid column', () => {
    const read = advice('Invoice,Gross,Discount,Deduction,Reason\nINV-1,100.00,2.00,8.00,damaged pallet', { separator: ',' });
    expect(read.lines[0]).toMatchObject({ paidMinor: 9_000, invoiceAmountMinor: 10_000, discountMinor: 200, deductionMinor: 800, reason: 'damaged pallet' });
  });
});

describe('readRemittanceCsv: amounts and totals', () => {
  it('guesses the decimal comma from the amounts, and says when only the locale could tell', () => {
    expect(advice('Invoice;Amount Paid\nINV-1;1.234,50').decimalSeparator).toBe(',');
    const unclear = advice('Invoice,Amount Paid\nINV-1,"1,234"', { separator: ',', decimalComma: false });
    expect(unclear).toMatchObject({ decimalSeparator: '.', decimalSeparatorUncertain: true });
    expect(unclear.lines[0]!.paidMinor).toBe(123_400);
  });

  it('reads the total row as the stated total, not as a line, and passes over a total carried forward', () => {
    const read = advice('Invoice No;Amount Paid\nINV-1;100,00\nCarried forward;100,00\nINV-2;50,00\nTotal;150,00');
    expect(read.lines.map((line) => line.reference)).toEqual(['INV-1', 'INV-2']);
    expect(read.statedTotal).toEqual({ amountMinor: 15_000, at: { line: 5, page: null } });
  });

  it('keeps a credit note as a negative line, with its deduction amounts positive', () => {
    const read = advice('Invoice No;Deduction;Amount Paid\nINV-1;;100,00\nCN-7;;-30,00\nINV-2;-5,00;45,00');
    expect(read.lines.map((line) => [line.reference, line.paidMinor, line.deductionMinor])).toEqual([
      ['INV-1', 10_000, 0],
      ['CN-7', -3_000, 0],
      ['INV-2', 4_500, 500],
    ]);
  });

  it('reports each line it cannot read with its line, heading, value and reason, and reads the others', () => {
    const read = advice('Invoice No;Amount Paid;Curr\nINV-1;1O,00;EUR\n;50,00;EUR\nINV-3;;EUR\nINV-4;10,00;EURO\nINV-5;20,00;USD');
    expect(read.lines.map((line) => [line.reference, line.paidMinor, line.currency])).toEqual([
      ['INV-4', 1_000, null],
      ['INV-5', 2_000, 'USD'],
    ]);
    expect(read.issues.map(({ at, field, value, outcome }) => ({ line: at.line, field, value, outcome }))).toEqual([
      { line: 2, field: 'Amount Paid', value: '1O,00', outcome: 'skipped' },
      { line: 3, field: 'Invoice No', value: '', outcome: 'skipped' },
      { line: 4, field: 'Amount Paid', value: '', outcome: 'skipped' },
      { line: 5, field: 'Curr', value: 'EURO', outcome: 'warning' },
    ]);
    expect(read.issues[0]!.reason).toContain('decimal separator');
  });

  it('warns when the invoice amount less the discount is not what the line pays', () => {
    const read = advice('Invoice,Invoice Amount,Discount,Amount Paid\nINV-1,100.00,2.00,90.00', { separator: ',' });
    expect(read.lines[0]).toMatchObject({ paidMinor: 9_000, invoiceAmountMinor: 10_000, discountMinor: 200 });
    expect(read.issues).toMatchObject([{ at: { line: 2 }, field: 'Amount Paid', value: '90.00', outcome: 'warning' }]);
    expect(read.issues[0]!.reason).toContain('92.00');
  });
});

describe('readRemittanceCsv: files that hold no advice', () => {
  it('names the headings when no column holds the invoice', () => {
    const result = read('Customer;Amount\nAcme;100,00');
    expect(result).toMatchObject({ ok: false, failure: { field: 'reference', line: 1 } });
    expect(!result.ok && result.failure.reason).toContain('"Customer", "Amount"');
  });

  it('says so when no column holds an amount', () => {
    expect(read('Invoice No;Date\nINV-1;2026-03-01')).toMatchObject({ ok: false, failure: { field: 'paid', line: 1 } });
  });

  it('refuses a file none of whose lines names an invoice and an amount', () => {
    expect(read('Invoice No;Amount Paid\n;\nTotal;0,00')).toMatchObject({ ok: false, failure: { field: 'Invoice No' } });
  });
});
