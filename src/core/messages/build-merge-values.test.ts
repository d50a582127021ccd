import { describe, expect, it } from 'vitest';
import { knownMergeTags } from '../policy/scan-merge-tags.ts';
import { buildMergeValues } from './build-merge-values.ts';
import type { MergeLookup } from './merge-value.ts';
import { buildConsolidatedInvoices, buildMessageContext, buildMessageInvoice, day } from './testing/build-message-context.ts';

const nbsp = '\u00a0';
const nnbsp = '\u202f';
const rlm = '\u200f';

function valueText(lookup: MergeLookup): string {
  if (!lookup.ok) throw new Error(`no value: ${JSON.stringify(lookup)}`);
  return lookup.value.kind === 'url' ? lookup.value.url : lookup.value.text;
}

// The three-invoice context (EUR 1,200.50 lead, USD 300.00, EUR 50.00), sent 2024-04-08 09:00 in
// Berlin: the lead was due 2024-03-31, issued 2024-03-01, with a promise of 500.00 for 2024-04-20.
const byLocale: Record<string, Record<string, string>> = {
  'en-US': {
    invoice_amount: '€1,500.00',
    invoice_balance: '€1,200.50',
    due_date: 'Mar 31, 2024',
    issued_on: 'Mar 1, 2024',
    days_overdue: '8',
    promise_date: 'Apr 20, 2024',
    promise_amount: '€500.00',
    total_balance: '€1,250.50 and $300.00',
  },
  'de-DE': {
    invoice_amount: `1.500,00${nbsp}€`,
    invoice_balance: `1.200,50${nbsp}€`,
    due_date: '31.03.2024',
    issued_on: '01.03.2024',
    days_overdue: '8',
    promise_date: '20.04.2024',
    promise_amount: `500,00${nbsp}€`,
    total_balance: `1.250,50${nbsp}€ und 300,00${nbsp}$`,
  },
  'fr-FR': {
    invoice_amount: `1${nnbsp}500,00${nbsp}€`,
    invoice_balance: `1${nnbsp}200,50${nbsp}€`,
    due_date: '31 mars 2024',
    issued_on: '1 mars 2024',
    days_overdue: '8',
    promise_date: '20 avr. 2024',
    promise_amount: `500,00${nbsp}€`,
    total_balance: `1${nnbsp}250,50${nbsp}€ et 300,00${nbsp}$US`,
  },
  'ja-JP': {
    invoice_amount: '€1,500.00',
    invoice_balance: '€1,200.50',
    due_date: '2024/03/31',
    issued_on: '2024/03/01',
    days_overdue: '8',
    promise_date: '2024/04/20',
    promise_amount: '€500.00',
    total_balance: '€1,250.50、$300.00',
  },
  'ar-EG': {
    invoice_amount: `${rlm}١٬٥٠٠٫٠٠${nbsp}€`,
    invoice_balance: `${rlm}١٬٢٠٠٫٥٠${nbsp}€`,
    due_date: `٣١${rlm}/٠٣${rlm}/٢٠٢٤`,
    issued_on: `٠١${rlm}/٠٣${rlm}/٢٠٢٤`,
    days_overdue: '٨',
    promise_date: `٢٠${rlm}/٠٤${rlm}/٢٠٢٤`,
    promise_amount: `${rlm}٥٠٠٫٠٠${nbsp}€`,
    total_balance: `${rlm}١٬٢٥٠٫٥٠${nbsp}€ و${rlm}٣٠٠٫٠٠${nbsp}US$`,
  },
};

// Tags whose value does not depend on the locale: the same text in every one.
const sameEverywhere: Record<string, string> = {
  customer_name: 'Globex GmbH',
  contact_name: 'Ana',
  company_name: 'Acme Inc.',
  invoice_number: 'INV-1',
  pay_link: 'https://pay.acme.example/i/INV-1',
  statement_link: 'https://pay.acme.example/s/c1',
  sender_name: 'Acme Accounts Receivable',
  sender_signature: 'Jana Novak\nAccounts Receivable',
};

const locales = Object.keys(byLocale);

describe('buildMergeValues: every tag in en-US, de-DE, fr-FR, ja-JP and ar-EG', () => {
  const cases = locales.flatMap((locale) => [
    ...Object.entries(byLocale[locale]!).map(([tag, expected]) => [locale, tag, expected] as const),
    ...Object.entries(sameEverywhere).map(([tag, expected]) => [locale, tag, expected] as const),
  ]);

  it.each(cases)('%s {%s} reads %j', (locale, tag, expected) => {
    const values = buildMergeValues(buildMessageContext({ locale, invoices: buildConsolidatedInvoices() }));
    expect(valueText(values.lookup(tag))).toBe(expected);
  });

  it('covers every known tag (invoice_table has its own tests)', () => {
    const covered = new Set([...Object.keys(byLocale['en-US']!), ...Object.keys(sameEverywhere), 'invoice_table']);
    expect([...knownMergeTags].filter((tag) => !covered.has(tag))).toEqual([]);
  });

  it('gives web addresses as links and the rest as text', () => {
    const values = buildMergeValues(buildMessageContext());
    expect(values.lookup('pay_link')).toEqual({ ok: true, value: { kind: 'url', url: 'https://pay.acme.example/i/INV-1' } });
    expect(values.lookup('customer_name')).toEqual({ ok: true, value: { kind: 'text', text: 'Globex GmbH' } });
  });
});

