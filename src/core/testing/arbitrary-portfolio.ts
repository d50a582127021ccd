import fc from 'fast-check';
import { formatCalendarDay, type EpochDay } from '../time/calendar-day.ts';
import { fromLocal, type Instant } from '../time/time-zone.ts';
import { policyYaml, type CadenceSpec, type EscalationSpec, type SegmentSpec, type StepSpec, type Weekday } from './engine-spec-fixtures.ts';

// Random but valid scenarios for the engine's property tests (src/core/planning/engine-properties.test.ts):
// a policy drawn from a few variations, a portfolio of customers in awkward time zones with
// invoices in currencies of 0, 2 and 3 decimals, events of every type, and a simulation window
// that crosses daylight-saving changes. A scenario keeps its facts in plain numbers (minor units,
// epoch days, instants) so a test can check the engine's output against them, and renders them
// as the policy YAML and DATA.json the engine reads.
//
// Everything is drawn as small integers and indices (the `Raw…` types) and only then turned into
// a scenario, so fast-check shrinks a failing case toward fewer customers, invoices and events.

const msPerMinute = 60_000;
const msPerHour = 3_600_000;
const msPerDay = 86_400_000;
const quarterMs = 15 * msPerMinute;
const quartersPerDay = 96;

export const zones = [
  'America/New_York',
  'Europe/Berlin',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'UTC',
] as const;

export const currencies = ['EUR', 'JPY', 'KWD', 'USD'] as const;
export type Currency = (typeof currencies)[number];
const currencyDigits: Record<Currency, number> = { EUR: 2, JPY: 0, KWD: 3, USD: 2 };

/** Windows start near these instants, so spring and autumn DST changes fall inside them. */
const anchors = ['2024-03-01T00:00:00Z', '2024-10-01T00:00:00Z', '2025-01-01T00:00:00Z'].map((text) => Date.parse(text));

const allDays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const isoWeekdayOf: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

export type QuietHoursSetting = { from: string; to: string } | 'none';

/** The guardrails every segment ends up with (the test's expectations), however they are spread over the layers. */
export interface ScenarioGuardrails {
  sendAt: string;
  quietHours: QuietHoursSetting;
  days: Weekday[];
  holidays: 'none' | 'US' | 'DE';
  maxSendsPerDay: number;
  minBalance: string;
  catchUp: 'latest' | 'sequential' | 'skip';
  consolidate: boolean;
  replyPauseDays: number;
  promiseGraceDays: number;
}

/** Keys that may be written on a cadence or a segment instead of the workspace (over a decoy value there). */
const layeredKeys = ['sendAt', 'quietHours', 'days', 'holidays', 'maxSendsPerDay', 'catchUp', 'consolidate'] as const;
type LayeredKey = (typeof layeredKeys)[number];
export type GuardrailLayer = 'workspace' | 'cadence' | 'segment';

/** Values the workspace holds when a cadence or segment overrides the key: any leak of them shows. */
const decoys: Pick<ScenarioGuardrails, LayeredKey> = {
  sendAt: '13:37',
  quietHours: 'none',
  days: allDays,
  holidays: 'none',
  maxSendsPerDay: 9,
  catchUp: 'sequential',
  consolidate: false,
};

export interface ScenarioSender {
  domain: string;
  warmupStart: EpochDay | null;
  warmupRamp: number[] | null;
}

export interface ScenarioSegment {
  name: string;
  cadence: string;
  mode: 'shadow' | 'autopilot';
  priority: number;
  match?: Record<string, unknown>;
  sendCap?: number;
  sender?: string;
}

export interface ScenarioCustomer {
  id: string;
  /** null: the workspace's zone. */
  timeZone: string | null;
  emails: string[];
}

export interface ScenarioInvoice {
  id: string;
  customer: string;
  currency: Currency;
  dueOn: EpochDay;
  amountMinor: number;
  balanceMinor: number;
  /** null: known from the simulation start. */
  knownAt: Instant | null;
}

