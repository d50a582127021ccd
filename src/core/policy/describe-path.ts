import type { DocumentPath } from './yaml-positions.ts';

// Turns a path into a document's data into words a finance user recognises:
// ['steps', 3, 'template'] of Cadence "standard" reads `Cadence "standard", step "overdue-2"`
// (the context) and `template` (the field).

export interface PathDescription {
  context: string;
  field: string;
}

const kindLabels: Record<string, string> = {
  Workspace: 'Workspace',
  Cadence: 'Cadence',
  Template: 'Template',
  Segment: 'Segment',
  PolicyTest: 'Policy test',
};

type ItemLabeller = (item: unknown, index: number) => string;

function labelBy(noun: string, key: string): ItemLabeller {
  return (item, index) => {
    const value = readKey(item, key);
    return typeof value === 'string' && value !== '' ? `${noun} "${value}"` : `${noun} ${index + 1}`;
  };
}

// Lists whose items people name by their id (or position), so messages say which item is wrong.
const itemLabellers: Record<string, ItemLabeller> = {
  steps: labelBy('step', 'id'),
  escalations: labelBy('escalation', 'id'),
  senders: labelBy('sender', 'domain'),
  expect: (_item, index) => `expectation ${index + 1}`,
  discount: (_item, index) => `discount tier ${index + 1}`,
  credit: (_item, index) => `credit tier ${index + 1}`,
};

export function readKey(value: unknown, key: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string | number, unknown>)[key];
}

export function readPath(value: unknown, path: DocumentPath): unknown {
  let cursor = value;
  for (const segment of path) cursor = readKey(cursor, segment);
  return cursor;
}

/** `Cadence "standard"`, `Workspace`, `Policy test "pays on time"`. */
export function describeDocument(value: unknown): string {
  const kind = readKey(value, 'kind');
  const label = typeof kind === 'string' ? (kindLabels[kind] ?? kind) : 'Document';
  if (kind === 'Workspace') return label;
  const name = readKey(value, 'name');
  return typeof name === 'string' && name !== '' ? `${label} "${name}"` : label;
}

export function describePath(document: unknown, path: DocumentPath): PathDescription {
  const context = [describeDocument(document)];
  let field: string[] = [];
  let cursor = document;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index] as string | number;
    const next = path[index + 1];
    const labeller = typeof segment === 'string' ? itemLabellers[segment] : undefined;
    if (labeller && typeof next === 'number') {
      const item = readKey(readKey(cursor, segment), next);
      context.push(labeller(item, next));
      field = [];
      cursor = item;
      index += 1;
      continue;
    }
    if (segment === 'match' && typeof next === 'string') {
      context.push(`condition on ${next}`);
      field = [];
      cursor = readKey(readKey(cursor, segment), next);
      index += 1;
      continue;
    }
    field.push(typeof segment === 'number' ? `(item ${segment + 1})` : segment);
    cursor = readKey(cursor, segment);
  }
  return { context: context.join(', '), field: field.join('.').replaceAll('.(', ' (') };
}

/** A value as a person wrote it, for messages: "America/New_Yrok", 7, a list. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return 'a set of keys';
}
