import { currencyDigits } from '../money/money.ts';
import type { Condition, SegmentField } from '../policy/policy-schema.ts';
import type { Segment, SegmentCondition } from '../policy/policy-model.ts';
import type { Customer, Invoice } from '../portfolio/portfolio.ts';

// Which segment governs an invoice: the first, in priority order, whose every condition holds.
// Amounts compare in major units of the invoice's currency; days past due by the customer's
// local date, so the result changes only at local midnights and when the balance changes.

export interface SegmentFacts {
  customer: Customer;
  invoice: Invoice;
  balanceMinor: number;
  daysPastDue: number;
}

type FieldValue = string | number | boolean | null | readonly string[];

function readField(field: SegmentField, facts: SegmentFacts): FieldValue {
  const { customer, invoice } = facts;
  switch (field) {
    case 'customer.id':
      return customer.id;
    case 'customer.name':
      return customer.name;
    case 'customer.tags':
      return customer.tags;
    case 'customer.region':
      return customer.region;
    case 'customer.industry':
      return customer.industry;
    case 'customer.score':
      return customer.score;
    case 'customer.tier':
      return customer.tier;
    case 'invoice.currency':
      return invoice.currency;
    case 'invoice.amount':
      return invoice.amountMinor / 10 ** currencyDigits(invoice.currency);
    case 'invoice.balance':
      return facts.balanceMinor / 10 ** currencyDigits(invoice.currency);
    case 'invoice.daysPastDue':
      return facts.daysPastDue;
  }
}

function sameValue(a: FieldValue, b: unknown): boolean {
  if (Array.isArray(a)) return false;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

export function holdsCondition(value: FieldValue, condition: Condition): boolean {
  if (condition.eq !== undefined && !sameValue(value, condition.eq)) return false;
  if (condition.ne !== undefined && sameValue(value, condition.ne)) return false;
  if (condition.in !== undefined && !condition.in.some((option) => sameValue(value, option))) return false;
  if (condition.includes !== undefined) {
    if (!Array.isArray(value)) return false;
    const wanted = String(condition.includes).toLowerCase();
    if (!(value as readonly string[]).some((item) => item.toLowerCase() === wanted)) return false;
  }
  const numeric = typeof value === 'number' ? value : null;
  const numericChecks = [condition.lt, condition.lte, condition.gt, condition.gte, condition.between];
  if (numericChecks.some((check) => check !== undefined) && numeric === null) return false;
  if (numeric === null) return true;
  if (condition.lt !== undefined && !(numeric < condition.lt)) return false;
  if (condition.lte !== undefined && !(numeric <= condition.lte)) return false;
  if (condition.gt !== undefined && !(numeric > condition.gt)) return false;
  if (condition.gte !== undefined && !(numeric >= condition.gte)) return false;
  if (condition.between !== undefined && !(numeric >= condition.between[0] && numeric <= condition.between[1])) return false;
  return true;
}

export function matchesSegment(conditions: readonly SegmentCondition[], facts: SegmentFacts): boolean {
  return conditions.every(({ field, condition }) => holdsCondition(readField(field, facts), condition));
}

export function findSegment(segments: readonly Segment[], facts: SegmentFacts): Segment | null {
  for (const segment of segments) if (matchesSegment(segment.conditions, facts)) return segment;
  return null;
}

/**
 * The days-past-due values at which some segment's match may change: a segment's answer can
 * only flip where its conditions on `invoice.daysPastDue` put a bound.
 */
export function daysPastDueBreakpoints(segments: readonly Segment[]): number[] {
  const points = new Set<number>();
  for (const segment of segments) {
    for (const { field, condition } of segment.conditions) {
      if (field !== 'invoice.daysPastDue') continue;
      const add = (value: unknown, ...deltas: number[]) => {
        if (typeof value === 'number') for (const delta of deltas) points.add(Math.ceil(value) + delta);
      };
      add(condition.eq, 0, 1);
      add(condition.ne, 0, 1);
      for (const value of condition.in ?? []) add(value, 0, 1);
      add(condition.lt, 0);
      add(condition.lte, 1);
      add(condition.gt, 1);
      add(condition.gte, 0);
      if (condition.between) {
        add(condition.between[0], 0);
        add(condition.between[1], 1);
      }
      // Fractional bounds: the first whole day past the bound is where the answer flips.
      for (const bound of [condition.lte, condition.gt, condition.between?.[1]]) if (typeof bound === 'number' && !Number.isInteger(bound)) points.add(Math.ceil(bound));
    }
  }
  return [...points].sort((a, b) => a - b);
}
