import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from '../time/calendar-day.ts';
import { buildStatement, type BuildStatementInput } from './build-statement.ts';
import type { StatementInvoice } from './statement.ts';

const day = (text: string) => parseCalendarDay(text)!;
const at = (iso: string) => Date.parse(iso);

const company = { name: 'Plixo Demo GmbH', color: '#0b5fff' };
const customer = { id: 'C-1', name: 'Acme Corp' };

function invoice(overrides: Partial<StatementInvoice> & { number: string }): StatementInvoice {
  return {
    id: overrides.number,
    issuedOn: day('2026-01-01'),
    dueOn: day('2026-02-01'),
    amountMinor: 10_000,
    balanceMinor: 10_000,
    currency: 'USD',
    ...overrides,
  };
}

function build(overrides: Partial<BuildStatementInput>) {
  return buildStatement({ customer, invoices: [], asOf: at('2026-06-15T12:00:00Z'), timeZone: 'UTC', locale: 'en-US', company, ...overrides });
}

describe('buildStatement: days overdue and aging buckets', () => {
  // asOf is 2026-06-15 in UTC; each invoice falls due `days` days before it.
  it.each([
    ['due in 5 days', -5, 0, 'current'],
    ['due today', 0, 0, 'current'],
    ['1 day past due', 1, 1, '1-30'],
    ['30 days past due', 30, 30, '1-30'],
    ['31 days past due', 31, 31, '31-60'],
    ['60 days past due', 60, 60, '31-60'],
    ['61 days past due', 61, 61, '61-90'],
    ['90 days past due', 90, 90, '61-90'],
    ['91 days past due', 91, 91, '91+'],
    ['400 days past due', 400, 400, '91+'],
  ] as const)('%s', (_name, days, daysOverdue, bucket) => {
    const statement = build({ invoices: [invoice({ number: 'INV-1', dueOn: day('2026-06-15') - days })] });
    expect(statement.lines).toMatchObject([{ number: 'INV-1', daysOverdue, bucket }]);
    expect(statement.balances[0]!.buckets[bucket]).toBe(10_000);
  });
});

describe('buildStatement: open invoices', () => {
  it('leaves out paid invoices and credits and sorts by due date, then issue date, then number', () => {
    const statement = build({
      invoices: [
        invoice({ number: 'INV-4', dueOn: day('2026-05-01') }),
        invoice({ number: 'INV-3', dueOn: day('2026-04-01'), issuedOn: day('2026-03-02') }),
        invoice({ number: 'INV-2', dueOn: day('2026-04-01'), issuedOn: day('2026-03-01') }),
        invoice({ number: 'INV-10', dueOn: day('2026-04-01'), issuedOn: day('2026-03-01') }),
        invoice({ number: 'PAID', balanceMinor: 0 }),
        invoice({ number: 'CREDIT', balanceMinor: -500 }),
      ],
    });
    expect(statement.lines.map((line) => line.number)).toEqual(['INV-10', 'INV-2', 'INV-3', 'INV-4']);
  });

  it('is empty, with no balances, when nothing is open', () => {
    const statement = build({ invoices: [invoice({ number: 'PAID', balanceMinor: 0 })] });
    expect(statement.lines).toEqual([]);
    expect(statement.balances).toEqual([]);
  });

  it('carries the document data through, with missing links as null', () => {
    const statement = build({ payLink: 'https://pay.example/c-1' });
    expect(statement).toMatchObject({ customer, company, payLink: 'https://pay.example/c-1', statementLink: null, locale: 'en-US', timeZone: 'UTC' });
  });
});