describe('buildMergeValues: money in the invoice’s currency', () => {
  it.each([
    ['en-US', 'JPY', 120_050, '¥120,050'],
    ['de-DE', 'JPY', 120_050, `120.050${nbsp}¥`],
    ['ja-JP', 'JPY', 120_050, '￥120,050'],
    ['en-US', 'KWD', 1_200_500, `KWD${nbsp}1,200.500`],
    ['fr-FR', 'KWD', 1_200_500, `1${nnbsp}200,500${nbsp}KWD`],
    ['de-DE', 'EUR', 120_050, `1.200,50${nbsp}€`],
    ['en-US', 'INR', 12_345_678, '₹123,456.78'],
    ['ar-EG', 'USD', 120_050, `${rlm}١٬٢٠٠٫٥٠${nbsp}US$`],
  ])('%s {invoice_balance} of %s %i reads %j', (locale, currency, balanceMinor, expected) => {
    const context = buildMessageContext({ locale, invoices: [buildMessageInvoice({ currency, balanceMinor })] });
    expect(valueText(buildMergeValues(context).lookup('invoice_balance'))).toBe(expected);
  });

  it('totals per currency in the order the currencies first appear, zero balances included', () => {
    const invoices = [
      buildMessageInvoice({ id: 'A', currency: 'JPY', balanceMinor: 5_000 }),
      buildMessageInvoice({ id: 'B', currency: 'KWD', balanceMinor: 1_500 }),
      buildMessageInvoice({ id: 'C', currency: 'JPY', balanceMinor: 2_500 }),
      buildMessageInvoice({ id: 'D', currency: 'USD', balanceMinor: 0 }),
    ];
    const values = buildMergeValues(buildMessageContext({ locale: 'en-US', invoices, leadInvoiceId: 'A' }));
    expect(valueText(values.lookup('total_balance'))).toBe(`¥7,500, KWD${nbsp}1.500, and $0.00`);
  });
});

describe('buildMergeValues: {days_overdue} counts calendar days in the customer’s zone', () => {
  // Due 2024-03-31; Berlin moved to summer time at 01:00 UTC that day.
  it.each([
    ['Europe/Berlin', '2024-03-30T22:30:00Z', '-1'], // 23:30 on the 30th, winter time
    ['Europe/Berlin', '2024-03-30T23:30:00Z', '0'], // 00:30 on the 31st
    ['Europe/Berlin', '2024-03-31T21:59:00Z', '0'], // 23:59 on the 31st, summer time
    ['Europe/Berlin', '2024-03-31T22:00:00Z', '1'], // midnight into April 1st
    ['America/New_York', '2024-04-08T03:30:00Z', '7'], // still the 7th in New York
    ['Europe/Berlin', '2024-04-08T03:30:00Z', '8'],
    ['Pacific/Kiritimati', '2024-03-30T10:00:00Z', '0'], // UTC+14: already the 31st
    ['Pacific/Chatham', '2024-02-28T12:00:00Z', '-31'], // 01:45 on the 29th (a leap day), UTC+13:45
  ])('in %s at %s: %s', (timeZone, at, expected) => {
    const values = buildMergeValues(buildMessageContext({ timeZone, sentAt: Date.parse(at) }));
    expect(valueText(values.lookup('days_overdue'))).toBe(expected);
  });

  it('uses the customer’s digits: Arabic-Indic in ar-EG', () => {
    const values = buildMergeValues(buildMessageContext({ locale: 'ar-EG', sentAt: Date.parse('2024-04-20T10:00:00Z') }));
    expect(valueText(values.lookup('days_overdue'))).toBe('٢٠');
  });
});

