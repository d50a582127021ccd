import type { MessageContext } from '../src/core/messages/message-context.ts';
import { parseCalendarDay } from '../src/core/time/calendar-day.ts';

// What the render benchmark renders: one overdue-reminder template of about 1 KB with six merge
// tags, and a deterministic set of one-invoice messages for different customers, in five
// locales, four currencies and five time zones, all from one workspace (one brand).
//
// The values avoid ', ` and =: Handlebars escapes those three (to &#x27;, &#x60;, &#x3D;) and
// Plixo writes ' as &#39; and leaves ` and = alone (safe in double-quoted attributes), so with
// them the two HTML parts would differ in spelling but not in meaning; without them the bench can
// require the two renderers' outputs to be identical, byte for byte.

/** Subject and body in Plixo's template syntax (spec: single-brace merge tags, light Markdown). */
export const benchTemplate = {
  subject: 'Reminder: invoice {invoice_number} is past due',
  body: [
    'Hi {contact_name},',
    '',
    'I hope you are well. I am writing about invoice {invoice_number} for {invoice_balance}, which was due on {due_date} and is now ' +
      '**{days_overdue} days past due**. If you have already sent the payment, thank you, and please disregard this reminder: ' +
      'a transfer can take a few working days to reach us.',
    '',
    'If not, you can settle it online in a couple of minutes, by card or bank transfer: [pay the invoice online]({pay_link}). ' +
      'A few things help us match your payment quickly:',
    '',
    '- quote the invoice number in the payment reference;',
    '- pay the full balance in one transfer if you can;',
    '- send the remittance advice to this address.',
    '',
    'If something is holding the payment up (a missing purchase order, a question about the amount, a change of bank details ' +
      'on your side), just reply to this email and we will sort it out together. If you need a little more time, tell us when ' +
      'you expect to pay and we will note it on your account.',
    '',
    'Thank you for your business, and kind regards.',
  ].join('\n'),
} as const;

/** The six tags of the body, each used once; the subject uses the first of them again. */
export const benchTemplateTags = ['invoice_number', 'contact_name', 'invoice_balance', 'due_date', 'days_overdue', 'pay_link'] as const;

const markets = [
  { locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' },
  { locale: 'de-DE', timeZone: 'Europe/Berlin', currency: 'EUR' },
  { locale: 'fr-FR', timeZone: 'Europe/Paris', currency: 'EUR' },
  { locale: 'ja-JP', timeZone: 'Asia/Tokyo', currency: 'JPY' },
  { locale: 'en-GB', timeZone: 'Europe/London', currency: 'GBP' },
] as const;

const contactNames = ['Ana Weber', 'Tom & Jerry Accounts', 'Jean Dupont', '佐藤 花子', 'Priya Shah', 'Accounts <Payable>', 'Lena Fischer'];

/** The instant of sending, and the first due date: due dates spread over the 120 days before it. */
const sentAt = Date.UTC(2024, 9, 1, 9, 0);
const firstDueOn = parseCalendarDay('2024-06-01')!;

export function buildRenderContexts(count: number): MessageContext[] {
  const contexts: MessageContext[] = [];
  for (let index = 0; index < count; index += 1) {
    const market = markets[index % markets.length]!;
    const number = `INV-${String(100_000 + index * 7).padStart(6, '0')}`;
    const digits = market.currency === 'JPY' ? 0 : 2;
    const amountMinor = (((index * 7_919) % 480_000) + 2_000) * (digits === 0 ? 1 : 10);
    contexts.push({
      locale: market.locale,
      timeZone: market.timeZone,
      sentAt,
      customer: { id: `c${index}`, name: `Customer ${index}` },
      contact: { name: contactNames[index % contactNames.length]!, email: `ap${index}@customer.example` },
      company: { name: 'Acme Inc.' },
      sender: { name: 'Acme Accounts Receivable', signature: 'Jana Novak\nAccounts Receivable' },
      branding: { companyName: 'Acme Inc.', logoUrl: null, color: '#1f6feb' },
      leadInvoiceId: number,
      statementLink: `https://pay.acme.example/s/c${index}`,
      invoices: [
        {
          id: number,
          number,
          issuedOn: firstDueOn + ((index * 13) % 120) - 30,
          dueOn: firstDueOn + ((index * 13) % 120),
          amountMinor,
          balanceMinor: index % 3 === 0 ? Math.round(amountMinor / 2) : amountMinor,
          currency: market.currency,
          payLink: `https://pay.acme.example/i/${number}`,
          promise: null,
        },
      ],
    });
  }
  return contexts;
}