describe('buildStatement: totals per currency', () => {
  it('never adds amounts of different currencies; each bucket and total is per currency', () => {
    const asOfDay = day('2026-06-15');
    const statement = build({
      invoices: [
        invoice({ number: 'U1', currency: 'USD', balanceMinor: 120_050, dueOn: asOfDay + 3 }),
        invoice({ number: 'U2', currency: 'USD', balanceMinor: 5_000, dueOn: asOfDay - 45 }),
        invoice({ number: 'E1', currency: 'EUR', balanceMinor: 99_999, dueOn: asOfDay - 100 }),
        invoice({ number: 'J1', currency: 'JPY', balanceMinor: 150_000, dueOn: asOfDay - 70 }),
        invoice({ number: 'J2', currency: 'JPY', balanceMinor: 1, dueOn: asOfDay - 10 }),
        invoice({ number: 'K1', currency: 'KWD', balanceMinor: 1_234_567, dueOn: asOfDay }),
      ],
    });
    expect(statement.balances).toEqual([
      { currency: 'EUR', totalMinor: 99_999, invoiceCount: 1, buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91+': 99_999 } },
      { currency: 'JPY', totalMinor: 150_001, invoiceCount: 2, buckets: { current: 0, '1-30': 1, '31-60': 0, '61-90': 150_000, '91+': 0 } },
      { currency: 'KWD', totalMinor: 1_234_567, invoiceCount: 1, buckets: { current: 1_234_567, '1-30': 0, '31-60': 0, '61-90': 0, '91+': 0 } },
      { currency: 'USD', totalMinor: 125_050, invoiceCount: 2, buckets: { current: 120_050, '1-30': 0, '31-60': 5_000, '61-90': 0, '91+': 0 } },
    ]);
  });

  it('totals the balance, not the original amount', () => {
    const statement = build({ invoices: [invoice({ number: 'P', amountMinor: 10_000, balanceMinor: 2_500 })] });
    expect(statement.balances[0]!.totalMinor).toBe(2_500);
  });
});

describe("buildStatement: the customer's local date", () => {
  // 2026-03-01T12:00Z is 2026-03-02 01:45 in Chatham (UTC+13:45) and 2026-03-01 04:00 in Los Angeles (UTC-8).
  const asOf = at('2026-03-01T12:00:00Z');
  const invoices = [invoice({ number: 'DUE-MAR-1', dueOn: day('2026-03-01') }), invoice({ number: 'DUE-JAN-30', dueOn: day('2026-01-30') })];

  it.each([
    ['Pacific/Chatham', '2026-03-02', [1, 31], ['1-30', '31-60']],
    ['America/Los_Angeles', '2026-03-01', [0, 30], ['current', '1-30']],
  ] as const)('%s', (timeZone, statementDate, days, buckets) => {
    const statement = build({ asOf, timeZone, invoices });
    expect(statement.statementOn).toBe(day(statementDate));
    const byNumber = new Map(statement.lines.map((line) => [line.number, line]));
    expect([byNumber.get('DUE-MAR-1')!.daysOverdue, byNumber.get('DUE-JAN-30')!.daysOverdue]).toEqual(days);
    expect([byNumber.get('DUE-MAR-1')!.bucket, byNumber.get('DUE-JAN-30')!.bucket]).toEqual(buckets);
  });

  // Los Angeles springs forward at 02:00 on 2026-03-08 (PST → PDT).
  it.each([
    ['last minute of Mar 7 (PST)', '2026-03-08T07:59:00Z', '2026-03-07', 0],
    ['first minute of Mar 8 (PST)', '2026-03-08T08:00:00Z', '2026-03-08', 1],
    ['last minute of Mar 8 (PDT)', '2026-03-09T06:59:00Z', '2026-03-08', 1],
    ['first minute of Mar 9 (PDT)', '2026-03-09T07:00:00Z', '2026-03-09', 2],
  ] as const)('across the Los Angeles DST change: %s', (_name, instant, statementDate, daysOverdue) => {
    const statement = build({ asOf: at(instant), timeZone: 'America/Los_Angeles', invoices: [invoice({ number: 'X', dueOn: day('2026-03-07') })] });
    expect(statement.statementOn).toBe(day(statementDate));
    expect(statement.lines[0]!.daysOverdue).toBe(daysOverdue);
  });
});