export type ScenarioEvent =
  | { type: 'payment'; at: Instant; invoice: string; amountMinor: number }
  | { type: 'reply'; at: Instant; customer: string }
  | { type: 'promise'; at: Instant; invoice: string; amountMinor: number; on: EpochDay }
  /** Instalments in date order; their sum never exceeds the balance when the plan is agreed. */
  | { type: 'plan'; at: Instant; invoice: string; installments: { on: EpochDay; amountMinor: number }[] }
  | { type: 'plan_cancelled'; at: Instant; invoice: string }
  | { type: 'dispute'; at: Instant; invoice: string }
  | { type: 'dispute_resolved'; at: Instant; invoice: string }
  | { type: 'pause'; at: Instant; customer: string | null; invoice: string | null; until: EpochDay }
  | { type: 'maintenance'; at: Instant; from: Instant; to: Instant };

export interface Scenario {
  workspaceTimeZone: string;
  guardrails: ScenarioGuardrails;
  layers: Record<LayeredKey, GuardrailLayer>;
  senders: ScenarioSender[];
  cadences: CadenceSpec[];
  segments: ScenarioSegment[];
  customers: ScenarioCustomer[];
  invoices: ScenarioInvoice[];
  /** In input order (the engine applies events of one instant in this order). */
  events: ScenarioEvent[];
  from: Instant;
  to: Instant;
}

// ---------------------------------------------------------------------------------------------
// Raw draws

interface RawInvoice {
  dueOffset: number;
  currency: number;
  amountUnits: number;
  cents: number;
  balanceKind: number;
  knownKind: number;
  knownOffset: number;
}

interface RawCustomer {
  zone: number | null;
  contacts: number;
  invoices: RawInvoice[];
}

interface RawEvent {
  kind: number;
  target: number;
  offset: number;
  aligned: boolean;
  extra: number;
  extra2: number;
  flag: boolean;
}

interface RawStep {
  day: number;
  task: boolean;
}

interface RawEscalation {
  day: number;
  unless: boolean;
  stop: boolean;
}

interface RawPolicy {
  workspaceZone: number;
  guardrails: ScenarioGuardrails;
  layers: Record<LayeredKey, GuardrailLayer>;
  steps: RawStep[];
  escalations: RawEscalation[];
  firmSteps: RawStep[];
  segmentVariant: 'single' | 'byBalance' | 'byAge';
  modes: ['shadow' | 'autopilot', 'shadow' | 'autopilot'];
  sendCap: number | null;
  warmup: { start: number; ramp: number[] | null } | null;
  secondSender: boolean;
}

interface RawScenario {
  anchor: number;
  startDayOffset: number;
  startQuarter: number;
  lengthDays: number;
  policy: RawPolicy;
  customers: RawCustomer[];
  events: RawEvent[];
}

const sendAts = ['09:00', '02:30', '23:30', '07:00', '00:15', '13:45'];
const quietHoursOptions: QuietHoursSetting[] = [
  'none',
  { from: '20:00', to: '08:00' },
  { from: '22:00', to: '06:00' },
  { from: '12:00', to: '14:00' },
  { from: '01:00', to: '03:00' },
  { from: '18:00', to: '02:45' },
];

const guardrailsArbitrary: fc.Arbitrary<ScenarioGuardrails> = fc.record({
  sendAt: fc.constantFrom(...sendAts),
  quietHours: fc.constantFrom(...quietHoursOptions),
  days: fc.oneof(
    fc.constant<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']),
    fc.subarray(allDays, { minLength: 1 }),
    // Sparse weeks: no two sending days in a row.
    fc.constantFrom<Weekday[]>(['mon', 'wed', 'fri'], ['tue', 'thu'], ['thu'], ['sat']),
  ),
  holidays: fc.constantFrom('none' as const, 'US' as const, 'DE' as const),
  maxSendsPerDay: fc.integer({ min: 1, max: 2 }),
  minBalance: fc.constantFrom('0', '0', '0', '40'),
  catchUp: fc.constantFrom('latest' as const, 'sequential' as const, 'skip' as const),
  consolidate: fc.boolean(),
  replyPauseDays: fc.integer({ min: 0, max: 4 }),
  promiseGraceDays: fc.integer({ min: 0, max: 2 }),
});

