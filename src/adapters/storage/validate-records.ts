import type { z } from 'zod';
import { StorageInputError, type StorageInputIssue } from '../../app/ports/store.ts';
import { quote } from './field-schemas.ts';

export interface RecordRules<T> {
  schema: z.ZodType<T>;
  /** How a person names the record in a message: `invoice INV-7`, `events[3]`. */
  describe: (record: unknown, index: number) => string;
  /** Checks across the batch (duplicate keys) or beyond one field. */
  check?: (record: T, index: number) => Omit<StorageInputIssue, 'record'> | null;
}

/** Validates a whole batch before anything is written; throws every problem found, or returns the parsed records. */
export function validateRecords<T>(records: readonly unknown[], rules: RecordRules<T>): T[] {
  if (!Array.isArray(records)) {
    throw new StorageInputError([{ record: 'batch', field: '', message: `batch: expected a list of records, got ${quote(records)}` }]);
  }
  const parsed: T[] = [];
  const issues: StorageInputIssue[] = [];
  records.forEach((record, index) => {
    const name = rules.describe(record, index);
    const result = rules.schema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) issues.push(describeIssue(name, record, issue));
      return;
    }
    const problem = rules.check?.(result.data, index);
    if (problem) issues.push({ record: name, ...problem, message: `${name}: ${problem.message}` });
    parsed.push(result.data);
  });
  throwIfAny(issues);
  return parsed;
}

export function throwIfAny(issues: readonly StorageInputIssue[]): void {
  const [first, ...rest] = issues;
  if (first) throw new StorageInputError([first, ...rest]);
}

/** Names a record by its id when it has a usable one, else by its place in the batch. */
export function describeById(kind: string, plural: string): (record: unknown, index: number) => string {
  return (record, index) => {
    const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id !== '' ? `${kind} ${id}` : `${plural}[${index}]`;
  };
}

function describeIssue(record: string, input: unknown, issue: z.core.$ZodIssue): StorageInputIssue {
  const field = formatPath(issue.path);
  const value = readPath(input, issue.path);
  const problem = describeProblem(issue, value);
  const subject = field === '' ? '' : `${field} `;
  return { record, field, message: `${record}: ${subject}${problem}` };
}

function describeProblem(issue: z.core.$ZodIssue, value: unknown): string {
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.startsWith('Invalid input')
        ? `must be ${describeExpected(issue.expected)}, got ${quote(value)}`
        : issue.message;
    case 'invalid_value':
      return `must be one of ${issue.values.map((option) => String(option)).join(', ')}; got ${quote(value)}`;
    case 'invalid_union':
      return 'must be a JSON value (no undefined, NaN, dates or functions)';
    default:
      return issue.message;
  }
}

function describeExpected(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    record: 'an object',
  };
  return names[expected] ?? expected;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function readPath(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Validates one record (a change, a query) and returns it parsed, or throws as validateRecords. */
export function validateOne<T>(input: unknown, schema: z.ZodType<T>, record: string, check?: RecordRules<T>['check']): T {
  const [valid] = validateRecords([input], { schema, describe: () => record, ...(check ? { check } : {}) });
  if (valid === undefined) throw new Error('unreachable: one record in, one out');
  return valid;
}
