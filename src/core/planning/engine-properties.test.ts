import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Policy } from '../policy/policy-model.ts';
import {
  describeScenario,
  quietMinutes,
  scenarioArbitrary,
  scenarioData,
  scenarioFrom,
  scenarioPolicyYaml,
  scenarioTo,
  sendingWeekdays,
  type Currency,
  type Scenario,
  type ScenarioInvoice,
} from '../testing/arbitrary-portfolio.ts';
import { policyFromYaml, simulateActions } from '../testing/simulate-yaml.ts';
import { calendarYear, formatCalendarDay, isoWeekday } from '../time/calendar-day.ts';
import { isPublicHoliday } from '../time/holiday-calendar.ts';
import { localDay, startOfLocalDay, toLocal, type Instant } from '../time/time-zone.ts';
import type { EngineAction } from './engine-action.ts';

// Invariants of the engine (spec sections 2-5, docs/engine-behaviour.md) over random portfolios
// and policies (see src/core/testing/arbitrary-portfolio.ts). Each property states a rule that
// must hold for every input, checks the engine's output against the scenario's own facts, and
// on failure reports the violations next to the policy and data that produced them, shrunk by
// fast-check to a small case.

// Simulations are cheap (a few ms), and some failure classes need a rare coincidence (a
// maintenance window starting on a tick, a week without two sending days in a row), so the
// properties that hunt those run more cases.
const numRuns = 100;
const msPerHour = 3_600_000;
const msPerDay = 86_400_000;

const policies = new WeakMap<Scenario, Policy>();

function policyOf(scenario: Scenario): Policy {
  let policy = policies.get(scenario);
  if (!policy) {
    policy = policyFromYaml(scenarioPolicyYaml(scenario));
    policies.set(scenario, policy);
  }
  return policy;
}

function simulate(scenario: Scenario, tickMs?: number): EngineAction[] {
  try {
    return runEngine(scenario, tickMs);
  } catch (error) {
    throw new EngineThrew(error instanceof Error ? error.message : String(error));
  }
}

function runEngine(scenario: Scenario, tickMs?: number): EngineAction[] {
  return simulateActions({
    policy: policyOf(scenario),
    data: scenarioData(scenario),
    from: scenarioFrom(scenario),
    to: scenarioTo(scenario),
    ...(tickMs ? { tickMs } : {}),
  });
}

function iso(instant: Instant): string {
  return new Date(instant).toISOString();
}

function show(action: EngineAction): string {
  const steps = (action.steps ?? []).map((step) => `${step.invoice}:${step.cadence}/${step.step}`).join('+');
  return `${iso(action.at)} ${action.type} ${action.customer} ${steps || action.invoices.join('+')}${action.reason ? ` (${action.reason})` : ''}`;
}

/** Thrown by `simulate` wrappers when the engine itself throws; property 0 owns that failure. */
class EngineThrew extends Error {}

/**
 * Runs `check` on every scenario; a non-empty list of violations fails the case with the scenario
 * printed. A scenario on which the engine throws is property 0's failure, not this property's:
 * it is discarded here, so each property reports only the rule it states.
 */
function holdsFor(check: (scenario: Scenario, actions: EngineAction[]) => string[], runs = numRuns): void {
  fc.assert(
    fc.property(scenarioArbitrary, (scenario) => {
      let violations: string[];
      try {
        violations = check(scenario, simulate(scenario));
      } catch (error) {
        if (error instanceof EngineThrew) {
          fc.pre(false);
          return;
        }
        throw error;
      }
      if (violations.length > 0) {
        throw new Error(`${violations.slice(0, 6).join('\n')}${violations.length > 6 ? `\n… ${violations.length - 6} more` : ''}\n${describeScenario(scenario)}`);
      }
    }),
    { numRuns: runs },
  );
}

// ---------------------------------------------------------------------------------------------
// The scenario's facts, as the spec defines them

function zoneOf(scenario: Scenario, customerId: string): string {
  return scenario.customers.find((customer) => customer.id === customerId)!.timeZone ?? scenario.workspaceTimeZone;
}

function invoiceOf(scenario: Scenario, invoiceId: string): ScenarioInvoice {
  return scenario.invoices.find((invoice) => invoice.id === invoiceId)!;
}

const digits: Record<Currency, number> = { EUR: 2, JPY: 0, KWD: 3, USD: 2 };

/** Events in the order the engine applies them: by instant, then input order. */
function orderedEvents(scenario: Scenario) {
  return scenario.events.map((event, index) => ({ event, index })).sort((a, b) => a.event.at - b.event.at || a.index - b.index).map(({ event }) => event);
}

