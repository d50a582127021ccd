import { describe, expect, it } from 'vitest';
import { customer, data, invoice, lines, policyYaml, run, type CadenceSpec } from '../testing/engine-spec-fixtures.ts';

// Spec 5 (`plixo simulate` output): the fields of each action type and the order of the
// actions (instant, then customer id, then type). Workspace in New York; 2024-04-08 is a Monday.

const oneStep: CadenceSpec[] = [{ name: 'one', steps: [{ id: 's0', day: 0 }] }];

describe('spec 5: order of the actions', () => {
  it('by instant across zones: Chatham, then Berlin, then New York for the same local 09:00', () => {
    // Mon 04-08 09:00: Chatham (+12:45) 04-07T20:15Z, Berlin (+02:00) 07:00Z, New York 13:00Z.
    const actions = run({
      policy: policyYaml({ cadences: oneStep }),
      data: data({
        customers: [customer('c1', 'America/New_York'), customer('c2', 'Europe/Berlin'), customer('c3', 'Pacific/Chatham')],
        invoices: [invoice('INV-1', 'c1', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-3', 'c3', '2024-04-08')],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => [action.at, action.customer])).toEqual([
      ['2024-04-07T20:15:00.000Z', 'c3'],
      ['2024-04-08T07:00:00.000Z', 'c2'],
      ['2024-04-08T13:00:00.000Z', 'c1'],
    ]);
  });

  it('at one instant, by customer id, whatever the order of the data', () => {
    const actions = run({
      policy: policyYaml({ cadences: oneStep }),
      data: data({
        customers: [customer('c3'), customer('c2'), customer('c1')],
        invoices: [invoice('INV-1', 'c3', '2024-04-08'), invoice('INV-2', 'c2', '2024-04-08'), invoice('INV-3', 'c1', '2024-04-08')],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${String(action.customer)}`)).toEqual([
      '2024-04-08T13:00:00.000Z c1',
      '2024-04-08T13:00:00.000Z c2',
      '2024-04-08T13:00:00.000Z c3',
    ]);
  });

  it('at one instant for one customer, by type: escalate, send, skip, task', () => {
    // All for c1 at Mon 04-08 09:00 EDT = 13:00Z:
    // - INV-1 (100.00, cadence desk, due Mon 04-01): task call and escalation esc on day 7;
    // - INV-2 (1000.00, cadence mail, due 04-08): s0;
    // - INV-3 (300.00, cadence late, due Fri 04-05) first known at 13:00Z: k0 (04-05) and k3
    //   (04-08 13:00Z, at e) are late → k3 goes at e, merged with INV-2:s0; k0 superseded.
    const policy = policyYaml({
      cadences: [
        { name: 'desk', steps: [{ id: 'call', day: 7, action: 'task', assignTo: 'operator' }], escalations: [{ id: 'esc', day: 7, assignTo: 'operator' }] },
        { name: 'mail', steps: [{ id: 's0', day: 0 }] },
        { name: 'late', steps: [{ id: 'k0', day: 0 }, { id: 'k3', day: 3 }] },
      ],
      segments: [
        { name: 'tasks', cadence: 'desk', priority: 1, match: { 'invoice.amount': { lt: 200 } } },
        { name: 'late', cadence: 'late', priority: 2, match: { 'invoice.amount': { lt: 500 } } },
        { name: 'mail', cadence: 'mail', priority: 3 },
      ],
    });
    const actions = run({
      policy,
      data: data({
        customers: [customer('c1')],
        invoices: [
          invoice('INV-3', 'c1', '2024-04-05', { amount: '300.00', knownAt: '2024-04-08T13:00:00Z' }),
          invoice('INV-2', 'c1', '2024-04-08', { amount: '1000.00' }),
          invoice('INV-1', 'c1', '2024-04-01', { amount: '100.00' }),
        ],
      }),
      from: '2024-04-06T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => action.type)).toEqual(['escalate', 'send', 'skip', 'task']);
    expect(lines(actions)).toEqual([
      '2024-04-08T13:00:00.000Z escalate c1 INV-1 esc->operator',
      '2024-04-08T13:00:00.000Z send c1 INV-2:s0+INV-3:k3',
      '2024-04-08T13:00:00.000Z skip c1 INV-3:k0 superseded',
      '2024-04-08T13:00:00.000Z task c1 INV-1 call->operator',
    ]);
  });

  it('two messages of one customer at one instant (consolidate: false, maxSendsPerDay 2): both, at that instant', () => {
    const actions = run({
      policy: policyYaml({ guardrails: { consolidate: false, maxSendsPerDay: 2 }, cadences: oneStep }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-2', 'c1', '2024-04-08'), invoice('INV-1', 'c1', '2024-04-08')] }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => `${String(action.at)} ${String(action.type)} ${(action.invoices as string[]).join('+')}`)).toEqual([
      '2024-04-08T13:00:00.000Z send INV-1',
      '2024-04-08T13:00:00.000Z send INV-2',
    ]);
  });
});

describe('spec 5: fields of each action', () => {
  it('send: to, invoices, steps, template, tone, segment; instants in UTC with milliseconds', () => {
    const actions = run({
      policy: policyYaml({ cadences: [{ name: 'std', tone: 'formal', steps: [{ id: 'due', day: 0, template: 'due-today' }] }], segments: [{ name: 'smb', cadence: 'std' }] }),
      data: data({
        customers: [customer('c1', 'Europe/Berlin', { contacts: [{ name: 'Ana', email: 'ap@acme.example' }, { name: 'No mail' }, { name: 'Ben', email: 'ben@acme.example' }] })],
        invoices: [invoice('INV-1', 'c1', '2024-04-08', { currency: 'EUR' })],
      }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      at: '2024-04-08T07:00:00.000Z',
      type: 'send',
      customer: 'c1',
      invoices: ['INV-1'],
      steps: [{ invoice: 'INV-1', cadence: 'std', step: 'due' }],
      template: 'due-today',
      tone: 'formal',
      segment: 'smb',
    });
    // Documented: every contact with an email address.
    expect([...(actions[0]!.to as string[])].sort()).toEqual(['ap@acme.example', 'ben@acme.example']);
  });

  it('a step tone overrides the cadence tone', () => {
    const actions = run({
      policy: policyYaml({ cadences: [{ name: 'std', tone: 'formal', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7, tone: 'confident' }] }] }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01')] }),
      from: '2024-03-25T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => [action.at, action.tone])).toEqual([
      ['2024-04-01T13:00:00.000Z', 'formal'],
      ['2024-04-08T13:00:00.000Z', 'confident'],
    ]);
  });

  it('task and escalate: invoices, assignTo, reason', () => {
    const actions = run({
      policy: policyYaml({
        cadences: [{ name: 'desk', steps: [{ id: 'call', day: 1, action: 'task', assignTo: 'csm' }], escalations: [{ id: 'handover', day: 2, assignTo: 'controller' }] }],
      }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-08')] }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions).toEqual([
      expect.objectContaining({ at: '2024-04-09T13:00:00.000Z', type: 'task', customer: 'c1', invoices: ['INV-1'], assignTo: 'csm', reason: 'call' }),
      expect.objectContaining({ at: '2024-04-10T13:00:00.000Z', type: 'escalate', customer: 'c1', invoices: ['INV-1'], assignTo: 'controller', reason: 'handover' }),
    ]);
  });

  it('skip: invoices, steps, reason', () => {
    const actions = run({
      policy: policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 's7', day: 7 }] }] }),
      data: data({ customers: [customer('c1')], invoices: [invoice('INV-1', 'c1', '2024-04-01', { knownAt: '2024-04-10T15:00:00Z' })] }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    const skip = actions.find((action) => action.type === 'skip');
    expect(skip).toMatchObject({ customer: 'c1', invoices: ['INV-1'], steps: [{ invoice: 'INV-1', cadence: 'std', step: 's0' }], reason: 'superseded' });
  });

  it('a customer without an email address: its email steps are skipped with no_contact; tasks still happen (documented)', () => {
    const actions = run({
      policy: policyYaml({ cadences: [{ name: 'std', steps: [{ id: 's0', day: 0 }, { id: 'call', day: 1, action: 'task', assignTo: 'operator' }] }] }),
      data: data({ customers: [customer('c1', undefined, { contacts: [{ name: 'Phone only' }] })], invoices: [invoice('INV-1', 'c1', '2024-04-08')] }),
      from: '2024-04-01T00:00:00Z',
      to: '2024-04-13T00:00:00Z',
    });
    expect(actions.map((action) => [action.type, action.reason ?? null])).toEqual([
      ['skip', 'no_contact'],
      ['task', 'call'],
    ]);
    expect(actions[0]!.steps).toEqual([{ invoice: 'INV-1', cadence: 'std', step: 's0' }]);
    expect(actions[1]!.at).toBe('2024-04-09T13:00:00.000Z');
  });
});
