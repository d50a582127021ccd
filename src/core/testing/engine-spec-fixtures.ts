import { stringify } from 'yaml';
import { simulateYaml } from './simulate-yaml.ts';

// Builders for the engine's behaviour tests (src/core/planning/engine-spec-*.test.ts): a policy
// bundle written as the spec's multi-document YAML, DATA.json records, and a compact, readable
// form of the actions `plixo simulate` prints. The tests' expected instants are derived by hand
// from the spec; nothing here computes an instant.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export const weekdaysOnly: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const everyDay: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface StepSpec {
  id: string;
  day: number;
  /** Defaults to `reminder` for an email step. */
  template?: string;
  tone?: 'formal' | 'neutral' | 'confident';
  action?: 'email' | 'task';
  assignTo?: string;
}

export interface EscalationSpec {
  id: string;
  day: number;
  unless?: 'response';
  assignTo: string;
  stop?: boolean;
}

export interface CadenceSpec {
  name: string;
  tone?: 'formal' | 'neutral' | 'confident';
  steps: StepSpec[];
  escalations?: EscalationSpec[];
  guardrails?: Record<string, unknown>;
}

export interface SegmentSpec {
  name: string;
  cadence: string;
  mode?: 'shadow' | 'autopilot';
  priority?: number;
  match?: Record<string, unknown>;
  sendCap?: number;
  sender?: string;
  guardrails?: Record<string, unknown>;
}

export interface PolicySpec {
  /** Workspace time zone; America/New_York unless given. */
  timezone?: string;
  guardrails?: Record<string, unknown>;
  senders?: Record<string, unknown>[];
  cadences: CadenceSpec[];
  /** Absent: one catch-all autopilot segment `all` on the first cadence. */
  segments?: SegmentSpec[];
}

/** A minimal template: a pay link, no literal amounts. */
export function templateYaml(name: string): string {
  return stringify({
    kind: 'Template',
    name,
    subject: 'Invoice {invoice_number}',
    body: 'Please pay {invoice_balance}: {pay_link}',
  });
}

/** The bundle as one multi-document YAML text, in the format of spec section 1. */
export function policyYaml(spec: PolicySpec): string {
  const documents: string[] = [];
  documents.push(
    stringify({
      kind: 'Workspace',
      name: 'acme',
      timezone: spec.timezone ?? 'America/New_York',
      locale: 'en-US',
      currency: 'USD',
      plan: 'growth',
      ...(spec.guardrails ? { guardrails: spec.guardrails } : {}),
      senders: spec.senders ?? [{ domain: 'ar.acme.example' }],
    }),
  );
  const templates = new Set<string>();
  for (const cadence of spec.cadences) {
    const steps = cadence.steps.map((step) => {
      if (step.action === 'task') return { ...step, assignTo: step.assignTo ?? 'operator' };
      const template = step.template ?? 'reminder';
      templates.add(template);
      return { ...step, template };
    });
    documents.push(
      stringify({
        kind: 'Cadence',
        name: cadence.name,
        tone: cadence.tone ?? 'neutral',
        steps,
        ...(cadence.escalations ? { escalations: cadence.escalations } : {}),
        ...(cadence.guardrails ? { guardrails: cadence.guardrails } : {}),
      }),
    );
  }
  for (const name of [...templates].sort()) documents.push(templateYaml(name));
  const segments = spec.segments ?? [{ name: 'all', cadence: spec.cadences[0]!.name }];
  for (const segment of segments) {
    documents.push(stringify({ kind: 'Segment', ...segment, mode: segment.mode ?? 'autopilot' }));
  }
  return documents.join('---\n');
}

export interface CustomerRecord {
  id: string;
  name: string;
  timezone?: string;
  locale?: string;
  tags?: string[];
  region?: string;
  industry?: string;
  score?: number;
  tier?: string;
  contacts: { name: string; email?: string }[];
}

export function customer(id: string, timezone?: string, extra: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    id,
    name: `Customer ${id}`,
    ...(timezone ? { timezone } : {}),
    contacts: [{ name: 'AP', email: `ap@${id}.example` }],
    ...extra,
  };
}

