import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from '../time/calendar-day.ts';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { defaultWarmupRamp, type Policy } from './policy-model.ts';
import { resolveGuardrails, resolvePolicy } from './resolve-policy.ts';
import { buildPolicyFiles } from './testing/build-policy-files.ts';

function loadPolicy(parts: Parameters<typeof buildPolicyFiles>[0]): Policy {
  const result = loadPolicyBundle(buildPolicyFiles(parts));
  // Warnings are fine here (two segments share a priority on purpose, to test the name order).
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  if (!result.policy) throw new Error('no policy');
  return result.policy;
}

const workspace = `kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: scale
guardrails:
  sendAt: "08:30"
  quietHours: { from: "21:00", to: "07:00" }
  maxSendsPerDay: 2
  minBalance: "10.50"
senders:
  - domain: mail.acme.example
    warmupStart: 2024-03-04
  - domain: ar.acme.example
    warmupRamp: [10, 20]
    address: billing@ar.acme.example
`;

const cadence = `kind: Cadence
name: standard
tone: formal
guardrails:
  sendAt: "10:00"
  days: [mon, wed, sat]
  holidays: DE-BY
steps:
  - { id: later, day: 7, template: reminder, tone: confident }
  - { id: due, day: 0, template: reminder, attach: [statement] }
  - { id: call, day: 0, action: task }
  - { id: early, day: -3, template: reminder }
escalations:
  - { id: esc, day: 21, unless: response, assignTo: controller, stop: true }
  - { id: note, day: 30, assignTo: legal }
caps:
  discount: [{ upTo: 5% }, { approvers: [controller] }]
`;

const segments = `kind: Segment
name: zeta
priority: 5
cadence: standard
mode: autopilot
sendCap: 50
sender: ar.acme.example
guardrails: { holidays: none, consolidate: false }
match:
  customer.tags: { includes: smb }
  invoice.balance: { lt: 10000 }
---
kind: Segment
name: alpha
cadence: standard
mode: shadow
---
kind: Segment
name: beta
priority: 5
cadence: standard
mode: shadow
`;

