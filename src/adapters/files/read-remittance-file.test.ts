import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readRemittanceAdvice } from '../../core/cash/remittance/read-remittance-advice.ts';
import type { RemittanceAdvice, RemittanceDocument } from '../../core/cash/remittance/remittance-advice.ts';
import { renderTestRemittancePdf, type TestAdviceColumn } from '../pdf/testing/render-test-remittance-pdf.ts';
import { readRemittanceFile } from './read-remittance-file.ts';

// Remittance files as payers send them, read into an advice: PDFs made with pdfkit (several
// pages, a total carried forward, decimal commas, a typo'd invoice number, a total that does not
// add up) through pdf.js, and CSV exports with a byte-order mark, semicolons, quoted newlines,
// Windows-1252 text; and what is refused, with the reason.

const bytes = (text: string, encoding: BufferEncoding = 'utf8') => new Uint8Array(Buffer.from(text, encoding));

async function documentOf(name: string, content: Uint8Array): Promise<RemittanceDocument> {
  const read = await readRemittanceFile({ name, content });
  if (!read.ok) throw new Error(`not read: ${read.reason}`);
  return read.document;
}

function adviceOf(document: RemittanceDocument, options: { currency?: string; decimalComma?: boolean } = {}): RemittanceAdvice {
  const read = readRemittanceAdvice({ document, currency: options.currency ?? 'EUR', decimalComma: options.decimalComma ?? false });
  if (!read.ok) throw new Error(`no advice: ${JSON.stringify(read.failure)}`);
  return read.advice;
}

const germanColumns: TestAdviceColumn[] = [
  { heading: 'Rechnungsnummer', x: 48, width: 110 },
  { heading: 'Belegdatum', x: 165, width: 70 },
  { heading: 'Bruttobetrag', x: 240, width: 80, align: 'right' },
  { heading: 'Skonto', x: 325, width: 60, align: 'right' },
  { heading: 'Zahlbetrag', x: 390, width: 80, align: 'right' },
  { heading: 'Bemerkung', x: 480, width: 80 },
];

describe('readRemittanceFile: PDF advices', () => {
  it('reads a German advice over three pages: every line once, its columns, the carried totals passed over, the total', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => {
      const gross = 100_00 * (index + 1);
      const discount = index % 5 === 0 ? 2 * (index + 1) * 100 : 0;
      return { reference: `RE-2026-${String(1001 + index)}`, gross, discount, paid: gross - discount };
    });
    const euro = (minor: number) => `${Math.floor(minor / 100).toLocaleString('de-DE')},${String(minor % 100).padStart(2, '0')}`;
    const total = rows.reduce((sum, row) => sum + row.paid, 0);
    const pdf = await renderTestRemittancePdf({
      title: ['Zahlungsavis 2026-0311', 'Venzor Trading GmbH, Kreditorenbuchhaltung', 'Zahlungsdatum: 12.03.2026'],
      columns: germanColumns,
      rows: rows.map((row) => [row.reference, '01.03.2026', euro(row.gross), row.discount ? euro(row.discount) : '', euro(row.paid), row.discount ? 'Skonto 2 %' : '']),
      rowsPerPage: 10,
      carried: (page) => ['Übertrag', '', '', '', euro(rows.slice(0, page * 10).reduce((sum, row) => sum + row.paid, 0))],
      footer: [['Summe', '', euro(rows.reduce((sum, row) => sum + row.gross, 0)), '', euro(total)]],
      notes: ['Bankverbindung: IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX'],
    });
    const document = await documentOf('avis.pdf', pdf);
    expect(document).toMatchObject({ kind: 'text', source: 'pdf' });
    expect(document.kind === 'text' && document.pages).toHaveLength(3);
    const advice = adviceOf(document);
    expect(advice.lines.map((line) => [line.reference, line.paidMinor, line.invoiceAmountMinor, line.discountMinor])).toEqual(rows.map((row) => [row.reference, row.paid, row.gross, row.discount]));
    expect(advice.lines.filter((line) => line.reason !== null).map((line) => line.reason)).toEqual(Array(5).fill('Skonto 2 %'));
    expect(advice.lines.map((line) => line.at.page)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(5).fill(3)]);
    expect(advice.statedTotal?.amountMinor).toBe(total);
    expect(advice.decimalSeparator).toBe(',');
  });

  it('reads an English advice whose total does not add up and whose numbers have a typo, as printed', async () => {
    const pdf = await renderTestRemittancePdf({
      title: ['REMITTANCE ADVICE', 'Globex Ltd — Accounts Payable'],
      columns: [
        { heading: 'Invoice #', x: 48, width: 100 },
        { heading: 'PO Number', x: 150, width: 80 },
        { heading: 'Invoice Amount', x: 240, width: 90, align: 'right' },
        { heading: 'Amount Paid', x: 350, width: 90, align: 'right' },
      ],
      rows: [
        ['INV-0104219', 'PO-88123', '500.00', '500.00'],
        ['INV-01O4230', 'PO-88124', '1,250.00', '1,250.00'],
        ['INV-0104241', '', '99.00', '90.00'],
      ],
      footer: [['Total payment', '', '', '1,850.00']],
    });
    const advice = adviceOf(await documentOf('remittance.pdf', pdf));
    expect(advice.lines.map((line) => [line.reference, line.paidMinor, line.invoiceAmountMinor])).toEqual([
      ['INV-0104219', 500_00, 500_00],
      ['INV-01O4230', 1_250_00, 1_250_00],
      ['INV-0104241', 90_00, 99_00],
    ]);
    expect(advice.statedTotal?.amountMinor).toBe(1_850_00);
  });

  it('reads an advice printed as lines of text, with no table headings', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { CreationDate: new Date(Date.UTC(2026, 2, 12)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.fontSize(10).text('Avis de paiement du 12/03/2026', 48, 48);
    doc.text('Facture FA-2026-0042', 48, 80).text('1 234,56 €', 300, 80, { width: 80, align: 'right' });
    doc.text('Facture FA-2026-0043', 48, 94).text('765,44 €', 300, 94, { width: 80, align: 'right' });
    doc.text('Total du règlement', 48, 120).text('2 000,00 €', 300, 120, { width: 80, align: 'right' });
    doc.end();
    await done;
    const advice = adviceOf(await documentOf('avis.pdf', new Uint8Array(Buffer.concat(chunks))));
    expect(advice.lines.map((line) => [line.reference, line.paidMinor, line.currency])).toEqual([
      ['FA-2026-0042', 1_234_56, 'EUR'],
      ['FA-2026-0043', 765_44, 'EUR'],
    ]);
    expect(advice.statedTotal?.amountMinor).toBe(2_000_00);
  });

  it('refuses a file that is not a PDF inside, and says a PDF without text may be a scan', async () => {
    expect(await readRemittanceFile({ name: 'advice.pdf', content: bytes('%PDF-1.7\nthis is not really a pdf') })).toMatchObject({ ok: false });
    expect(await readRemittanceFile({ name: 'advice.pdf', content: bytes('hello') })).toEqual({ ok: false, reason: 'is named .pdf but is not a PDF file', line: null });
    const blank = await renderTestRemittancePdf({ title: [], columns: [], rows: [] });
    const document = await documentOf('blank.pdf', blank);
    const read = readRemittanceAdvice({ document: { ...document, ...(document.kind === 'text' ? { pages: document.pages.map((page) => page.filter((line) => !line.startsWith('Page'))) } : {}) }, currency: 'EUR', decimalComma: false });
    expect(read.ok || read.failure.reason).toContain('scanned');
  });
});