export interface InvoiceRecord {
  id: string;
  customer: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  amount: string;
  balance: string;
  currency: string;
  knownAt?: string;
}

export function invoice(
  id: string,
  customerId: string,
  dueOn: string,
  extra: { amount?: string; balance?: string; currency?: string; knownAt?: string } = {},
): InvoiceRecord {
  const amount = extra.amount ?? '1000.00';
  return {
    id,
    customer: customerId,
    number: id,
    issuedOn: '2024-01-01',
    dueOn,
    amount,
    balance: extra.balance ?? amount,
    currency: extra.currency ?? 'USD',
    ...(extra.knownAt ? { knownAt: extra.knownAt } : {}),
  };
}

export interface DataSpec {
  customers: CustomerRecord[];
  invoices: InvoiceRecord[];
  events?: Record<string, unknown>[];
}

export function data(spec: DataSpec): Record<string, unknown> {
  return { customers: spec.customers, invoices: spec.invoices, events: spec.events ?? [] };
}

export type ActionRecord = Record<string, unknown>;

interface StepRecord {
  invoice: string;
  cadence: string;
  step: string;
}

function stepsOf(action: ActionRecord): StepRecord[] {
  return ((action.steps as StepRecord[] | undefined) ?? []).slice().sort((a, b) => (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
}

/**
 * One action as a line: `AT TYPE CUSTOMER WHAT`, where WHAT is
 * - send / draft: the steps, `INV:step` joined by `+` (sorted by invoice);
 * - skip: the steps, then the reason;
 * - task / escalate: the invoices joined by `+`, then `reason->assignTo`.
 */
export function line(action: ActionRecord): string {
  const head = `${String(action.at)} ${String(action.type)} ${String(action.customer)}`;
  const steps = stepsOf(action)
    .map((step) => `${step.invoice}:${step.step}`)
    .join('+');
  switch (action.type) {
    case 'send':
    case 'draft':
      return `${head} ${steps}`;
    case 'skip':
      return `${head} ${steps} ${String(action.reason)}`;
    default: {
      const invoices = ((action.invoices as string[] | undefined) ?? []).slice().sort().join('+');
      return `${head} ${invoices} ${String(action.reason)}->${String(action.assignTo)}`;
    }
  }
}

/**
 * The actions as lines, in output order. A skip of several steps becomes one line per step (the
 * spec lets one skip action carry several steps, or each its own), and lines of one instant,
 * customer and type are sorted, since the spec does not order actions further than that.
 */
export function lines(actions: readonly ActionRecord[]): string[] {
  const out: string[] = [];
  for (const action of actions) {
    if (action.type === 'skip' && stepsOf(action).length > 1) {
      for (const step of stepsOf(action)) out.push(line({ ...action, steps: [step] }));
    } else out.push(line(action));
  }
  const groupOf = (text: string) => text.split(' ').slice(0, 3).join(' ');
  const sorted: string[] = [];
  let group: string[] = [];
  for (const text of out) {
    if (group.length > 0 && groupOf(group[0]!) !== groupOf(text)) {
      sorted.push(...group.sort());
      group = [];
    }
    group.push(text);
  }
  sorted.push(...group.sort());
  return sorted;
}

/** The actions but skips: for tests about what goes out. */
export function withoutSkips(actions: readonly ActionRecord[]): ActionRecord[] {
  return actions.filter((action) => action.type !== 'skip');
}

export interface RunInput {
  policy: string;
  data: Record<string, unknown>;
  from: string;
  to: string;
  tickMs?: number;
}

/** Runs `plixo simulate` through the real loader and engine. */
export function run(input: RunInput): ActionRecord[] {
  return simulateYaml(input);
}

/** The simulation as lines (see `line`). */
export function runLines(input: RunInput): string[] {
  return lines(run(input));
}

/** Guardrails that let a message go out at its planned instant on any day, at any hour. */
export const openGuardrails = { days: everyDay, quietHours: 'none', holidays: 'none' } as const;