describe('resolvePolicy', () => {
  const policy = loadPolicy({ 'workspace.yaml': workspace, 'cadence.yaml': cadence, 'segments.yaml': segments });
  const bySegment = (name: string) => {
    const segment = policy.segments.find((candidate) => candidate.name === name);
    if (!segment) throw new Error(name);
    return segment;
  };

  it('fills the built-in defaults', () => {
    expect(resolveGuardrails()).toEqual({
      sendAtMinute: 540,
      quietHours: { fromMinute: 1200, toMinute: 480 },
      days: new Set([1, 2, 3, 4, 5]),
      holidays: null,
      maxSendsPerDay: 1,
      minBalance: '0',
      catchUp: 'latest',
      consolidate: true,
      replyPauseDays: 3,
      promiseGraceDays: 1,
    });
  });

  it('merges guardrails per key: defaults < workspace < cadence < segment', () => {
    expect(policy.workspace.guardrails).toMatchObject({ sendAtMinute: 510, maxSendsPerDay: 2, minBalance: '10.50', holidays: null });
    expect(bySegment('alpha').guardrails).toEqual({
      sendAtMinute: 600, // cadence over workspace
      quietHours: { fromMinute: 1260, toMinute: 420 }, // workspace over default
      days: new Set([1, 3, 6]), // cadence
      holidays: 'DE-BY', // cadence
      maxSendsPerDay: 2, // workspace
      minBalance: '10.50',
      catchUp: 'latest', // default
      consolidate: true,
      replyPauseDays: 3,
      promiseGraceDays: 1,
    });
    expect(bySegment('zeta').guardrails).toMatchObject({ sendAtMinute: 600, holidays: null, consolidate: false, maxSendsPerDay: 2 });
  });

  it('turns quietHours: none into no window', () => {
    expect(resolveGuardrails({ quietHours: { from: '22:00', to: '06:00' } }, { quietHours: 'none' }).quietHours).toBeNull();
  });

  it('orders segments by priority, then name, with 100 as the default priority', () => {
    expect(policy.segments.map((segment) => [segment.name, segment.priority])).toEqual([
      ['beta', 5],
      ['zeta', 5],
      ['alpha', 100],
    ]);
  });

  it('resolves segment details: conditions, mode, cap and sender', () => {
    const zeta = bySegment('zeta');
    expect(zeta.conditions).toEqual([
      { field: 'customer.tags', condition: { includes: 'smb' } },
      { field: 'invoice.balance', condition: { lt: 10000 } },
    ]);
    expect(zeta).toMatchObject({ mode: 'autopilot', sendCap: 50 });
    expect(zeta.sender).toEqual({ domain: 'ar.acme.example', warmupStartDay: null, warmupRamp: [10, 20], address: 'billing@ar.acme.example' });
    // Without an address, messages come from receivables@ the sending domain.
    expect(bySegment('alpha').sender).toEqual({
      domain: 'mail.acme.example',
      warmupStartDay: parseCalendarDay('2024-03-04'),
      warmupRamp: defaultWarmupRamp,
      address: 'receivables@mail.acme.example',
    });
    expect(bySegment('alpha')).toMatchObject({ conditions: [], sendCap: null, mode: 'shadow' });
    expect(bySegment('alpha').cadence).toBe(policy.cadences.get('standard'));
  });

  it('has no sender when the workspace lists none', () => {
    const bare = loadPolicy({ 'workspace.yaml': 'kind: Workspace\ntimezone: UTC\nlocale: en\ncurrency: USD\nplan: starter\n' });
    expect(bare.segments[0]?.sender).toBeNull();
    expect(bare.workspace.senders).toEqual([]);
  });

  it('sorts steps by day, keeping file order on one day, with tones and defaults filled in', () => {
    const standard = policy.cadences.get('standard');
    expect(standard?.steps).toEqual([
      { id: 'early', day: -3, action: 'email', template: 'reminder', tone: 'formal', attach: [], assignTo: 'operator' },
      { id: 'due', day: 0, action: 'email', template: 'reminder', tone: 'formal', attach: ['statement'], assignTo: 'operator' },
      { id: 'call', day: 0, action: 'task', template: null, tone: 'formal', attach: [], assignTo: 'operator' },
      { id: 'later', day: 7, action: 'email', template: 'reminder', tone: 'confident', attach: [], assignTo: 'operator' },
    ]);
    expect(standard?.escalations).toEqual([
      { id: 'esc', day: 21, unlessResponse: true, assignTo: 'controller', stop: true },
      { id: 'note', day: 30, unlessResponse: false, assignTo: 'legal', stop: false },
    ]);
    expect(standard?.caps).toEqual({
      discount: [
        { upTo: '5', approvers: [] },
        { upTo: null, approvers: ['controller'] },
      ],
      credit: [],
    });
  });

  it('gives a cadence without a tone the neutral one', () => {
    expect(loadPolicy({}).cadences.get('standard')?.steps[0]?.tone).toBe('neutral');
  });

  it('reads a plain-text subject or body as the neutral tone', () => {
    const template = 'kind: Template\nname: reminder\nsubject: Pay {invoice_number}\nbody:\n  neutral: n\n  formal: f\n';
    expect(loadPolicy({ 'templates.yaml': template }).templates.get('reminder')).toEqual({
      name: 'reminder',
      subject: { neutral: 'Pay {invoice_number}' },
      body: { neutral: 'n', formal: 'f' },
      attach: [],
    });
  });

  it('keeps workspace settings as written', () => {
    expect(policy.workspace).toMatchObject({ name: null, timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', plan: 'scale' });
  });

  it('gives branding defaults: the workspace name (else Plixo) and the default colour', () => {
    expect(policy.workspace.branding).toEqual({ companyName: 'Plixo', logoUrl: null, color: '#1f6feb', senderName: null, signature: null });
    const named = loadPolicy({ 'workspace.yaml': 'kind: Workspace\nname: acme\ntimezone: UTC\nlocale: en-US\ncurrency: USD\nplan: growth\n' });
    expect(named.workspace.branding.companyName).toBe('acme');
  });

  it('reads branding as written, with the colour in lower case and the signature without its final newline', () => {
    const text = [
      'kind: Workspace',
      'name: acme',
      'timezone: UTC',
      'locale: en-US',
      'currency: USD',
      'plan: growth',
      'branding:',
      '  companyName: Acme Inc.',
      '  logoUrl: https://acme.example/logo.png',
      '  color: "#0B7A3E"',
      '  senderName: Acme Accounts Receivable',
      '  signature: |',
      '    Jana Novak',
      '    Accounts Receivable',
      '',
    ].join('\n');
    expect(loadPolicy({ 'workspace.yaml': text }).workspace.branding).toEqual({
      companyName: 'Acme Inc.',
      logoUrl: 'https://acme.example/logo.png',
      color: '#0b7a3e',
      senderName: 'Acme Accounts Receivable',
      signature: 'Jana Novak\nAccounts Receivable',
    });
  });

  it('refuses a logo that is not https, a colour that is not #RRGGBB and unknown branding keys', () => {
    const text = [
      'kind: Workspace',
      'timezone: UTC',
      'locale: en-US',
      'currency: USD',
      'plan: growth',
      'branding:',
      '  logoUrl: http://acme.example/logo.png',
      '  color: blue',
      '  colour: "#ffffff"',
      '',
    ].join('\n');
    const result = loadPolicyBundle(buildPolicyFiles({ 'workspace.yaml': text }));
    const found = result.issues.map((issue) => [issue.line, issue.code]);
    expect(found).toEqual(expect.arrayContaining([[7, 'invalid-format'], [8, 'invalid-format'], [9, 'unknown-key']]));
    expect(result.policy).toBeNull();
  });

  it('refuses a segment whose cadence is missing: the loader reports it instead of resolving', () => {
    const documents = {
      workspace: { kind: 'Workspace' as const, timezone: 'UTC', locale: 'en', currency: 'USD', plan: 'growth' as const },
      cadences: [],
      templates: [],
      segments: [{ kind: 'Segment' as const, name: 's', cadence: 'missing', mode: 'shadow' as const }],
    };
    expect(() => resolvePolicy(documents)).toThrow(/missing/);
  });
});