/**
 * Spec 3.1/3.4: the instant from which the invoice is ineligible by balance for good (zero or
 * below, or below minBalance; balances only fall). -Infinity: from the outset; null: never.
 */
function paidDownAt(scenario: Scenario, invoice: ScenarioInvoice): Instant | null {
  const minBalanceMinor = Number(scenario.guardrails.minBalance) * 10 ** digits[invoice.currency];
  const paidDown = (balance: number) => balance <= 0 || balance < minBalanceMinor;
  let balance = invoice.balanceMinor;
  if (paidDown(balance)) return Number.NEGATIVE_INFINITY;
  for (const event of orderedEvents(scenario)) {
    if (event.type !== 'payment' || event.invoice !== invoice.id) continue;
    balance -= event.amountMinor;
    if (paidDown(balance)) return event.at;
  }
  return null;
}

interface PlanHistory {
  /** When a plan held the invoice: from its agreement until it was broken, completed, cancelled or replaced. */
  holds: { from: Instant; until: Instant }[];
  /** The instants the invoice's plans were broken. */
  broken: Instant[];
}

/**
 * Payment plans (docs/engine-behaviour.md, "Payment plans"), followed through the invoice's
 * events: each instalment is checked at the start of the local date after (the later of its date
 * and the plan's) + promiseGraceDays; a check short of the instalments so far breaks the plan.
 * Events at an instant count before a check at that instant.
 */
function planHistory(scenario: Scenario, invoice: ScenarioInvoice): PlanHistory {
  const zone = zoneOf(scenario, invoice.customer);
  const grace = scenario.guardrails.promiseGraceDays;
  const history: PlanHistory = { holds: [], broken: [] };
  let plan: { at: Instant; checks: { checkAt: Instant; dueMinor: number }[]; paidMinor: number; next: number } | null = null;
  let balance = invoice.balanceMinor;
  const end = (until: Instant) => {
    history.holds.push({ from: plan!.at, until });
    plan = null;
  };
  const settleBefore = (before: Instant) => {
    while (plan && plan.next < plan.checks.length && plan.checks[plan.next]!.checkAt < before) {
      const check = plan.checks[plan.next]!;
      if (plan.paidMinor < check.dueMinor) {
        history.broken.push(check.checkAt);
        end(check.checkAt);
        return;
      }
      plan.next += 1;
      if (plan.next === plan.checks.length) end(check.checkAt);
    }
  };
  for (const event of orderedEvents(scenario)) {
    if (!('invoice' in event) || event.invoice !== invoice.id) continue;
    settleBefore(event.at);
    switch (event.type) {
      case 'payment':
        balance -= event.amountMinor;
        if (plan) {
          plan.paidMinor += event.amountMinor;
          if (balance <= 0) end(event.at);
        }
        break;
      case 'plan': {
        if (plan) end(event.at);
        if (balance <= 0) break;
        const agreedOn = localDay(zone, event.at);
        let dueMinor = 0;
        const checks = event.installments.map((installment) => {
          dueMinor += installment.amountMinor;
          return { checkAt: startOfLocalDay(zone, Math.max(installment.on, agreedOn) + grace + 1), dueMinor };
        });
        plan = { at: event.at, checks, paidMinor: 0, next: 0 };
        break;
      }
      case 'plan_cancelled':
        if (plan) end(event.at);
        break;
      default:
        break;
    }
  }
  settleBefore(scenario.to);
  if (plan) end(Number.POSITIVE_INFINITY);
  return history;
}

/**
 * Spec 3.1, 3.5, 3.6 and the docs' choices: why the invoice may receive no automated step at `at`
 * (events at `at` count first), or null when nothing holds it back.
 */
