import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money/money.ts';
import { renderStatementPdf } from './render-statement-pdf.ts';
import { exampleCustomer, exampleStatement } from './testing/example-statement.ts';
import { countPdfPages, extractPdfText, readPdfInfo, readPdfLinks, skipPopplerTests, squeezeSpaces } from './testing/poppler.ts';

const text = (pdf: Buffer, page?: number) => squeezeSpaces(extractPdfText(pdf, page));
const money = (minor: number, currency: string, locale = 'de-DE') => formatMoney(minor, currency, locale).replace(/[\u00a0\u202f]/g, ' ');

describe('renderStatementPdf: the file', () => {
  it('is a PDF', async () => {
    const pdf = await renderStatementPdf(exampleStatement());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('gives the same bytes for the same statement, and other bytes at another instant', async () => {
    const statement = exampleStatement({ invoiceCount: 30 });
    const [first, second] = await Promise.all([renderStatementPdf(statement), renderStatementPdf(statement)]);
    expect(first.equals(second)).toBe(true);
    const later = await renderStatementPdf({ ...statement, asOf: statement.asOf + 1_000 });
    expect(later.equals(first)).toBe(false);
  });
});

describe.skipIf(skipPopplerTests)('renderStatementPdf: read back with poppler', () => {
  it('puts 3 invoices on one page with their numbers, balances and the totals per currency', async () => {
    const statement = exampleStatement({ invoiceCount: 3 });
    const pdf = await renderStatementPdf(statement);
    expect(countPdfPages(pdf)).toBe(1);
    const content = text(pdf);
    for (const line of statement.lines) {
      expect(content).toContain(line.number);
      expect(content).toContain(money(line.balanceMinor, line.currency));
    }
    expect(statement.balances.map((balance) => balance.currency)).toEqual(['EUR', 'USD']);
    for (const balance of statement.balances) expect(content).toContain(`Total due (${balance.currency}) ${money(balance.totalMinor, balance.currency)}`);
    expect(content).toContain(exampleCustomer.name);
    expect(content).toContain('Statement date 15.03.2026');
    expect(content).toContain('Page 1 of 1');
  });

  it('breaks 120 invoices over 4 pages, repeating the table header, and lists each invoice once', async () => {
    const statement = exampleStatement({ invoiceCount: 120 });
    const pdf = await renderStatementPdf(statement);
    expect(countPdfPages(pdf)).toBe(4);
    const content = text(pdf);
    for (const line of statement.lines) expect(content.split(line.number).length - 1).toBe(1);
    for (let page = 1; page <= 4; page += 1) {
      const pageText = text(pdf, page);
      expect(pageText).toMatch(/Invoice Issued Due Days overdue Amount Balance/);
      expect(pageText).toContain(`Page ${page} of 4`);
    }
    expect(text(pdf, 2)).toContain(`${exampleCustomer.name} · Statement 15.03.2026`);
    const lastPage = text(pdf, 4);
    for (const balance of statement.balances) expect(lastPage).toContain(`Total due (${balance.currency}) ${money(balance.totalMinor, balance.currency)}`);
  });

  it('shows the aging per currency', async () => {
    const statement = exampleStatement({ invoiceCount: 12 });
    const content = text(await renderStatementPdf(statement));
    expect(content).toContain('Current 1–30 days 31–60 days 61–90 days 91+ days Total');
    for (const balance of statement.balances) {
      const amounts = [...Object.values(balance.buckets), balance.totalMinor].map((minor) => money(minor, balance.currency));
      expect(content).toContain(`${balance.currency} ${amounts.join(' ')}`);
    }
  });

  it('makes the pay link a link annotation, and the statement link one on every page', async () => {
    const pdf = await renderStatementPdf(exampleStatement({ invoiceCount: 120 }));
    const links = readPdfLinks(pdf);
    expect(links.filter((link) => link.url === 'https://pay.northwind.example/c/CUST-0042').map((link) => link.page)).toEqual([1, 1]);
    expect(links.filter((link) => link.url === 'https://portal.northwind.example/statements/CUST-0042').map((link) => link.page)).toEqual([1, 2, 3, 4]);
  });

  it('never makes a script link clickable, and leaves out the pay button', async () => {
    const pdf = await renderStatementPdf(exampleStatement({ payLink: 'javascript:alert(1)' }));
    expect(readPdfLinks(pdf).map((link) => link.url)).toEqual(['https://portal.northwind.example/statements/CUST-0042']);
    expect(text(pdf)).not.toContain('Pay online');
  });

  it('dates the document with asOf, not the clock', async () => {
    const info = readPdfInfo(await renderStatementPdf(exampleStatement()));
    expect(info.get('CreationDate')).toBe('2026-03-15T09:00:00Z');
    expect(info.get('ModDate')).toBe('2026-03-15T09:00:00Z');
    expect(info.get('Title')).toBe(`Statement – ${exampleCustomer.name}`);
  });

  it('is A4 by default and Letter on request', async () => {
    expect(readPdfInfo(await renderStatementPdf(exampleStatement())).get('Page size')).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(readPdfInfo(await renderStatementPdf(exampleStatement(), { pageSize: 'LETTER' })).get('Page size')).toMatch(/^612 x 792 pts \(letter\)/);
  });

  it('says so when nothing is open', async () => {
    const pdf = await renderStatementPdf(exampleStatement({ invoiceCount: 0 }));
    expect(text(pdf)).toContain('Your account has no open invoices. Thank you!');
  });

  it('uses the labels it is given', async () => {
    const pdf = await renderStatementPdf(exampleStatement(), { labels: { statementTitle: 'Kontoauszug', balance: 'Offen', page: (page, pages) => `Seite ${page} von ${pages}` } });
    const content = text(pdf);
    expect(content).toContain('KONTOAUSZUG');
    expect(content).toContain('Offen');
    expect(content).toContain('Seite 1 von 1');
  });

  it.each([
    ['en-US', 'USD', '$1,200.50'],
    ['fr-FR', 'EUR', '1 200,50 €'],
    ['ja-JP', 'JPY', '¥120,050'],
    ['en-IN', 'INR', 'INR 1,200.50'],
    ['ar-EG', 'USD', '1,200.50 US$'],
    ['en-US', 'KWD', 'KWD 120.050'],
  ])('formats %s amounts in %s for the standard font', async (locale, currency, expected) => {
    const statement = exampleStatement({ invoiceCount: 0, locale });
    const withOne = { ...statement, balances: [{ currency, totalMinor: 120_050, invoiceCount: 1, buckets: { current: 120_050, '1-30': 0, '31-60': 0, '61-90': 0, '91+': 0 } }] };
    expect(text(await renderStatementPdf(withOne))).toContain(expected);
  });

  it("renders a name in a script Helvetica lacks as '?' without failing", async () => {
    const customer = { id: 'C-JP', name: '株式会社サンプル Sample KK', address: ['شركة المثال', 'Ωμέγα 1'] };
    const pdf = await renderStatementPdf(exampleStatement({ customer, locale: 'ja-JP' }));
    const content = text(pdf);
    expect(content).toContain('???????? Sample KK');
    expect(content).toContain('???? ??????');
    expect(content).toContain('????? 1');
  });

  const dejaVu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(dejaVu))('shows any script its embedded fonts cover', async () => {
    const customer = { id: 'C-GR', name: 'Ωμέγα Εμπορική Α.Ε.', address: ['ООО «Ромашка»'] };
    const fonts = { regular: dejaVu, bold: dejaVu.replace('.ttf', '-Bold.ttf') };
    const content = text(await renderStatementPdf(exampleStatement({ customer, locale: 'en-IN' }), { fonts }));
    expect(content).toContain('Ωμέγα Εμπορική Α.Ε.');
    expect(content).toContain('ООО «Ромашка»');
  });
});
