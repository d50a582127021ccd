import { describe, expect, it } from 'vitest';
import { readRemittanceText } from './read-remittance-text.ts';
import type { AdviceLine } from './remittance-advice.ts';

// Remittance advices as layout text (what a PDF advice's text looks like, its columns apart by
// two spaces or more): headings that say which amount is paid, pages that repeat them, totals
// carried forward, the advice's total, decimal commas, credit notes, and lines with no headings.

const read = (pages: string[][], options: { currency?: string; decimalComma?: boolean } = {}) => readRemittanceText({ pages, currency: options.currency ?? 'EUR', decimalComma: options.decimalComma ?? false });
const advice = (pages: string[][], options?: Parameters<typeof read>[1]) => {
  const result = read(pages, options);
  if (!result.ok) throw new Error(`not read: ${JSON.stringify(result.failure)}`);
  return result.advice;
};
const brief = (lines: readonly AdviceLine[]) => lines.map((line) => [line.reference, line.paidMinor, line.invoiceAmountMinor, line.discountMinor, line.deductionMinor]);

describe('readRemittanceText: under headings', () => {
  it('reads each amount from its column across pages, passes over repeated headings and carried totals, and finds the total', () => {
    const read = advice([
      [
        'ACME Logistics GmbH · Accounts Payable',
        'Payment advice 2026-0311                        Date: 12.03.2026',
        '',
        'Invoice No          Invoice date      Gross amount     Discount     Amount paid',
        'INV-0104217         01.03.2026            1.000,00        20,00          980,00',
        'INV-0104218         02.03.2026              500,00                       500,00',
        'Carried forward                                                        1.480,00',
        'Page 1 of 2',
      ],
      [
        'Invoice No          Invoice date      Gross amount     Discount     Amount paid',
        'Brought forward                                                        1.480,00',
        'INV-0104222         03.03.2026              300,00         6,00          294,00',
        'Total                                     1.800,00        26,00        1.774,00',
        'IBAN DE89 3704 0044 0532 0130 00',
      ],
    ]);
    expect(brief(read.lines)).toEqual([
      ['INV-0104217', 98_000, 100_000, 2_000, 0],
      ['INV-0104218', 50_000, 50_000, 0, 0],
      ['INV-0104222', 29_400, 30_000, 600, 0],
    ]);
    expect(read.lines.map((line) => line.at)).toEqual([
      { page: 1, line: 5 },
      { page: 1, line: 6 },
      { page: 2, line: 3 },
    ]);
    expect(read).toMatchObject({ format: 'text', decimalSeparator: ',', statedTotal: { amountMinor: 177_400, at: { page: 2, line: 4 } } });
    expect(read.columns).toMatchObject({ reference: 'Invoice No', paid: 'Amount paid', invoiceAmount: 'Gross amount', discount: 'Discount' });
  });

  it('reads a stated total that does not match the lines as it stands, for the proposal to compare', () => {
    const read = advice([['Rechnungsnummer   Zahlbetrag', 'RE-1042             100,00', 'RE-1043              50,00', 'Summe              160,00']]);
    expect(read.statedTotal?.amountMinor).toBe(16_000);
    expect(read.lines.map((line) => line.paidMinor)).toEqual([10_000, 5_000]);
  });

  it('reads French amounts grouped by spaces, a reason column, and tells a line under the headings that has no amount', () => {
    const read = advice([
      ['N° facture       Montant TTC      Montant réglé     Motif', 'FA-2026-0042     1 234,56 €       1 200,00 €        avoir remise', 'FA-2026-0043     voir courrier', 'Total réglé                       1 200,00 €'],
    ]);
    expect(brief(read.lines)).toEqual([['FA-2026-0042', 120_000, 123_456, 0, 0]]);
    expect(read.lines[0]).toMatchObject({ reason: 'avoir remise', currency: 'EUR' });
    expect(read.statedTotal?.amountMinor).toBe(120_000);
    expect(read.issues).toMatchObject([{ at: { page: 1, line: 3 }, field: 'N° facture', value: 'FA-2026-0043', outcome: 'skipped' }]);
  });
});

describe('readRemittanceText: without headings', () => {
  it('takes the last amount as paid, and the first as the invoice amount when the ones between are its deductions', () => {
    const read = advice([
      [
        'Remittance advice — payment of 12/03/2026',
        'INV-1042    1,000.00    20.00    980.00    prompt payment',
        'INV-1043    500.00    490.00',
        'Invoice 1044    250.00',
        'INV-1045    300.00    10.00    5.00    285.00',
        'Payment amount:    2,005.00 USD',
      ],
    ]);
    expect(brief(read.lines)).toEqual([
      ['INV-1042', 98_000, 100_000, 2_000, 0],
      ['INV-1043', 49_000, 50_000, 0, 1_000],
      ['1044', 25_000, null, 0, 0],
      ['INV-1045', 28_500, 30_000, 1_000, 500],
    ]);
    expect(read.lines[0]!.reason).toBe('prompt payment');
    expect(read.statedTotal?.amountMinor).toBe(200_500);
    expect(read.decimalSeparator).toBe('.');
  });

  it('reads a credit note as a negative line and passes over dates, percentages and payment numbers', () => {
    const read = advice([
      ['Payment date 12.03.2026   Payment no 4711   Amount 1.460,00', '104217   01.03.2026   2 %   1.500,00', 'Gutschrift GS-88   -40,00', '  7   INV-0104218   0,00'],
    ]);
    expect(read.lines.map((line) => [line.reference, line.paidMinor])).toEqual([
      ['104217', 150_000],
      ['GS-88', -4_000],
      ['INV-0104218', 0],
    ]);
  });

  it('reads a plain text file with single spaces and amounts in the workspace’s decimal comma when they cannot tell', () => {
    const read = advice([['RE 2026-17 1.250', 'RE 2026-18 99,90']], { decimalComma: true });
    expect(read.lines.map((line) => [line.reference, line.paidMinor])).toEqual([['2026-18', 9_990]]);
  });
});

describe('readRemittanceText: texts that hold no advice', () => {
  it('says a text-less PDF may be a scan', () => {
    const result = read([[], ['  ']]);
    expect(result).toMatchObject({ ok: false, failure: { field: 'file' } });
    expect(!result.ok && result.failure.reason).toContain('scanned');
  });

  it('refuses a text with no line naming an invoice and an amount', () => {
    expect(read([['Dear supplier,', 'please find our payment enclosed.', 'Total  1.000,00']])).toMatchObject({ ok: false, failure: { field: 'file', reason: 'has no line with an invoice number and an amount' } });
  });
});