function blockedBecause(scenario: Scenario, invoice: ScenarioInvoice, at: Instant): string | null {
  const zone = zoneOf(scenario, invoice.customer);
  const known = Math.max(invoice.knownAt ?? scenario.from, scenario.from);
  if (at < known) return `not known until ${iso(known)}`;
  let disputed = false;
  let promise: { at: Instant; deadline: Instant } | null = null;
  let reply: Instant | null = null;
  const pauses: { at: Instant; until: number }[] = [];
  const reasons: string[] = [];
  for (const event of orderedEvents(scenario)) {
    if (event.at > at) break;
    switch (event.type) {
      case 'dispute':
      case 'dispute_resolved':
        if (event.invoice === invoice.id) disputed = event.type === 'dispute';
        break;
      case 'promise':
        // A new promise replaces an open one (docs).
        if (event.invoice === invoice.id) {
          promise = { at: event.at, deadline: startOfLocalDay(zone, event.on + scenario.guardrails.promiseGraceDays + 1) };
        }
        break;
      case 'reply':
        if (event.customer === invoice.customer) reply = event.at;
        break;
      case 'pause': {
        // Each pause holds until its own `until` (spec 3.1): a later, shorter pause does not end
        // an earlier, longer one.
        if (event.invoice === invoice.id || event.customer === invoice.customer) pauses.push({ at: event.at, until: event.until });
        break;
      }
      case 'maintenance': {
        const start = Math.max(event.from, event.at);
        if (start <= at && at < event.to) reasons.push(`maintenance ${iso(start)}..${iso(event.to)}`);
        break;
      }
      case 'payment':
        break;
    }
  }
  for (const pause of pauses) {
    if (at < startOfLocalDay(zone, pause.until)) reasons.push(`paused at ${iso(pause.at)} until ${formatCalendarDay(pause.until)}`);
  }
  if (disputed) reasons.push('disputed');
  if (promise && at < promise.deadline) reasons.push(`promise of ${iso(promise.at)} open until ${iso(promise.deadline)}`);
  for (const hold of planHistory(scenario, invoice).holds) {
    if (hold.from <= at && at < hold.until) reasons.push(`plan of ${iso(hold.from)} kept until ${Number.isFinite(hold.until) ? iso(hold.until) : 'the end'}`);
  }
  if (reply !== null) {
    const end = startOfLocalDay(zone, localDay(zone, reply) + scenario.guardrails.replyPauseDays);
    if (at < end) reasons.push(`reply of ${iso(reply)} pauses until ${iso(end)}`);
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

function isQuiet(scenario: Scenario, msOfDay: number): boolean {
  const quiet = quietMinutes(scenario.guardrails);
  if (!quiet) return false;
  const minute = msOfDay / 60_000;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

const defaultRamp = [50, 100, 200, 400, 800, 1600, 3200, 3200];

function warmupCap(scenario: Scenario, domain: string, day: number): number {
  const sender = scenario.senders.find((candidate) => candidate.domain === domain)!;
  if (sender.warmupStart === null) return Number.POSITIVE_INFINITY;
  const ramp = sender.warmupRamp ?? defaultRamp;
  const week = Math.max(0, Math.floor((day - sender.warmupStart) / 7));
  return ramp[week] ?? Number.POSITIVE_INFINITY;
}

function isMessage(action: EngineAction): boolean {
  return action.type === 'send' || action.type === 'draft';
}

/** Actions that carry out a step or escalation (not skips, not the engine's own reply / promise_broken tasks). */
function isStepAction(action: EngineAction): boolean {
  return isMessage(action) || action.type === 'escalate' || (action.type === 'task' && (action.steps?.length ?? 0) > 0);
}

function countBy(map: Map<string, number>, key: string): number {
  const count = (map.get(key) ?? 0) + 1;
  map.set(key, count);
  return count;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// The rules, each a check of one simulation's actions against the scenario

/** Property 1 (spec 3.3: a step that went out or was skipped never goes out again). */
function stepsGoOutOnce(_scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  const seen = new Map<string, EngineAction>();
  for (const action of actions) {
    for (const step of action.steps ?? []) {
      const key = `${step.invoice}|${step.cadence}|${step.step}`;
      const earlier = seen.get(key);
      if (earlier) violations.push(`${key} twice: ${show(earlier)} and ${show(action)}`);
      else seen.set(key, action);
    }
  }
  return violations;
}

/** Property 2 (spec 2 and 4, rules 1-3): days, holidays and quiet hours, in the customer's zone. */
function messagesKeepGuardrails(scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  const days = sendingWeekdays(scenario.guardrails);
  const holidays = scenario.guardrails.holidays;
  for (const action of actions) {
    if (!isMessage(action)) continue;
    const zone = zoneOf(scenario, action.customer);
    const local = toLocal(zone, action.at);
    const where = `${show(action)}: local ${formatCalendarDay(local.day)} ${new Date(local.msOfDay).toISOString().slice(11, 16)} in ${zone}`;
    if (!days.has(isoWeekday(local.day))) violations.push(`${where} is on weekday ${isoWeekday(local.day)}, not in days`);
    if (holidays !== 'none' && isPublicHoliday(holidays, local.day, calendarYear(local.day))) violations.push(`${where} is a public holiday in ${holidays}`);
    if (isQuiet(scenario, local.msOfDay)) violations.push(`${where} is inside quiet hours`);
  }
  return violations;
}

/** Property 3 (spec 4, rules 4-5, and 4.2): maxSendsPerDay, sendCap and the warm-up cap. */
function capsHold(scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  const perCustomer = new Map<string, number>();
  const perSegment = new Map<string, number>();
  const perDomain = new Map<string, number>();
  const workspaceZone = scenario.workspaceTimeZone;
  for (const action of actions) {
    if (!isMessage(action)) continue;
    const customerDay = localDay(zoneOf(scenario, action.customer), action.at);
    const sentToCustomer = countBy(perCustomer, `${action.customer}|${customerDay}`);
    if (sentToCustomer > scenario.guardrails.maxSendsPerDay) {
      violations.push(`${show(action)}: message ${sentToCustomer} to ${action.customer} on its local ${formatCalendarDay(customerDay)} (maxSendsPerDay ${scenario.guardrails.maxSendsPerDay})`);
    }
    const workspaceDay = localDay(workspaceZone, action.at);
    const segment = scenario.segments.find((candidate) => candidate.name === action.segment);
    if (!segment) {
      violations.push(`${show(action)}: names segment ${String(action.segment)}, which the policy does not have`);
      continue;
    }
    const sentInSegment = countBy(perSegment, `${segment.name}|${workspaceDay}`);
    if (segment.sendCap !== undefined && sentInSegment > segment.sendCap) {
      violations.push(`${show(action)}: message ${sentInSegment} of segment ${segment.name} on ${formatCalendarDay(workspaceDay)} in ${workspaceZone} (sendCap ${segment.sendCap})`);
    }
    const domain = segment.sender ?? scenario.senders[0]!.domain;
    const sentByDomain = countBy(perDomain, `${domain}|${workspaceDay}`);
    const cap = warmupCap(scenario, domain, workspaceDay);
    if (sentByDomain > cap) {
      violations.push(`${show(action)}: message ${sentByDomain} through ${domain} on ${formatCalendarDay(workspaceDay)} in ${workspaceZone} (warm-up cap ${cap})`);
    }
  }
  return violations;
}

/** Property 4 (spec 3.1, 3.4; events at an instant apply before actions at it). */
function nothingOncePaidDown(scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  const paidDown = new Map(scenario.invoices.map((invoice) => [invoice.id, paidDownAt(scenario, invoice)]));
  for (const action of actions) {
    if (!isStepAction(action)) continue;
    for (const step of action.steps ?? []) {
      const since = paidDown.get(step.invoice);
      if (since !== null && since !== undefined && action.at >= since) {
        violations.push(`${show(action)}: ${step.invoice} is paid down since ${Number.isFinite(since) ? iso(since) : 'the outset'}`);
      }
    }
  }
  return violations;
}

/** Property 5 (spec 3.1, 3.5-3.7): nothing while the invoice is not eligible, or after a stop. */
function nothingWhileIneligible(scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  const stopped = new Map<string, { at: Instant; day: number }>();
  const escalation = (cadence: string, id: string) =>
    scenario.cadences.find((candidate) => candidate.name === cadence)?.escalations?.find((candidate) => candidate.id === id) ?? null;
  for (const action of actions) {
    if (!isStepAction(action)) continue;
    for (const step of action.steps ?? []) {
      const invoice = invoiceOf(scenario, step.invoice);
      const reason = blockedBecause(scenario, invoice, action.at);
      if (reason) violations.push(`${show(action)}: ${invoice.id} ${reason}`);
      const stop = stopped.get(invoice.id);
      const fired = action.type === 'escalate' ? escalation(step.cadence, step.step) : null;
      if (stop) {
        // At the stop's own instant, an escalation planned no later than the stopping one may fire alongside it.
        const allowed = action.at === stop.at && fired !== null && fired.day <= stop.day;
        if (!allowed) violations.push(`${show(action)}: ${invoice.id} was stopped by an escalation at ${iso(stop.at)}`);
      }
      if (fired?.stop && !stopped.has(invoice.id)) stopped.set(invoice.id, { at: action.at, day: fired.day });
    }
  }
  return violations;
}

/** Property 9 (payment plans): a `plan_broken` task exactly when and where a plan's check fell short, and nowhere else. */
function plansBreakWhenShort(scenario: Scenario, actions: EngineAction[]): string[] {
  const expected = scenario.invoices.flatMap((invoice) =>
    planHistory(scenario, invoice)
      .broken.filter((at) => at >= scenario.from && at < scenario.to)
      .map((at) => `${iso(at)} ${invoice.id}`),
  );
  const actual = actions.filter((action) => action.type === 'task' && action.reason === 'plan_broken').map((action) => `${iso(action.at)} ${action.invoices.join('+')}`);
  const missing = expected.filter((line) => !actual.includes(line));
  const extra = actual.filter((line) => !expected.includes(line));
  const twice = actual.filter((line, index) => actual.indexOf(line) !== index);
  return [...missing.map((line) => `no plan_broken task at ${line}`), ...extra.map((line) => `a plan_broken task no check explains at ${line}`), ...twice.map((line) => `plan_broken twice at ${line}`)];
}

/** Property 7 (spec 5): by instant, then customer id, then type. */
function orderedOutput(_scenario: Scenario, actions: EngineAction[]): string[] {
  const violations: string[] = [];
  for (let index = 1; index < actions.length; index += 1) {
    const a = actions[index - 1]!;
    const b = actions[index]!;
    const order = a.at - b.at || compareText(a.customer, b.customer) || compareText(a.type, b.type);
    if (order > 0) violations.push(`${show(a)} comes before ${show(b)}`);
  }
  return violations;
}

/** Property 6 (spec 3: evaluation is continuous): the same actions however the clock ticks. */
function tickIndependent(scenario: Scenario, actions: EngineAction[]): string[] {
  const canonical = (list: EngineAction[]) => list.map((action) => JSON.stringify(action)).sort();
  const reference = canonical(actions);
  const violations: string[] = [];
  for (const tickMs of [msPerHour, 6 * msPerHour, msPerDay]) {
    const ticked = canonical(simulate(scenario, tickMs));
    const missing = reference.filter((line) => !ticked.includes(line));
    const extra = ticked.filter((line) => !reference.includes(line));
    if (missing.length > 0 || extra.length > 0 || ticked.length !== reference.length) {
      const describe = (lines: string[]) => lines.map((line) => show(JSON.parse(line) as EngineAction)).join(', ');
      violations.push(`tickMs ${tickMs}: only event-driven [${describe(missing)}]; only ticked [${describe(extra)}]`);
    }
  }
  return violations;
}

/** Property 8: the same input gives the same output. */
function deterministic(scenario: Scenario, actions: EngineAction[]): string[] {
  const again = simulate(scenario);
  return JSON.stringify(again) === JSON.stringify(actions) ? [] : ['a second run gave different actions'];
}

// ---------------------------------------------------------------------------------------------
// The properties

describe('engine properties (random portfolios and policies)', () => {
  it('0. the engine simulates every valid policy and portfolio without throwing', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        try {
          runEngine(scenario);
        } catch (error) {
          throw new Error(`the engine threw: ${error instanceof Error ? error.message : String(error)}\n${describeScenario(scenario)}`);
        }
      }),
      { numRuns: 2 * numRuns },
    );
  });

  it('1. a step never goes out twice: no (invoice, cadence, step) in two actions', () => {
    holdsFor(stepsGoOutOnce);
  });

  it("2. nothing customer-facing goes out in quiet hours, on a day not in `days` or on a public holiday, in the customer's zone", () => {
    holdsFor(messagesKeepGuardrails);
  });

  it('3. caps are never exceeded: maxSendsPerDay per customer, sendCap per segment, warm-up per sending domain', () => {
    holdsFor(capsHold);
  });

  it('4. nothing goes out for an invoice at or after the instant its balance fell to zero (or below minBalance)', () => {
    holdsFor(nothingOncePaidDown);
  });

  it('5. nothing goes out while the invoice is disputed, paused, in a reply pause, in maintenance, under an open promise or a kept plan, not yet known, or after a stop', () => {
    holdsFor(nothingWhileIneligible);
  });

  it('6. the result does not depend on how the clock ticks (1 h, 6 h, 1 day, event-driven)', () => {
    holdsFor(tickIndependent, 2.5 * numRuns);
  });

  it('7. output is ordered by instant, then customer id, then type', () => {
    holdsFor(orderedOutput);
  });

  it('8. the engine is deterministic: two runs give identical output', () => {
    holdsFor(deterministic);
  });

  it('9. a payment plan is broken (a plan_broken task) exactly when an instalment check falls short', () => {
    holdsFor(plansBreakWhenShort, 2 * numRuns);
  });
});
