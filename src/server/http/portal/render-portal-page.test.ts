import { describe, expect, it } from 'vitest';
import type { PortalView } from '../../../app/portal/load-payer-portal.ts';
import { portalWords } from '../../../core/portal/portal-words.ts';
import { renderPortalPage } from './render-portal-page.ts';

// The payer page's payment plan: where it stands and each instalment's state, in the payer's language.

const invoice = { id: 'INV-1', number: 'INV-1', issuedOn: '2026-10-21', dueOn: '2026-11-20', amountMinor: 1000_00, openMinor: 500_00, currency: 'EUR', disputed: false, promise: null };
const view = (plan: PortalView['plan'], locale = 'en-US'): PortalView => ({
  linkId: 'l1',
  locale,
  timeZone: 'Europe/Berlin',
  today: '2026-12-20',
  companyName: 'Acme',
  customerName: 'Northwind',
  invoice,
  plan,
  others: [],
  payment: 'processor',
  canPromise: true,
  canPlan: plan?.status !== 'active',
  canDispute: true,
  disputeReasons: [],
  expiresAt: Date.parse('2026-12-27T00:00:00Z'),
});
const installments = (first: 'paid' | 'due' | 'missed', second: 'paid' | 'due' | 'missed' | 'cancelled') => [
  { on: '2026-12-10', amountMinor: 500_00, state: first },
  { on: '2026-12-24', amountMinor: 500_00, state: second },
];

function render(input: PortalView): string {
  return renderPortalPage({ view: input, words: portalWords(input.locale), href: '/pay/t', formToken: 'f' });
}

/** The plan table's rows as text: number, date, amount, state. */
function planRows(html: string): string[] {
  const section = html.slice(html.indexOf('id="current-plan-heading"'));
  const body = section.slice(section.indexOf('<tbody>') + 7, section.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]).join(' | '));
}

describe('the payer page’s payment plan', () => {
  it('shows a plan being kept with each instalment, and no second proposal form', () => {
    const html = render(view({ status: 'active', totalMinor: 1000_00, paidMinor: 500_00, installments: installments('paid', 'due') }));
    expect(html).toContain('<h2 id="current-plan-heading">Your payment plan</h2>');
    expect(html).toContain('You are on a payment plan: €500.00 of €1,000.00 paid so far.');
    expect(planRows(html)).toEqual(['1 | December 10, 2026 | €500.00 | Paid', '2 | December 24, 2026 | €500.00 | Due']);
    expect(html).not.toContain('Propose a payment plan');
  });

  it('says a broken plan was not kept, marks the missed instalment, and offers a new proposal', () => {
    const html = render(view({ status: 'broken', totalMinor: 1000_00, paidMinor: 500_00, installments: installments('paid', 'missed') }));
    expect(html).toContain('Your payment plan was not kept: an instalment was missed (€500.00 of €1,000.00 paid).');
    expect(planRows(html)[1]).toBe('2 | December 24, 2026 | €500.00 | Missed');
    expect(html).toContain('Propose a payment plan');
  });

  it('speaks the payer’s language', () => {
    const html = render(view({ status: 'active', totalMinor: 1000_00, paidMinor: 0, installments: installments('due', 'due') }, 'de-DE'));
    expect(html).toContain('Ihre Ratenzahlung');
    // Intl puts a no-break space between the amount and the sign.
    expect(planRows(html)[0]).toBe('1 | 10. Dezember 2026 | 500,00\u00a0€ | Fällig');
  });

  it('shows nothing of a plan when there is none', () => {
    expect(render(view(null))).not.toContain('current-plan-heading');
  });
});
