import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import { scenarioArbitrary, scenarioData, scenarioFrom, scenarioPolicyYaml, scenarioTo } from '../testing/arbitrary-portfolio.ts';
import { customer, data, invoice, policyYaml } from '../testing/engine-spec-fixtures.ts';
import { policyFromYaml, simulateActions } from '../testing/simulate-yaml.ts';
import { formatCalendarDay } from '../time/calendar-day.ts';
import { followPaymentPlans, type PlanRecord } from './follow-payment-plans.ts';

// The plans of an invoice as the screens show them, followed with the engine's rules. Customer in
// New York (EDT in April 2024: a local date starts at 04:00Z), promiseGraceDays 1 unless given.

const policy = policyFromYaml(policyYaml({ cadences: [{ name: 'one', steps: [{ id: 's0', day: 0 }] }] }));
const halves = { at: '2024-04-03T14:00:00Z', type: 'plan', invoice: 'INV-1', installments: [{ on: '2024-04-16', amount: '500.00' }, { on: '2024-04-30', amount: '500.00' }] };
const payment = (at: string, amount: string) => ({ at, type: 'payment', invoice: 'INV-1', amount });

function portfolioOf(events: Record<string, unknown>[]): Portfolio {
  const parsed = parsePortfolio(data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')], events }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.portfolio;
}

function follow(events: Record<string, unknown>[], now: string): { status: string; endedAt: string | null; paid: number; installments: string[] }[] {
  const portfolio = portfolioOf(events);
  const records = followPaymentPlans({
    policy,
    customer: portfolio.customers[0]!,
    invoice: portfolio.invoices[0]!,
    timeZone: 'America/New_York',
    events: portfolio.events,
    now: Date.parse(now),
  });
  return records.map((record: PlanRecord) => ({
    status: record.status,
    endedAt: record.endedAt === null ? null : new Date(record.endedAt).toISOString(),
    paid: record.paidMinor,
    installments: record.installments.map((installment) => `${formatCalendarDay(installment.onDay)} ${installment.amountMinor} ${installment.state}`),
  }));
}

describe('followPaymentPlans', () => {
  it.each([
    {
      name: 'before anything is paid: active, both due',
      events: [halves],
      now: '2024-04-10T00:00:00Z',
      expected: [{ status: 'active', endedAt: null, paid: 0, installments: ['2024-04-16 50000 due', '2024-04-30 50000 due'] }],
    },
    {
      name: 'the first paid: active, paid then due',
      events: [halves, payment('2024-04-16T15:00:00Z', '500.00')],
      now: '2024-04-20T00:00:00Z',
      expected: [{ status: 'active', endedAt: null, paid: 50000, installments: ['2024-04-16 50000 paid', '2024-04-30 50000 due'] }],
    },
    {
      name: 'within the grace day the first is still due',
      events: [halves],
      now: '2024-04-18T03:59:59Z',
      expected: [{ status: 'active', endedAt: null, paid: 0, installments: ['2024-04-16 50000 due', '2024-04-30 50000 due'] }],
    },
    {
      name: 'the first missed: broken at its check; the second is called off with the plan',
      events: [halves, payment('2024-04-16T15:00:00Z', '200.00')],
      now: '2024-04-18T04:00:00Z',
      expected: [{ status: 'broken', endedAt: '2024-04-18T04:00:00.000Z', paid: 20000, installments: ['2024-04-16 50000 missed', '2024-04-30 50000 cancelled'] }],
    },
    {
      name: 'a refund after the first check breaks it at the refund',
      events: [halves, payment('2024-04-16T15:00:00Z', '500.00'), { at: '2024-04-22T15:00:00Z', type: 'payment_reversed', invoice: 'INV-1', amount: '100.00', reason: 'refund' }],
      now: '2024-04-25T00:00:00Z',
      expected: [{ status: 'broken', endedAt: '2024-04-22T15:00:00.000Z', paid: 40000, installments: ['2024-04-16 50000 missed', '2024-04-30 50000 cancelled'] }],
    },
    {
      name: 'paid in full early: completed, every instalment paid',
      events: [halves, payment('2024-04-10T15:00:00Z', '1000.00')],
      now: '2024-05-20T00:00:00Z',
      expected: [{ status: 'completed', endedAt: '2024-04-10T15:00:00.000Z', paid: 100000, installments: ['2024-04-16 50000 paid', '2024-04-30 50000 paid'] }],
    },
    {
      name: 'replaced: the first plan keeps what was paid under it; the new one starts from nothing',
      events: [halves, payment('2024-04-16T15:00:00Z', '500.00'), { at: '2024-04-20T15:00:00Z', type: 'plan', invoice: 'INV-1', installments: [{ on: '2024-05-07', amount: '500.00' }] }],
      now: '2024-04-25T00:00:00Z',
      expected: [
        { status: 'replaced', endedAt: '2024-04-20T15:00:00.000Z', paid: 50000, installments: ['2024-04-16 50000 paid', '2024-04-30 50000 cancelled'] },
        { status: 'active', endedAt: null, paid: 0, installments: ['2024-05-07 50000 due'] },
      ],
    },
    {
      name: 'cancelled by the team',
      events: [halves, { at: '2024-04-12T15:00:00Z', type: 'plan_cancelled', invoice: 'INV-1' }],
      now: '2024-04-25T00:00:00Z',
      expected: [{ status: 'cancelled', endedAt: '2024-04-12T15:00:00.000Z', paid: 0, installments: ['2024-04-16 50000 cancelled', '2024-04-30 50000 cancelled'] }],
    },
    {
      name: 'events after now are not known yet',
      events: [halves, payment('2024-04-16T15:00:00Z', '500.00')],
      now: '2024-04-16T14:59:59Z',
      expected: [{ status: 'active', endedAt: null, paid: 0, installments: ['2024-04-16 50000 due', '2024-04-30 50000 due'] }],
    },
  ])('$name', ({ events, now, expected }) => {
    expect(follow(events, now)).toEqual(expected);
  });

  it('reads the grace of the segment governing the invoice when the plan was agreed', () => {
    const graceTwo = policyFromYaml(policyYaml({ guardrails: { promiseGraceDays: 2 }, cadences: [{ name: 'one', steps: [{ id: 's0', day: 0 }] }] }));
    const portfolio = portfolioOf([halves]);
    const [record] = followPaymentPlans({ policy: graceTwo, customer: portfolio.customers[0]!, invoice: portfolio.invoices[0]!, timeZone: 'America/New_York', events: portfolio.events, now: Date.parse('2024-04-18T12:00:00Z') });
    // Checked at the start of Fri 04-19 with two days of grace: still due on Thu.
    expect(record!.installments.map((installment) => new Date(installment.checkAt).toISOString())).toEqual(['2024-04-19T04:00:00.000Z', '2024-05-03T04:00:00.000Z']);
    expect(record!.status).toBe('active');
  });

  it('says an instalment was missed exactly when the engine opened its plan_broken task (random portfolios)', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const livePolicy = policyFromYaml(scenarioPolicyYaml(scenario));
        const raw = scenarioData(scenario);
        const parsed = parsePortfolio(raw);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const from = Date.parse(scenarioFrom(scenario));
        const to = Date.parse(scenarioTo(scenario));
        const actions = simulateActions({ policy: livePolicy, data: raw, from: scenarioFrom(scenario), to: scenarioTo(scenario) });
        const engine = actions.filter((action) => action.reason === 'plan_broken').map((action) => `${action.invoices[0]} ${new Date(action.at).toISOString()}`).sort();
        const screens = parsed.portfolio.invoices
          .flatMap((candidate) => {
            const owner = parsed.portfolio.customers.find((entry) => entry.id === candidate.customerId)!;
            return followPaymentPlans({
              policy: livePolicy,
              customer: owner,
              invoice: candidate,
              timeZone: owner.timeZone ?? livePolicy.workspace.timeZone,
              events: parsed.portfolio.events,
              now: to - 1,
            })
              .filter((record) => record.status === 'broken' && record.endedAt! >= from)
              .map((record) => `${candidate.id} ${new Date(record.endedAt!).toISOString()}`);
          })
          .sort();
        expect(screens).toEqual(engine);
      }),
      { numRuns: 100 },
    );
  });
});
