import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../testing/simulate-yaml.ts';

// Cases the property tests found, pinned with hand-derived instants.

function policy({ workspace = '', cadence = '' }: { workspace?: string; cadence?: string }): string {
  return `kind: Workspace
timezone: America/New_York
locale: en-US
currency: USD
plan: growth
${workspace}
---
kind: Cadence
name: main
steps:
  - { id: s1, day: 0, template: t }
${cadence}
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Segment
name: all
cadence: main
mode: autopilot
`;
}

const customer = (timezone: string) => ({ id: 'c1', name: 'Acme', timezone, contacts: [{ email: 'ap@acme.example' }] });
const invoice = (dueOn: string) => ({ id: 'INV-1', customer: 'c1', dueOn, amount: '100.00', currency: 'USD' });
const brief = (actions: Record<string, unknown>[]) => actions.map((action) => `${action.at} ${action.type} ${action.reason ?? ''}`.trim());

describe('engine regressions', () => {
  it('a sendAt inside quiet hours with no two sending days in a row finds the first allowed instant', () => {
    // Thu 04-11 23:30 is quiet (20:00-08:00), Friday is not a sending day, and every Thursday at
    // 23:30 is quiet again: the first allowed instant is Thu 04-18 08:00 EDT = 12:00Z.
    const actions = simulateYaml({
      policy: policy({ workspace: 'guardrails: { sendAt: "23:30", days: [thu] }' }),
      data: { customers: [customer('America/New_York')], invoices: [invoice('2024-04-11')] },
      from: '2024-04-01T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
    });
    expect(brief(actions)).toEqual(['2024-04-18T12:00:00.000Z send']);
  });

  it('an escalation with stop ends the escalations due at the same instant', () => {
    // Known 04-01, due 03-01: both escalations passed before; `final` fires at e and stops the
    // invoice, so neither `legal` nor the late step follow.
    const actions = simulateYaml({
      policy: policy({
        cadence: `escalations:
  - { id: final, day: 5, assignTo: operator, stop: true }
  - { id: legal, day: 10, assignTo: legal }`,
      }),
      data: { customers: [customer('America/New_York')], invoices: [invoice('2024-03-01')] },
      from: '2024-04-01T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
    });
    expect(brief(actions)).toEqual(['2024-04-01T00:00:00.000Z escalate final']);
  });

  it.each([undefined, 3_600_000, 6 * 3_600_000, 86_400_000])('a maintenance window starting on a tick boundary makes the waiting step late (tick %s)', (tickMs) => {
    // Planned Tue 04-02 09:00, moved to Mon 04-08 09:00 (days: mon). Maintenance 01:00-02:00 on
    // 04-08 ends the stretch of eligibility; at 02:00 the step is late and goes at once.
    const actions = simulateYaml({
      policy: policy({ workspace: 'guardrails: { days: [mon], quietHours: none }' }),
      data: {
        customers: [customer('UTC')],
        invoices: [invoice('2024-04-02')],
        events: [{ at: '2024-04-03T00:00:00Z', type: 'maintenance', from: '2024-04-08T01:00:00Z', to: '2024-04-08T02:00:00Z' }],
      },
      from: '2024-04-03T00:00:00Z',
      to: '2024-04-10T00:00:00Z',
      ...(tickMs ? { tickMs } : {}),
    });
    expect(brief(actions)).toEqual(['2024-04-08T02:00:00.000Z send']);
  });

  it('a shorter pause does not end a longer one', () => {
    // Paused until 04-20 (Sat 00:00 UTC), then again until 04-05: the first still holds. The
    // day-0 step (04-10) is late at 04-20 00:00, a Saturday: Mon 04-22 09:00Z.
    const actions = simulateYaml({
      policy: policy({}),
      data: {
        customers: [customer('UTC')],
        invoices: [invoice('2024-04-10')],
        events: [
          { at: '2024-04-01T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-20' },
          { at: '2024-04-03T12:00:00Z', type: 'pause', invoice: 'INV-1', until: '2024-04-05' },
        ],
      },
      from: '2024-04-01T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
    });
    expect(brief(actions)).toEqual(['2024-04-22T09:00:00.000Z send']);
  });
});