describe('readRemittanceFile: CSV and text files', () => {
  it('reads a CSV export with a byte-order mark, semicolons, a quoted newline in a reason and decimal commas', async () => {
    const csv = '\ufeffBelegnummer;Rechnungsnummer;Bruttobetrag;Abzug;Zahlbetrag;Abzugsgrund\r\n' + '5100001;RE-1042;1.200,00;;1.200,00;\r\n' + '5100002;RE-1043;500,00;50,00;450,00;"Ware beschädigt,\r\nsiehe Reklamation 77"\r\n' + '5100003;RE-1044;80,00;;80,00;\r\n';
    const document = await documentOf('zahlungsavis.csv', bytes(csv));
    expect(document).toMatchObject({ kind: 'csv', headings: ['Belegnummer', 'Rechnungsnummer', 'Bruttobetrag', 'Abzug', 'Zahlbetrag', 'Abzugsgrund'] });
    const advice = adviceOf(document);
    expect(advice.lines.map((line) => [line.at.line, line.reference, line.paidMinor, line.deductionMinor, line.reason])).toEqual([
      [2, 'RE-1042', 1_200_00, 0, null],
      [3, 'RE-1043', 450_00, 50_00, 'Ware beschädigt,\nsiehe Reklamation 77'],
      [5, 'RE-1044', 80_00, 0, null],
    ]);
  });

  it('reads Windows-1252 and UTF-16 exports', async () => {
    const latin = Buffer.from('N° facture;Montant réglé;Devise\nFA-1;1 234,50;EUR\n', 'latin1');
    const advice = adviceOf(await documentOf('avis.csv', new Uint8Array(latin)));
    expect(advice.columns).toEqual({ reference: 'N° facture', paid: 'Montant réglé', currency: 'Devise' });
    expect(advice.lines[0]).toMatchObject({ reference: 'FA-1', paidMinor: 1_234_50, currency: 'EUR' });
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Invoice\tAmount Paid\nINV-7\t12.50\n', 'utf16le')]));
    expect(adviceOf(await documentOf('advice.txt', utf16)).lines[0]).toMatchObject({ reference: 'INV-7', paidMinor: 12_50 });
  });

  it('reads a plain text advice page by page', async () => {
    const document = await documentOf('advice.txt', bytes('Remittance advice\nINV-1042   500.00\n\fINV-1043   250.00\nTotal   750.00\n'));
    expect(document).toEqual({ kind: 'text', source: 'text', pages: [['Remittance advice', 'INV-1042   500.00', ''], ['INV-1043   250.00', 'Total   750.00', '']] });
    expect(adviceOf(document).lines.map((line) => [line.at, line.paidMinor])).toEqual([
      [{ page: 1, line: 2 }, 500_00],
      [{ page: 2, line: 1 }, 250_00],
    ]);
  });

  it('refuses spreadsheets and images with what to send instead, and names the line of an unclosed quote', async () => {
    expect(await readRemittanceFile({ name: 'advice.xlsx', content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) })).toMatchObject({ ok: false, reason: expect.stringContaining('save the advice as CSV') });
    expect(await readRemittanceFile({ name: 'scan.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) })).toMatchObject({ ok: false, reason: expect.stringContaining('not scans') });
    expect(await readRemittanceFile({ name: 'advice.csv', content: bytes('Invoice;Amount Paid\nINV-1;10,00\n"INV-2;20,00\n') })).toMatchObject({ ok: false, line: 3 });
  });
});