const layerArbitrary = fc.constantFrom<GuardrailLayer>('workspace', 'workspace', 'cadence', 'segment');

/** One step in five is a task. */
const taskArbitrary = fc.nat({ max: 4 }).map((value) => value === 0);

const rawPolicyArbitrary: fc.Arbitrary<RawPolicy> = fc.record({
  workspaceZone: fc.nat({ max: zones.length - 1 }),
  guardrails: guardrailsArbitrary,
  layers: fc.record({
    sendAt: layerArbitrary,
    quietHours: layerArbitrary,
    days: layerArbitrary,
    holidays: layerArbitrary,
    maxSendsPerDay: layerArbitrary,
    catchUp: layerArbitrary,
    consolidate: layerArbitrary,
  }),
  steps: fc.array(fc.record({ day: fc.integer({ min: -7, max: 40 }), task: taskArbitrary }), { minLength: 1, maxLength: 5 }),
  escalations: fc.array(fc.record({ day: fc.integer({ min: 0, max: 45 }), unless: fc.boolean(), stop: fc.boolean() }), { maxLength: 3 }),
  firmSteps: fc.array(fc.record({ day: fc.integer({ min: 10, max: 50 }), task: taskArbitrary }), { minLength: 1, maxLength: 3 }),
  segmentVariant: fc.constantFrom('single' as const, 'byBalance' as const, 'byAge' as const),
  modes: fc.tuple(fc.constantFrom('autopilot' as const, 'shadow' as const), fc.constantFrom('autopilot' as const, 'shadow' as const)),
  sendCap: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
  warmup: fc.option(
    fc.record({
      start: fc.integer({ min: -20, max: 30 }),
      ramp: fc.option(fc.constantFrom([1, 2], [1], [2, 1, 3], [1, 1, 2, 2]), { nil: null }),
    }),
    { nil: null },
  ),
  secondSender: fc.boolean(),
});

const rawInvoiceArbitrary: fc.Arbitrary<RawInvoice> = fc.record({
  dueOffset: fc.nat({ max: 1000 }),
  currency: fc.nat({ max: currencies.length - 1 }),
  amountUnits: fc.integer({ min: 1, max: 5000 }),
  cents: fc.nat({ max: 999 }),
  balanceKind: fc.nat({ max: 9 }),
  knownKind: fc.nat({ max: 5 }),
  knownOffset: fc.nat({ max: 100_000 }),
});

const rawCustomerArbitrary: fc.Arbitrary<RawCustomer> = fc.record({
  zone: fc.option(fc.nat({ max: zones.length - 1 }), { nil: null, freq: 4 }),
  contacts: fc.constantFrom(0, 1, 1, 1, 2),
  invoices: fc.array(rawInvoiceArbitrary, { minLength: 1, maxLength: 4 }),
});

const rawEventArbitrary: fc.Arbitrary<RawEvent> = fc.record({
  kind: fc.nat({ max: 13 }),
  target: fc.nat({ max: 100 }),
  offset: fc.nat({ max: 1_000_000 }),
  aligned: fc.boolean(),
  extra: fc.nat({ max: 10_000 }),
  extra2: fc.nat({ max: 10_000 }),
  flag: fc.boolean(),
});

const rawScenarioArbitrary: fc.Arbitrary<RawScenario> = fc.record({
  anchor: fc.nat({ max: anchors.length - 1 }),
  startDayOffset: fc.integer({ min: -5, max: 20 }),
  startQuarter: fc.constantFrom(0, 0, 37, 55),
  lengthDays: fc.integer({ min: 30, max: 90 }),
  policy: rawPolicyArbitrary,
  customers: fc.array(rawCustomerArbitrary, { minLength: 1, maxLength: 6 }),
  events: fc.array(rawEventArbitrary, { maxLength: 24 }),
});

/** Random scenarios: 1-6 customers, 1-4 invoices each, up to 24 events (some expanding into two). */
export const scenarioArbitrary: fc.Arbitrary<Scenario> = rawScenarioArbitrary.map(buildScenario);

// ---------------------------------------------------------------------------------------------
// From raw draws to a scenario

