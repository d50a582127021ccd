import type { z } from 'zod';
import { reportAt, type BundleDocument } from './bundle-document.ts';
import { describePath, formatValue, readPath } from './describe-path.ts';
import { listSchemaKeys } from './list-schema-keys.ts';
import type { PolicyIssue, PolicyIssueCode } from './policy-issue.ts';
import { formatSuggestion } from './suggest-closest.ts';

// zod's issues, rewritten for the person editing the YAML: the field in words, the value they
// wrote, what is allowed, and a suggestion when it looks like a typo.

type ZodIssue = z.core.$ZodIssue;

const expectedPhrases: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a set of keys',
  record: 'a set of keys',
};

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/** zod's default messages start like this; the policy schemas' own messages read "must …". */
function isCustomMessage(message: string): boolean {
  return !/^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(message);
}

function describeExpected(expected: string): string {
  return expectedPhrases[expected] ?? `a ${expected}`;
}

function generateMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const small = issue.code === 'too_small';
      if (issue.origin === 'array') return small ? `must list at least ${bound} item(s)` : `must list at most ${bound} item(s)`;
      if (issue.origin === 'string') return small ? `must be at least ${bound} character(s) long` : `must be at most ${bound} character(s) long`;
      const comparison = small ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      return `must be ${comparison} ${bound}`;
    }
    case 'invalid_format':
      return 'is not written in the expected format';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return 'is not valid here';
  }
}

function phrase(field: string, value: unknown, text: string): string {
  const shown = value !== null && typeof value === 'object' ? '' : `${formatValue(value)} `;
  return field === '' ? `${shown}${text}`.trim() : `${field} ${shown}${text}`;
}

export function translateZodIssue(document: BundleDocument, schema: unknown, issue: ZodIssue): PolicyIssue[] {
  const path = toPath(issue.path);
  const { context, field } = describePath(document.value, path);
  const value = readPath(document.value, path);
  const at = (code: PolicyIssueCode, message: string) => reportAt(document, path, { code, message: `${context}: ${message}` });

  // A required key that is absent: reported at the mapping that lacks it, since it has no position.
  if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    const key = String(path.at(-1));
    const parent = describePath(document.value, path.slice(0, -1));
    const message = parent.field === '' ? `"${key}" is required` : `${parent.field} needs "${key}"`;
    return [reportAt(document, path.slice(0, -1), { code: 'missing-key', message: `${parent.context}: ${message}` })];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = listSchemaKeys(schema, path);
      return issue.keys.map((key) => {
        const where = field === '' ? '' : ` in ${field}`;
        const message = `${context}: unknown key "${key}"${where}${formatSuggestion(key, allowed)}`;
        return reportAt(document, [...path, key], { code: 'unknown-key', message }, 'key');
      });
    }
    case 'invalid_type': {
      if (value === null) return [at('invalid-type', `${field} is empty: write a value or remove the key`)];
      if (isCustomMessage(issue.message)) return [at('invalid-type', phrase(field, value, issue.message))];
      const text = `must be ${describeExpected(issue.expected)}, not ${formatValue(value)}`;
      return [at('invalid-type', field === '' ? text : `${field} ${text}`)];
    }
    case 'invalid_value': {
      const options = issue.values.map((option) => String(option));
      const allowed = options.length === 1 ? `must be "${options[0]}"` : `is not one of ${options.join(', ')}`;
      const suggestion = typeof value === 'string' ? formatSuggestion(value, options) : '';
      return [at('invalid-value', `${phrase(field, value, allowed)}${suggestion}`)];
    }
    case 'invalid_union':
      return translateUnion(document, schema, issue, path, { context, field, value });
    default: {
      const code: PolicyIssueCode =
        issue.code === 'invalid_format' ? 'invalid-format' : issue.code === 'too_small' || issue.code === 'too_big' ? 'out-of-range' : 'invalid-value';
      const text = isCustomMessage(issue.message) ? issue.message : generateMessage(issue);
      return [at(code, phrase(field, value, text))];
    }
  }
}

function translateUnion(
  document: BundleDocument,
  schema: unknown,
  issue: z.core.$ZodIssueInvalidUnion,
  path: (string | number)[],
  described: { context: string; field: string; value: unknown },
): PolicyIssue[] {
  const absolute = (branch: readonly ZodIssue[]) => branch.map((inner) => ({ ...inner, path: [...path, ...inner.path] }) as ZodIssue);
  // A branch that failed only below the top (right shape, wrong detail) is the one the author meant.
  const fitting = issue.errors.find((branch) =>
    branch.every((inner) => inner.path.length > 0 || (inner.code !== 'invalid_type' && inner.code !== 'invalid_value')),
  );
  if (fitting && fitting.length > 0) return absolute(fitting).flatMap((inner) => translateZodIssue(document, schema, inner));
  const alternatives = issue.errors.flatMap((branch) =>
    branch
      .filter((inner) => inner.path.length === 0)
      .map((inner) =>
        inner.code === 'invalid_value'
          ? inner.values.map((option) => `"${String(option)}"`).join(' or ')
          : inner.code === 'invalid_type'
            ? describeExpected(inner.expected)
            : inner.message,
      ),
  );
  const unique = [...new Set(alternatives)];
  const text = unique.length > 0 ? `must be ${unique.join(' or ')}, not ${formatValue(described.value)}` : 'is not valid here';
  const message = `${described.context}: ${described.field === '' ? text : `${described.field} ${text}`}`;
  return [reportAt(document, path, { code: 'invalid-type', message })];
}
