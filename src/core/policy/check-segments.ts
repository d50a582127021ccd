import { describeContext, reportAt, type BundleDocument, type CheckedBundle } from './bundle-document.ts';
import { defaultSegmentPriority } from './policy-model.ts';
import type { PolicyIssue } from './policy-issue.ts';
import type { Condition, SegmentDocument, SegmentField } from './policy-schema.ts';

// Segments are tried in priority order and the first match wins, so two segments at one priority
// depend on their names for the order: allowed, but worth a warning. Conditions must be able to
// hold at all: a number comparison on a text field never matches.

export type SegmentFieldType = 'number' | 'text' | 'list';

/** What each field holds, which decides the operators that can hold on it (the segment form offers only those). */
export const segmentFieldTypes: Record<SegmentField, SegmentFieldType> = {
  'customer.id': 'text',
  'customer.name': 'text',
  'customer.tags': 'list',
  'customer.region': 'text',
  'customer.industry': 'text',
  'customer.score': 'number',
  'customer.tier': 'text',
  'invoice.currency': 'text',
  'invoice.amount': 'number',
  'invoice.balance': 'number',
  'invoice.daysPastDue': 'number',
};

export const segmentOperatorsByType: Record<SegmentFieldType, readonly (keyof Condition)[]> = {
  number: ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'between'],
  text: ['eq', 'ne', 'in'],
  list: ['includes'],
};

export function checkSegments(bundle: CheckedBundle): PolicyIssue[] {
  return [...checkPriorities(bundle.segments), ...bundle.segments.flatMap(checkConditions)];
}

function checkPriorities(segments: readonly BundleDocument<SegmentDocument>[]): PolicyIssue[] {
  const byPriority = new Map<number, BundleDocument<SegmentDocument>[]>();
  for (const segment of segments) {
    const priority = segment.value.priority ?? defaultSegmentPriority;
    byPriority.set(priority, [...(byPriority.get(priority) ?? []), segment]);
  }
  const issues: PolicyIssue[] = [];
  for (const [priority, group] of byPriority) {
    if (group.length < 2) continue;
    const names = group.map((segment) => `"${segment.value.name}"`).join(', ');
    for (const segment of group) {
      const stated = segment.value.priority === undefined ? ` (the default, ${defaultSegmentPriority})` : '';
      const message = `${describeContext(segment, [])}: segments ${names} share priority ${priority}${stated}; an invoice matching several of them goes to the first by name. Give each segment its own priority`;
      const path = segment.value.priority === undefined ? ['name'] : ['priority'];
      issues.push(reportAt(segment, path, { code: 'same-priority', message, severity: 'warning' }));
    }
  }
  return issues;
}

function checkConditions(segment: BundleDocument<SegmentDocument>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const [field, condition] of Object.entries(segment.value.match ?? {}) as [SegmentField, Condition | undefined][]) {
    if (!condition) continue;
    const type = segmentFieldTypes[field];
    const allowed = segmentOperatorsByType[type];
    for (const operator of Object.keys(condition) as (keyof Condition)[]) {
      if (allowed.includes(operator)) continue;
      const path = ['match', field, operator];
      const noun = type === 'list' ? 'a list' : type === 'text' ? 'text' : 'a number';
      const message = `${describeContext(segment, path)}: "${operator}" cannot be used on ${field}, which is ${noun}; use ${allowed.join(', ')}`;
      issues.push(reportAt(segment, path, { code: 'invalid-condition', message }, 'key'));
    }
    if (condition.between && condition.between[0] > condition.between[1]) {
      const path = ['match', field, 'between'];
      const message = `${describeContext(segment, path)}: between [${condition.between.join(', ')}] matches nothing; write the lower bound first`;
      issues.push(reportAt(segment, path, { code: 'invalid-condition', message }));
    }
  }
  return issues;
}
