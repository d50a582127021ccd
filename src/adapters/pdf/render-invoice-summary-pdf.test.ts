import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money/money.ts';
import { renderInvoiceSummaryPdf } from './render-invoice-summary-pdf.ts';
import { exampleInvoiceSummary } from './testing/example-statement.ts';
import { countPdfPages, extractPdfText, readPdfLinks, skipPopplerTests, squeezeSpaces } from './testing/poppler.ts';

const money = (minor: number, currency: string, locale: string) => formatMoney(minor, currency, locale).replace(/[\u00a0\u202f]/g, ' ');

describe('renderInvoiceSummaryPdf', () => {
  it('is a PDF, the same bytes for the same summary', async () => {
    const summary = exampleInvoiceSummary();
    const [first, second] = await Promise.all([renderInvoiceSummaryPdf(summary), renderInvoiceSummaryPdf(summary)]);
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });
});

describe.skipIf(skipPopplerTests)('renderInvoiceSummaryPdf: read back with poppler', () => {
  it('shows the invoice, what was paid, what is left, how late it is, and links the pay page', async () => {
    const summary = exampleInvoiceSummary();
    const pdf = await renderInvoiceSummaryPdf(summary);
    expect(countPdfPages(pdf)).toBe(1);
    const content = squeezeSpaces(extractPdfText(pdf));
    const { invoice } = summary;
    expect(summary).toMatchObject({ status: 'overdue', daysOverdue: 35 });
    expect(content).toContain(`Invoice ${invoice.number}`);
    expect(content).toContain('Due 08.02.2026');
    expect(content).toContain('Days overdue 35');
    expect(content).toContain('Status Overdue');
    expect(content).toContain(`Invoice amount ${money(invoice.amountMinor, invoice.currency, 'de-DE')}`);
    expect(content).toContain(`Paid to date ${money(summary.paidMinor, invoice.currency, 'de-DE')}`);
    expect(content).toContain(`Balance due ${money(invoice.balanceMinor, invoice.currency, 'de-DE')}`);
    expect(readPdfLinks(pdf).map((link) => link.url)).toEqual(['https://pay.northwind.example/i/INV-2026-1005', 'https://pay.northwind.example/i/INV-2026-1005']);
  });

  it('has no pay button once the invoice is paid', async () => {
    const pdf = await renderInvoiceSummaryPdf(exampleInvoiceSummary({ balanceMinor: 0 }));
    const content = squeezeSpaces(extractPdfText(pdf));
    expect(content).toContain('Status Paid');
    expect(content).not.toContain('Pay online');
    expect(readPdfLinks(pdf)).toEqual([]);
  });

  it('formats a yen invoice for a Japanese customer', async () => {
    const pdf = await renderInvoiceSummaryPdf(exampleInvoiceSummary({ currency: 'JPY', locale: 'ja-JP' }));
    const content = squeezeSpaces(extractPdfText(pdf));
    expect(content).toContain('Due 2026/02/08');
    expect(content).toContain('Invoice amount ¥136,655');
  });
});
