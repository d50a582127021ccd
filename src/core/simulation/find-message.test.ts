import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio.ts';
import { policyFromYaml } from '../testing/simulate-yaml.ts';
import { findMessage } from './find-message.ts';

const policy = policyFromYaml(`kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: growth
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t }
  - { id: overdue-1, day: 7, template: t, tone: confident }
  - { id: call, day: 10, action: task }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Segment
name: all
cadence: standard
mode: autopilot
`);

const parsed = parsePortfolio({
  customers: [{ id: 'c1', name: 'Acme GmbH', contacts: [{ email: 'ap@acme.example' }] }],
  invoices: [
    { id: 'INV-1', customer: 'c1', dueOn: '2024-04-02', amount: '1200.00', currency: 'EUR' },
    { id: 'INV-2', customer: 'c1', dueOn: '2024-04-09', amount: '300.00', currency: 'EUR' },
  ],
  events: [{ at: '2024-04-05T10:00:00Z', type: 'payment', invoice: 'INV-1', amount: '200.00' }],
});
if (!parsed.ok) throw new Error('bad fixture');
const portfolio = parsed.portfolio;
const from = Date.parse('2024-03-01T00:00:00Z');

describe('findMessage', () => {
  it('finds the merged message the engine sends at that instant, with balances after earlier payments', () => {
    // INV-1 day 7 and INV-2 day 0 both fall on Tue 04-09 09:00 CEST = 07:00Z: one message.
    const found = findMessage({ policy, portfolio, invoiceId: 'INV-2', stepId: 'due', at: Date.parse('2024-04-09T07:00:00Z'), from });
    expect(found.kind).toBe('planned');
    if (found.kind !== 'planned') return;
    expect(found.action.invoices).toEqual(['INV-1', 'INV-2']);
    expect(found.action.tone).toBe('confident');
    expect(found.action.snapshots).toEqual([
      { invoice: 'INV-1', balanceMinor: 100_000, currency: 'EUR', promise: null },
      { invoice: 'INV-2', balanceMinor: 30_000, currency: 'EUR', promise: null },
    ]);
  });

  it('renders the step alone when the engine sends it at another instant, and says when', () => {
    const found = findMessage({ policy, portfolio, invoiceId: 'INV-1', stepId: 'due', at: Date.parse('2024-04-03T12:00:00Z'), from });
    expect(found.kind).toBe('standalone');
    if (found.kind !== 'standalone') return;
    expect(found.goesAt).toBe(Date.parse('2024-04-02T07:00:00Z'));
    expect(found.action.invoices).toEqual(['INV-1']);
    expect(found.action.to).toEqual(['ap@acme.example']);
  });

  it('refuses a task step, an unknown step and an unknown invoice', () => {
    const at = Date.parse('2024-04-12T07:00:00Z');
    expect(findMessage({ policy, portfolio, invoiceId: 'INV-1', stepId: 'call', at, from }).kind).toBe('error');
    expect(findMessage({ policy, portfolio, invoiceId: 'INV-1', stepId: 'nope', at, from }).kind).toBe('error');
    expect(findMessage({ policy, portfolio, invoiceId: 'INV-9', stepId: 'due', at, from }).kind).toBe('error');
  });
});
