import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing-run-cli.ts';

const bundle = join(import.meta.dirname, '../../../examples/acme');
let folder: string;

const goodData = {
  customers: [{ id: 'c1', name: 'Acme GmbH', timezone: 'Europe/Berlin', tags: ['smb'], contacts: [{ name: 'Ana', email: 'ap@acme.example' }] }],
  invoices: [{ id: 'INV-1', customer: 'c1', number: 'INV-1', issuedOn: '2024-03-01', dueOn: '2024-03-31', amount: '1200.00', currency: 'EUR', knownAt: '2024-03-01T00:00:00Z' }],
  events: [],
};

async function writeData(name: string, data: unknown): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-simulate-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const range = ['--from', '2024-03-01T00:00:00Z', '--to', '2024-05-01T00:00:00Z'];

describe('plixo simulate', () => {
  it('prints one JSON object a line with the fields of the spec, ordered by instant', async () => {
    const data = await writeData('good.json', goodData);
    const run = await runCliCaptured(['simulate', '--policy', bundle, '--data', data, ...range, '--format', 'jsonl']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const actions = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(actions.length).toBeGreaterThan(0);
    const first = actions.find((action) => action.type === 'send' || action.type === 'draft')!;
    expect(Object.keys(first).slice(0, 9)).toEqual(['at', 'type', 'customer', 'to', 'invoices', 'steps', 'template', 'tone', 'segment']);
    expect(first.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const instants = actions.map((action) => Date.parse(action.at as string));
    expect([...instants].sort((a, b) => a - b)).toEqual(instants);
  });

  it('prints a table with a column that says why a message moved', async () => {
    const data = await writeData('good-table.json', goodData);
    const run = await runCliCaptured(['simulate', '--policy', bundle, '--data', data, ...range, '--format', 'table']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('moved because');
    expect(run.stdout).toMatch(/^\d+ actions?$/m);
    expect(run.stdout).toMatch(/open invoices? matches a segment|match no segment/);
  });

  it('gives the same actions whatever the tick', async () => {
    const data = await writeData('good-tick.json', goodData);
    const jumps = await runCliCaptured(['simulate', '--policy', bundle, '--data', data, ...range, '--format', 'jsonl']);
    const hourly = await runCliCaptured(['simulate', '--policy', bundle, '--data', data, ...range, '--format', 'jsonl', '--tick', '1h']);
    expect(hourly.stdout).toBe(jumps.stdout);
  });

  it('with --render, adds each message as it would be sent, or why it is held', async () => {
    const data = await writeData('render.json', {
      ...goodData,
      customers: [...goodData.customers, { id: 'c2', name: 'Nameless Ltd', tags: ['smb'], contacts: [{ email: 'ap@nameless.example' }] }],
      invoices: [...goodData.invoices, { ...goodData.invoices[0], id: 'INV-2', number: 'INV-2', customer: 'c2' }],
    });
    const run = await runCliCaptured(['simulate', '--policy', bundle, '--data', data, ...range, '--format', 'jsonl', '--render']);
    expect(run.code).toBe(0);
    const messages = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((action) => action.type === 'send' || action.type === 'draft');
    const ofC1 = messages.filter((action) => action.customer === 'c1');
    expect(ofC1.length).toBeGreaterThan(0);
    for (const action of ofC1) expect(action.rendered).toMatchObject({ subject: expect.stringContaining('INV-1'), to: ['ap@acme.example'] });
    // c2's contact has no name, and the example templates greet {contact_name}: held, with the reason.
    const ofC2 = messages.filter((action) => action.customer === 'c2');
    expect(ofC2.length).toBeGreaterThan(0);
    for (const action of ofC2) expect(action.held).toMatchObject({ reason: 'missing_value', tag: 'contact_name' });
  });

  it.each([
    ['an unknown time zone', { ...goodData, customers: [{ ...goodData.customers[0], timezone: 'Mars/Base' }] }, /customers\[0\] \(c1\): timezone/],
    ['a date that does not exist', { ...goodData, invoices: [{ ...goodData.invoices[0], dueOn: '2024-02-30' }] }, /invoices\[0\] \(INV-1\): dueOn/],
    ['an unknown currency', { ...goodData, invoices: [{ ...goodData.invoices[0], currency: 'EURO' }] }, /invoices\[0\] \(INV-1\): currency/],
    [
      'an event for an unknown invoice',
      { ...goodData, events: [{ at: '2024-04-10T12:00:00Z', type: 'payment', invoice: 'NOPE', amount: '1.00' }] },
      /events\[0\] \(payment\): invoice/,
    ],
    [
      'a payment plan with instalments out of date order',
      { ...goodData, events: [{ at: '2024-04-02T12:00:00Z', type: 'plan', invoice: 'INV-1', installments: [{ on: '2024-05-01', amount: '600.00' }, { on: '2024-04-15', amount: '600.00' }] }] },
      /events\[0\] \(plan\): installments\[1\]\.on: must be after the date of the instalment before it/,
    ],
    [
      'a payment plan for more than the invoice owes',
      { ...goodData, events: [{ at: '2024-04-02T12:00:00Z', type: 'plan', invoice: 'INV-1', installments: [{ on: '2024-05-01', amount: '1200.01' }] }] },
      /events\[0\] \(plan\): installments: add up to 1200\.01 EUR, more than the 1200\.00 EUR open on invoice INV-1/,
    ],
    ['malformed JSON', '{"customers": [', /\.json:1:\d+: not valid JSON/],
  ])('exits 2 for %s, naming the record and field, printing nothing on stdout', async (name, data, message) => {
    const path = await writeData(`bad-${name.replace(/\W+/g, '-')}.json`, data);
    const run = await runCliCaptured(['simulate', '--policy', bundle, '--data', path, ...range]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('follows a payment plan: silent while it is kept, a plan_broken task when an instalment is missed', async () => {
    // Berlin (CEST in April): 600.00 by Mon 04-15 and 600.00 by Wed 05-01, agreed Tue 04-02; each
    // checked at the start of the day after the next (one day of grace), 22:00Z the evening before.
    const plan = { at: '2024-04-02T12:00:00Z', type: 'plan', invoice: 'INV-1', installments: [{ on: '2024-04-15', amount: '600.00' }, { on: '2024-05-01', amount: '600.00' }] };
    const lines = async (name: string, events: unknown[]) => {
      const run = await runCliCaptured(['simulate', '--policy', bundle, '--data', await writeData(name, { ...goodData, events }), '--from', '2024-03-01T00:00:00Z', '--to', '2024-06-01T00:00:00Z', '--format', 'jsonl']);
      expect([run.code, run.stderr]).toEqual([0, '']);
      return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { at: string; type: string; reason?: string });
    };
    const kept = await lines('plan-kept.json', [plan, { at: '2024-04-15T08:00:00Z', type: 'payment', invoice: 'INV-1', amount: '600.00' }, { at: '2024-05-01T08:00:00Z', type: 'payment', invoice: 'INV-1', amount: '600.00' }]);
    expect(kept.filter((action) => Date.parse(action.at) > Date.parse(plan.at))).toEqual([]);
    const missed = await lines('plan-missed.json', [plan]);
    const after = missed.filter((action) => Date.parse(action.at) > Date.parse(plan.at));
    expect(after.filter((action) => action.type === 'task' && action.reason === 'plan_broken').map((action) => action.at)).toEqual(['2024-04-16T22:00:00.000Z']);
    expect(after.every((action) => Date.parse(action.at) >= Date.parse('2024-04-16T22:00:00Z'))).toBe(true);
    expect(after.filter((action) => action.type === 'send').length).toBeGreaterThan(0);
  });

  it('exits 2 for a missing data file, a bad instant or a missing bundle', async () => {
    const data = await writeData('ok.json', goodData);
    expect((await runCliCaptured(['simulate', '--policy', bundle, '--data', join(folder, 'missing.json'), ...range])).code).toBe(2);
    expect((await runCliCaptured(['simulate', '--policy', bundle, '--data', data, '--from', 'yesterday', '--to', '2024-05-01T00:00:00Z'])).code).toBe(2);
    expect((await runCliCaptured(['simulate', '--policy', join(folder, 'nope'), '--data', data, ...range])).code).toBe(2);
  });
});