describe('buildMergeValues: {invoice_table}', () => {
  const table = (locale: string) => {
    const lookup = buildMergeValues(buildMessageContext({ locale, invoices: buildConsolidatedInvoices() })).lookup('invoice_table');
    if (!lookup.ok || lookup.value.kind !== 'block') throw new Error('no table');
    return lookup.value;
  };

  it('lists every invoice with its number, due date, days overdue and balance, then a total per currency (text)', () => {
    expect(table('en-US').text).toBe(
      [
        'Invoice   Due date       Days overdue     Balance',
        '-------   ------------   ------------   ---------',
        'INV-1     Mar 31, 2024              8   €1,200.50',
        'INV-2     Apr 4, 2024               4     $300.00',
        'INV-3     Apr 7, 2024               1      €50.00',
        'Total                                   €1,250.50',
        '                                          $300.00',
      ].join('\n'),
    );
  });

  it('has headings in the customer’s language', () => {
    expect(table('de-DE').text.split('\n')[0]).toBe('Rechnung   Fällig am    Tage überfällig        Offen');
    expect(table('fr-FR').text).toContain('Facture');
    expect(table('ja-JP').text).toContain('支払期日');
    expect(table('ar-EG').text).toContain('تاريخ الاستحقاق');
  });

  it('is a real table in HTML: a header row, one row per invoice, one total row per currency', () => {
    const { html } = table('de-DE');
    expect(html.startsWith('<table')).toBe(true);
    expect(html.match(/<th /g)).toHaveLength(4);
    expect(html.match(/<tr>/g)).toHaveLength(1 + 3 + 2);
    expect(html).toContain(`>1.200,50${nbsp}€</td>`);
    expect(html).toContain('>Summe</td>');
    expect(html).toContain(`>300,00${nbsp}$</td>`);
  });

  it('aligns amounts at their end: right in English, left in Arabic', () => {
    expect(table('en-US').html).toContain('<td align="right"');
    expect(table('ar-EG').html).toContain('<td align="left"');
  });

  it('escapes invoice numbers in HTML and keeps them as they are in text', () => {
    const invoices = [buildMessageInvoice({ number: '<b>7</b> & co' })];
    const lookup = buildMergeValues(buildMessageContext({ invoices })).lookup('invoice_table');
    if (!lookup.ok || lookup.value.kind !== 'block') throw new Error('no table');
    expect(lookup.value.html).toContain('&lt;b&gt;7&lt;/b&gt; &amp; co');
    expect(lookup.value.html).not.toContain('<b>');
    expect(lookup.value.text).toContain('<b>7</b> & co');
  });
});

describe('buildMergeValues: a value that does not exist is a typed failure, never an empty string', () => {
  it.each([
    ['contact_name', { contact: { name: null, email: 'ap@globex.example' } }, { tag: 'contact_name' }],
    ['contact_name', { contact: { name: '  ', email: 'ap@globex.example' } }, { tag: 'contact_name' }],
    ['sender_signature', { sender: { name: 'Acme', signature: null } }, { tag: 'sender_signature' }],
    ['sender_name', { sender: { name: null, signature: 'Jana' } }, { tag: 'sender_name' }],
    ['statement_link', { statementLink: null }, { tag: 'statement_link' }],
    ['pay_link', { invoices: [buildMessageInvoice({ payLink: null })] }, { tag: 'pay_link', invoiceId: 'INV-1' }],
    ['promise_date', { invoices: [buildMessageInvoice({ promise: null })] }, { tag: 'promise_date', invoiceId: 'INV-1' }],
    ['promise_amount', { invoices: [buildMessageInvoice({ promise: null })] }, { tag: 'promise_amount', invoiceId: 'INV-1' }],
    ['issued_on', { invoices: [buildMessageInvoice({ issuedOn: null })] }, { tag: 'issued_on', invoiceId: 'INV-1' }],
    ['invoice_number', { leadInvoiceId: 'INV-9' }, { tag: 'invoice_number', invoiceId: 'INV-9' }],
    ['total_balance', { invoices: [], leadInvoiceId: 'INV-1' }, { tag: 'total_balance' }],
    ['invoice_table', { invoices: [], leadInvoiceId: 'INV-1' }, { tag: 'invoice_table' }],
  ] as const)('{%s} when %j', (tag, overrides, expected) => {
    const values = buildMergeValues(buildMessageContext(overrides));
    expect(values.lookup(tag)).toEqual({ ok: false, reason: 'missing_value', ...expected });
  });

  it('reports a tag it does not know as unknown_tag', () => {
    expect(buildMergeValues(buildMessageContext()).lookup('customer_nmae')).toEqual({ ok: false, reason: 'unknown_tag', tag: 'customer_nmae' });
  });

  it('computes each value once per message', () => {
    const values = buildMergeValues(buildMessageContext({ invoices: buildConsolidatedInvoices() }));
    expect(values.lookup('invoice_table')).toBe(values.lookup('invoice_table'));
  });

  it('uses the promise on the lead invoice of a consolidated message', () => {
    const invoices = [buildMessageInvoice({ id: 'A', promise: null }), buildMessageInvoice({ id: 'B', promise: { amountMinor: 100, onDay: day('2024-05-01') } })];
    const values = buildMergeValues(buildMessageContext({ invoices, leadInvoiceId: 'B' }));
    expect(valueText(values.lookup('promise_date'))).toBe('May 1, 2024');
  });
});