function formatMinor(minor: number, currency: Currency): string {
  const digits = currencyDigits[currency];
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function utcDay(instant: Instant): EpochDay {
  return Math.floor(instant / msPerDay);
}

function minuteOfDay(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function buildScenario(raw: RawScenario): Scenario {
  const from = anchors[raw.anchor]! + raw.startDayOffset * msPerDay + raw.startQuarter * quarterMs;
  const to = from + raw.lengthDays * msPerDay;
  const fromDay = utcDay(from);
  const policy = raw.policy;
  const workspaceTimeZone = zones[policy.workspaceZone]!;

  const customers: ScenarioCustomer[] = [];
  const invoices: ScenarioInvoice[] = [];
  raw.customers.forEach((rawCustomer, customerIndex) => {
    const id = `c${customerIndex + 1}`;
    const emails = Array.from({ length: rawCustomer.contacts }, (_, index) => `ap${index + 1}@${id}.example`);
    customers.push({ id, timeZone: rawCustomer.zone === null ? null : zones[rawCustomer.zone]!, emails });
    rawCustomer.invoices.forEach((rawInvoice, invoiceIndex) => {
      const currency = currencies[rawInvoice.currency]!;
      const digits = currencyDigits[currency];
      // JPY amounts are larger in units; the others carry their decimals.
      const units = currency === 'JPY' ? rawInvoice.amountUnits * 100 : rawInvoice.amountUnits;
      const amountMinor = units * 10 ** digits + (digits === 0 ? 0 : rawInvoice.cents % 10 ** digits);
      const balanceMinor =
        rawInvoice.balanceKind === 0 ? 0 : rawInvoice.balanceKind <= 2 ? Math.max(1, Math.floor((amountMinor * rawInvoice.balanceKind) / 3)) : amountMinor;
      const span = raw.lengthDays + 50;
      const dueOn = fromDay - 40 + (rawInvoice.dueOffset % span);
      const knownSpan = (raw.lengthDays + 10) * quartersPerDay;
      const knownAt =
        rawInvoice.knownKind <= 2 ? null : from + ((rawInvoice.knownOffset % knownSpan) - 10 * quartersPerDay) * quarterMs;
      invoices.push({
        id: `INV-${customerIndex + 1}${String.fromCharCode(97 + invoiceIndex)}`,
        customer: id,
        currency,
        dueOn,
        amountMinor,
        balanceMinor,
        knownAt,
      });
    });
  });

  const zoneOf = (customerId: string) => customers.find((customer) => customer.id === customerId)!.timeZone ?? workspaceTimeZone;
  const sendAtMinute = minuteOfDay(policy.guardrails.sendAt);
  const events: ScenarioEvent[] = [];
  const eventSpan = (raw.lengthDays + 10) * quartersPerDay;
  for (const rawEvent of raw.events) {
    const invoice = invoices[rawEvent.target % invoices.length]!;
    const customerId = rawEvent.kind === 1 ? customers[rawEvent.target % customers.length]!.id : invoice.customer;
    let at = from + ((rawEvent.offset % eventSpan) - 10 * quartersPerDay) * quarterMs;
    if (rawEvent.aligned) {
      // At the sendAt of the customer's local date: the instant a step may be planned for.
      at = fromLocal(zoneOf(customerId), utcDay(at), sendAtMinute * msPerMinute);
    }
    if (at >= to) at = to - quarterMs;
    const day = utcDay(at);
    switch (rawEvent.kind) {
      case 0:
      case 7: {
        const percents = [100, 100, 50, 25, 120, 10, 99, 101];
        const percent = percents[rawEvent.extra % percents.length]!;
        const base = rawEvent.flag ? invoice.amountMinor : Math.max(invoice.balanceMinor, 1);
        events.push({ type: 'payment', at, invoice: invoice.id, amountMinor: Math.max(1, Math.floor((base * percent) / 100)) });
        break;
      }
      case 1:
        events.push({ type: 'reply', at, customer: customerId });
        break;
      case 2: {
        const amountMinor = rawEvent.flag ? Math.max(1, invoice.balanceMinor) : Math.max(1, Math.floor(invoice.amountMinor / 2));
        events.push({ type: 'promise', at, invoice: invoice.id, amountMinor, on: day + (rawEvent.extra % 15) - 2 });
        break;
      }
      case 3:
      case 8: {
        events.push({ type: 'dispute', at, invoice: invoice.id });
        if (rawEvent.flag) {
          const resolvedAt = Math.min(to - 1, at + (1 + (rawEvent.extra % (12 * quartersPerDay))) * quarterMs);
          events.push({ type: 'dispute_resolved', at: resolvedAt, invoice: invoice.id });
        }
        break;
      }
      case 4:
        events.push({ type: 'dispute_resolved', at, invoice: invoice.id });
        break;
      case 5:
      case 9:
        events.push({
          type: 'pause',
          at,
          customer: rawEvent.flag ? customerId : null,
          invoice: rawEvent.flag ? null : invoice.id,
          until: day + (rawEvent.extra % 15) - 1,
        });
        break;
      case 6:
      case 10: {
        // Announced ahead (flag) or once already under way; on whole hours from the simulation
        // start (aligned), as maintenance windows usually are and as an hourly clock sees them,
        // or on any quarter hour.
        let windowFrom: Instant;
        let windowTo: Instant;
        if (rawEvent.aligned) {
          const hour = rawEvent.flag ? Math.ceil((at - from) / msPerHour) + (rawEvent.extra % 24) : Math.floor((at - from) / msPerHour);
          windowFrom = from + hour * msPerHour;
          windowTo = windowFrom + (1 + (rawEvent.extra2 % 72)) * msPerHour;
        } else {
          windowFrom = rawEvent.flag ? at + (rawEvent.extra % quartersPerDay) * quarterMs : at - (rawEvent.extra % 8) * quarterMs;
          windowTo = windowFrom + (1 + (rawEvent.extra2 % (3 * quartersPerDay))) * quarterMs;
        }
        events.push({ type: 'maintenance', at, from: windowFrom, to: windowTo });
        break;
      }
      case 11:
      case 12: {
        // 1-4 instalments a week or two apart, the first from a few days before the plan's date
        // (an approval that came late) to two weeks after it; amounts are fitted to the balance
        // once every event is known (fitPlansToBalances).
        const count = 1 + (rawEvent.extra2 % 4);
        const first = day + (rawEvent.extra % 17) - 3;
        const gap = rawEvent.flag ? 7 : 14;
        const installments = Array.from({ length: count }, (_, index) => ({ on: first + index * gap, amountMinor: 0 }));
        events.push({ type: 'plan', at, invoice: invoice.id, installments });
        break;
      }
      case 13:
        events.push({ type: 'plan_cancelled', at, invoice: invoice.id });
        break;
    }
  }
  fitPlansToBalances(events, invoices);

  const stepSpecs = (rawSteps: RawStep[], prefix: string): StepSpec[] =>
    rawSteps.map((step, index) =>
      step.task ? { id: `${prefix}${index + 1}`, day: step.day, action: 'task' as const, assignTo: 'operator' } : { id: `${prefix}${index + 1}`, day: step.day, template: index % 2 === 0 ? 'reminder' : 'overdue' },
    );
  const escalations: EscalationSpec[] = policy.escalations.map((escalation, index) => ({
    id: `esc${index + 1}`,
    day: escalation.day,
    assignTo: index % 2 === 0 ? 'operator' : 'ar_manager',
    ...(escalation.unless ? { unless: 'response' as const } : {}),
    ...(escalation.stop ? { stop: true } : {}),
  }));
  const cadences: CadenceSpec[] = [{ name: 'main', steps: stepSpecs(policy.steps, 's'), escalations }];
  if (policy.segmentVariant === 'byAge') cadences.push({ name: 'firm', tone: 'confident', steps: stepSpecs(policy.firmSteps, 'f') });

  const primary = 'ar.plixo.example';
  const secondary = 'bulk.plixo.example';
  const warmupStart = policy.warmup ? fromDay + policy.warmup.start : null;
  const senders: ScenarioSender[] = [{ domain: primary, warmupStart, warmupRamp: policy.warmup?.ramp ?? null }];
  if (policy.secondSender) senders.push({ domain: secondary, warmupStart: fromDay, warmupRamp: [1, 2] });

  const segments: ScenarioSegment[] = [];
  const capped = policy.sendCap === null ? {} : { sendCap: policy.sendCap };
  switch (policy.segmentVariant) {
    case 'single':
      segments.push({ name: 'all', cadence: 'main', mode: policy.modes[0], priority: 100, ...capped });
      break;
    case 'byBalance':
      segments.push({
        name: 'big',
        cadence: 'main',
        mode: policy.modes[0],
        priority: 10,
        match: { 'invoice.balance': { gte: 1000 } },
        ...capped,
        ...(policy.secondSender ? { sender: secondary } : {}),
      });
      segments.push({ name: 'all', cadence: 'main', mode: policy.modes[1], priority: 100 });
      break;
    case 'byAge':
      segments.push({
        name: 'late',
        cadence: 'firm',
        mode: policy.modes[0],
        priority: 10,
        match: { 'invoice.daysPastDue': { gte: 20 } },
        ...(policy.secondSender ? { sender: secondary } : {}),
      });
      segments.push({ name: 'all', cadence: 'main', mode: policy.modes[1], priority: 100, ...capped });
      break;
  }

  return {
    workspaceTimeZone,
    guardrails: policy.guardrails,
    layers: policy.layers,
    senders,
    cadences,
    segments,
    customers,
    invoices,
    events,
    from,
    to,
  };
}

/**
 * A plan asks for the whole balance when it is agreed, or half of it (by whether its first date
 * is even or odd), split evenly with the remainder on the last instalment; one on an invoice owing less
 * than one minor unit per instalment is left out, as the data format refuses it.
 */
function fitPlansToBalances(events: ScenarioEvent[], invoices: readonly ScenarioInvoice[]): void {
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  const balances = new Map(invoices.map((invoice) => [invoice.id, invoice.balanceMinor]));
  const dropped = new Set<ScenarioEvent>();
  for (const { event } of ordered) {
    if (event.type === 'payment') balances.set(event.invoice, balances.get(event.invoice)! - event.amountMinor);
    if (event.type !== 'plan') continue;
    const balance = balances.get(event.invoice)!;
    const total = event.installments[0]!.on % 2 === 0 ? balance : Math.floor(balance / 2);
    const count = event.installments.length;
    if (total < count) {
      dropped.add(event);
      continue;
    }
    const part = Math.floor(total / count);
    event.installments.forEach((installment, index) => {
      installment.amountMinor = index === count - 1 ? total - part * (count - 1) : part;
    });
  }
  for (let index = events.length - 1; index >= 0; index -= 1) if (dropped.has(events[index]!)) events.splice(index, 1);
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** The scenario's policy bundle as YAML (spec section 1). */
export function scenarioPolicyYaml(scenario: Scenario): string {
  const workspace: Record<string, unknown> = {};
  const cadenceLayer: Record<string, unknown> = {};
  const segmentLayer: Record<string, unknown> = {};
  const guardrails = scenario.guardrails;
  for (const key of Object.keys(guardrails) as (keyof ScenarioGuardrails)[]) {
    const value = guardrails[key];
    const layer = (layeredKeys as readonly string[]).includes(key) ? scenario.layers[key as LayeredKey] : 'workspace';
    if (layer === 'workspace') {
      workspace[key] = value;
      continue;
    }
    workspace[key] = decoys[key as LayeredKey];
    if (layer === 'cadence') cadenceLayer[key] = value;
    else segmentLayer[key] = value;
  }
  const cadences = scenario.cadences.map((cadence) => (Object.keys(cadenceLayer).length > 0 ? { ...cadence, guardrails: cadenceLayer } : cadence));
  const segments: SegmentSpec[] = scenario.segments.map((segment) => ({
    ...segment,
    ...(Object.keys(segmentLayer).length > 0 ? { guardrails: segmentLayer } : {}),
  }));
  return policyYaml({
    timezone: scenario.workspaceTimeZone,
    guardrails: workspace,
    senders: scenario.senders.map((sender) => ({
      domain: sender.domain,
      ...(sender.warmupStart === null ? {} : { warmupStart: formatCalendarDay(sender.warmupStart) }),
      ...(sender.warmupRamp === null ? {} : { warmupRamp: sender.warmupRamp }),
    })),
    cadences,
    segments,
  });
}

function isoInstant(instant: Instant): string {
  return new Date(instant).toISOString();
}

/** The scenario's DATA.json (spec section 5). */
export function scenarioData(scenario: Scenario): Record<string, unknown> {
  const currencyOf = new Map(scenario.invoices.map((invoice) => [invoice.id, invoice.currency]));
  return {
    customers: scenario.customers.map((customer) => ({
      id: customer.id,
      name: `Customer ${customer.id}`,
      ...(customer.timeZone ? { timezone: customer.timeZone } : {}),
      contacts: customer.emails.length === 0 ? [{ name: 'No email' }] : customer.emails.map((email, index) => ({ name: `AP ${index + 1}`, email })),
    })),
    invoices: scenario.invoices.map((invoice) => ({
      id: invoice.id,
      customer: invoice.customer,
      number: invoice.id,
      issuedOn: formatCalendarDay(invoice.dueOn - 30),
      dueOn: formatCalendarDay(invoice.dueOn),
      amount: formatMinor(invoice.amountMinor, invoice.currency),
      balance: formatMinor(invoice.balanceMinor, invoice.currency),
      currency: invoice.currency,
      ...(invoice.knownAt === null ? {} : { knownAt: isoInstant(invoice.knownAt) }),
    })),
    events: scenario.events.map((event) => {
      const at = isoInstant(event.at);
      switch (event.type) {
        case 'payment':
          return { at, type: event.type, invoice: event.invoice, amount: formatMinor(event.amountMinor, currencyOf.get(event.invoice)!) };
        case 'promise':
          return { at, type: event.type, invoice: event.invoice, amount: formatMinor(event.amountMinor, currencyOf.get(event.invoice)!), on: formatCalendarDay(event.on) };
        case 'plan':
          return {
            at,
            type: event.type,
            invoice: event.invoice,
            installments: event.installments.map((installment) => ({ on: formatCalendarDay(installment.on), amount: formatMinor(installment.amountMinor, currencyOf.get(event.invoice)!) })),
          };
        case 'reply':
          return { at, type: event.type, customer: event.customer };
        case 'plan_cancelled':
        case 'dispute':
        case 'dispute_resolved':
          return { at, type: event.type, invoice: event.invoice };
        case 'pause':
          return { at, type: event.type, ...(event.customer ? { customer: event.customer } : { invoice: event.invoice }), until: formatCalendarDay(event.until) };
        case 'maintenance':
          return { at, type: event.type, from: isoInstant(event.from), to: isoInstant(event.to) };
      }
    }),
  };
}

export function scenarioFrom(scenario: Scenario): string {
  return isoInstant(scenario.from);
}

export function scenarioTo(scenario: Scenario): string {
  return isoInstant(scenario.to);
}

/** ISO weekday numbers (1 = Monday) of the scenario's sending days. */
export function sendingWeekdays(guardrails: ScenarioGuardrails): Set<number> {
  return new Set(guardrails.days.map((day) => isoWeekdayOf[day]));
}

export function quietMinutes(guardrails: ScenarioGuardrails): { from: number; to: number } | null {
  return guardrails.quietHours === 'none' ? null : { from: minuteOfDay(guardrails.quietHours.from), to: minuteOfDay(guardrails.quietHours.to) };
}

/** A compact, readable form of a scenario for failure reports. */
export function describeScenario(scenario: Scenario): string {
  const data = scenarioData(scenario);
  const list = (key: string) => (data[key] as unknown[]).map((record) => `    ${JSON.stringify(record)}`).join(',\n');
  return [
    `simulate --from ${scenarioFrom(scenario)} --to ${scenarioTo(scenario)}`,
    '--- policy',
    scenarioPolicyYaml(scenario).trimEnd(),
    '--- data',
    `{\n  "customers": [\n${list('customers')}\n  ],\n  "invoices": [\n${list('invoices')}\n  ],\n  "events": [\n${list('events')}\n  ]\n}`,
  ].join('\n');
}
