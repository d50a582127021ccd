import { Button, Grid, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { Document } from 'yaml';
import type { SegmentFieldOption } from '../api/types.ts';
import { removeValue, setValue, type PolicyFile } from './bundle-model.ts';
import { GuardrailsEditor, type DocumentChange, type Guardrails } from './cadence-form.tsx';
import { SegmentPreviewPanel } from './segment-preview.tsx';

// A segment as a form: its filters (`match`: a field, an operator the field allows, a value),
// where it is tried (priority), its cadence, send cap, guardrail overrides and notes, with the
// preview of what it would govern beside it. Every change edits the segment's YAML document in
// place (bundle-model.ts), so comments and flow style elsewhere survive. The mode is not edited
// here: Autopilot is switched on the Segments screen, where its gates apply.

type ConditionValue = string | number | boolean | (string | number | boolean)[];

export interface SegmentValue {
  kind: 'Segment';
  name: string;
  priority?: number;
  match?: Record<string, Record<string, ConditionValue> | null> | null;
  cadence?: string;
  mode?: 'shadow' | 'autopilot';
  sendCap?: number;
  guardrails?: Guardrails;
  notes?: string;
}

/** Segments in the order the engine tries them: priority (default 100), then name. */
export interface SegmentOrderEntry {
  name: string;
  priority: number;
}

export const defaultSegmentPriority = 100;

export const fieldLabels: Record<string, string> = {
  'customer.id': 'Customer id',
  'customer.name': 'Customer name',
  'customer.tags': 'Customer tags',
  'customer.region': 'Customer region',
  'customer.industry': 'Customer industry',
  'customer.score': 'Customer score',
  'customer.tier': 'Customer tier',
  'invoice.currency': 'Invoice currency',
  'invoice.amount': 'Invoice amount',
  'invoice.balance': 'Open balance',
  'invoice.daysPastDue': 'Days past due',
};

export const operatorLabels: Record<string, string> = {
  eq: 'is',
  ne: 'is not',
  in: 'is one of',
  includes: 'includes',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  between: 'is between',
};

interface FilterRow {
  field: string;
  operator: string;
  value: ConditionValue;
}

function filterRows(match: SegmentValue['match']): FilterRow[] {
  return Object.entries(match ?? {}).flatMap(([field, condition]) =>
    condition !== null && typeof condition === 'object' && !Array.isArray(condition) ? Object.entries(condition).map(([operator, value]) => ({ field, operator, value })) : [],
  );
}

/** A value of `operator` on a field of `type`, kept from the row's previous value where it fits. */
function convertValue(previous: ConditionValue | undefined, operator: string, type: string): ConditionValue {
  const first = Array.isArray(previous) ? previous[0] : previous;
  if (type === 'number') {
    const number = typeof first === 'number' ? first : 0;
    if (operator === 'between') return Array.isArray(previous) && previous.length === 2 ? previous : [number, number + 30];
    if (operator === 'in') return [number];
    return number;
  }
  const text = first === undefined ? '' : String(first);
  return operator === 'in' ? [text] : text;
}

/** Sets a condition's value; lists in flow style (`[EU, UK]`), as the spec writes them. */
function setCondition(document: Document.Parsed, match: SegmentValue['match'], row: FilterRow): void {
  const node = (value: unknown) => document.createNode(value, { flow: true });
  if (match === null || match === undefined || typeof match !== 'object') document.setIn(['match'], document.createNode({ [row.field]: node({ [row.operator]: row.value }) }));
  else if (!match[row.field]) document.setIn(['match', row.field], node({ [row.operator]: row.value }));
  else document.setIn(['match', row.field, row.operator], Array.isArray(row.value) ? node(row.value) : row.value);
}

/** Removes one operator, then its field when nothing is left, then `match` when it is empty (with `whole`). */
function removeCondition(document: Document.Parsed, match: SegmentValue['match'], row: FilterRow, whole: boolean): void {
  removeValue(document, ['match', row.field, row.operator]);
  const left = Object.keys(match?.[row.field] ?? {}).filter((operator) => operator !== row.operator);
  if (left.length > 0) return;
  removeValue(document, ['match', row.field]);
  if (whole && Object.keys(match ?? {}).length <= 1) removeValue(document, ['match']);
}

interface SegmentFormProps {
  orgId: string;
  segment: SegmentValue;
  files: readonly PolicyFile[];
  cadences: string[];
  fields: readonly SegmentFieldOption[];
  /** Every segment of the files, in the order tried. */
  order: readonly SegmentOrderEntry[];
  /** The segment's cadence's guardrails over the organisation's: what applies where the segment says nothing. */
  defaults: Guardrails;
  readOnly: boolean;
  onChange: DocumentChange;
}

export function SegmentForm({ orgId, segment, files, cadences, fields, order, defaults, readOnly, onChange }: SegmentFormProps) {
  const set = (path: (string | number)[], value: unknown) => onChange((document) => setValue(document, path, value));
  const place = order.findIndex((entry) => entry.name === segment.name) + 1;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Segment name" value={segment.name} readOnly disabled={readOnly} description="Actions and reports name it; rename in the YAML view" />
            <Select label="Cadence of the segment" data={[...new Set([...cadences, ...(segment.cadence ? [segment.cadence] : [])])]} value={segment.cadence ?? null} onChange={(value) => set(['cadence'], value)} disabled={readOnly} allowDeselect={false} />
            <NumberInput
              label="Priority"
              description={`Lower is tried first; empty: ${defaultSegmentPriority}. Tried ${place} of ${order.length}.`}
              allowDecimal={false}
              value={segment.priority ?? ''}
              onChange={(value) => set(['priority'], typeof value === 'number' ? value : undefined)}
              disabled={readOnly}
            />
            <NumberInput
              label="Send cap (emails a day)"
              description="For the whole segment, counted per day in the organisation’s time zone; empty: no cap"
              min={1}
              allowDecimal={false}
              value={segment.sendCap ?? ''}
              onChange={(value) => set(['sendCap'], typeof value === 'number' && value >= 1 ? value : undefined)}
              disabled={readOnly}
            />
          </SimpleGrid>
          <Text size="sm">
            Mode in the file: <b>{segment.mode === 'autopilot' ? 'Autopilot' : 'Shadow'}</b>. Autopilot is switched on the Segments screen, where its gates apply; the switch outlasts publishes.
          </Text>
          <ol aria-label="Order segments are tried in" style={{ margin: 0, paddingLeft: 20 }}>
            {order.map((entry) => (
              <li key={entry.name}>
                <Text size="sm" fw={entry.name === segment.name ? 700 : 400}>
                  {entry.name} (priority {entry.priority})
                </Text>
              </li>
            ))}
          </ol>
          <FiltersEditor segment={segment} fields={fields} readOnly={readOnly} onChange={onChange} />
          <Textarea label="Notes" description="For your team, such as why the segment is in Shadow" autosize minRows={2} value={segment.notes ?? ''} onChange={(event) => set(['notes'], event.currentTarget.value)} disabled={readOnly} />
          <GuardrailsEditor guardrails={segment.guardrails ?? {}} defaults={defaults} readOnly={readOnly} onChange={onChange} scope="segment" />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <SegmentPreviewPanel orgId={orgId} files={files} segment={segment.name} />
      </Grid.Col>
    </Grid>
  );
}

function FiltersEditor({ segment, fields, readOnly: readOnlyForm, onChange }: { segment: SegmentValue; fields: readonly SegmentFieldOption[]; readOnly: boolean; onChange: DocumentChange }) {
  // Until the linter has said which fields take which operators, a value could be typed as the wrong kind.
  const readOnly = readOnlyForm || fields.length === 0;
  const match = segment.match;
  const rows = filterRows(match);
  const typeOf = (field: string) => fields.find((option) => option.field === field)?.type ?? 'text';
  const operatorsOf = (field: string) => fields.find((option) => option.field === field)?.operators ?? [];
  const fieldOptions = fields.map((option) => ({ value: option.field, label: fieldLabels[option.field] ?? option.field }));
  const edit = (change: (document: Document.Parsed) => void) => onChange(change);

  const add = () => {
    const used = new Set(rows.map((row) => row.field));
    // A number filter to start from, which a person then narrows; else the first field not filtered yet.
    const starters: FilterRow[] = [
      { field: 'invoice.daysPastDue', operator: 'gte', value: 1 },
      { field: 'invoice.balance', operator: 'gte', value: 0 },
      { field: 'invoice.amount', operator: 'gte', value: 0 },
    ];
    const starter = starters.find((row) => !used.has(row.field) && fields.some((option) => option.field === row.field));
    const field = fields.find((option) => !used.has(option.field))?.field ?? fields[0]?.field;
    if (starter) edit((document) => setCondition(document, match, starter));
    else if (field) edit((document) => setCondition(document, match, { field, operator: operatorsOf(field)[0] ?? 'eq', value: convertValue(undefined, operatorsOf(field)[0] ?? 'eq', typeOf(field)) }));
  };
  const changeField = (row: FilterRow, field: string) =>
    edit((document) => {
      const operator = operatorsOf(field).includes(row.operator) ? row.operator : (operatorsOf(field)[0] ?? 'eq');
      const value = convertValue(typeOf(field) === typeOf(row.field) ? row.value : undefined, operator, typeOf(field));
      removeCondition(document, match, row, false);
      // What is left of `match` once the row is gone: its map stays, so the new filter keeps its place.
      const left = Object.fromEntries(Object.entries(match?.[row.field] ?? {}).filter(([key]) => key !== row.operator));
      const remaining = Object.fromEntries(Object.entries(match ?? {}).filter(([key]) => key !== row.field || Object.keys(left).length > 0));
      setCondition(document, remaining, { field, operator, value });
    });
  const changeOperator = (row: FilterRow, operator: string) =>
    edit((document) => {
      removeValue(document, ['match', row.field, row.operator]);
      document.setIn(['match', row.field, operator], document.createNode(convertValue(row.value, operator, typeOf(row.field)), { flow: true }));
    });
  const changeValue = (row: FilterRow, value: ConditionValue) => edit((document) => setCondition(document, match, { ...row, value }));

  return (
    <Paper withBorder p="md" component="section" aria-label="Filters">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Filters</Title>
          {!readOnly && (
            <Button size="xs" variant="light" onClick={add} disabled={fields.length === 0}>
              Add filter
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          An invoice is in this segment when every filter holds, and no segment tried before takes it.
        </Text>
        {rows.length === 0 ? (
          <Text size="sm">No filters: this segment takes every invoice that reaches it (a catch-all).</Text>
        ) : (
          <ul aria-label={`Filters of ${segment.name}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {rows.map((row) => {
              const name = `${fieldLabels[row.field] ?? row.field} ${operatorLabels[row.operator] ?? row.operator}`;
              const operators = [...new Set([...operatorsOf(row.field), row.operator])];
              return (
                <li key={`${row.field} ${row.operator}`} style={{ padding: '6px 0', borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                  <Group gap="xs" wrap="wrap">
                    <Select
                      aria-label={`Field of the filter ${name}`}
                      data={fieldOptions}
                      renderOption={({ option }) => (
                        <div>
                          <Text size="sm">{option.label}</Text>
                          <Text size="xs" c="dimmed">
                            {option.value}
                          </Text>
                        </div>
                      )}
                      value={row.field}
                      onChange={(value) => value && value !== row.field && changeField(row, value)}
                      allowDeselect={false}
                      disabled={readOnly}
                      w={170}
                    />
                    <Select
                      aria-label={`Condition of the filter ${name}`}
                      data={operators.map((operator) => ({ value: operator, label: operatorLabels[operator] ?? operator }))}
                      value={row.operator}
                      onChange={(value) => value && value !== row.operator && changeOperator(row, value)}
                      allowDeselect={false}
                      disabled={readOnly}
                      w={125}
                    />
                    <ValueInput row={row} name={name} type={typeOf(row.field)} readOnly={readOnly} onChange={(value) => changeValue(row, value)} />
                    {!readOnly && (
                      <Button size="xs" color="red" variant="subtle" px={6} aria-label={`Delete the filter ${name}`} onClick={() => edit((document) => removeCondition(document, match, row, true))}>
                        Delete
                      </Button>
                    )}
                  </Group>
                </li>
              );
            })}
          </ul>
        )}
      </Stack>
    </Paper>
  );
}

function ValueInput({ row, name, type, readOnly, onChange }: { row: FilterRow; name: string; type: string; readOnly: boolean; onChange: (value: ConditionValue) => void }) {
  const { operator, value } = row;
  if (operator === 'between') {
    const [low, high] = Array.isArray(value) ? value : [value, value];
    return (
      <Group gap={4} wrap="nowrap">
        <NumberInput aria-label={`${name}: from`} value={typeof low === 'number' ? low : ''} onChange={(next) => typeof next === 'number' && onChange([next, typeof high === 'number' ? high : next])} disabled={readOnly} w={72} />
        <Text size="sm">and</Text>
        <NumberInput aria-label={`${name}: to`} value={typeof high === 'number' ? high : ''} onChange={(next) => typeof next === 'number' && onChange([typeof low === 'number' ? low : next, next])} disabled={readOnly} w={72} />
      </Group>
    );
  }
  if (operator === 'in') {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    return (
      <TagsInput
        aria-label={`${name}: values`}
        placeholder="Type a value, then Enter"
        value={values}
        onChange={(next) => onChange(type === 'number' ? next.map(Number).filter((number) => Number.isFinite(number)) : next)}
        disabled={readOnly}
        w={200}
      />
    );
  }
  if (type === 'number') {
    return <NumberInput aria-label={`${name}: value`} value={typeof value === 'number' ? value : ''} onChange={(next) => typeof next === 'number' && onChange(next)} disabled={readOnly} w={110} />;
  }
  return <TextInput aria-label={`${name}: value`} value={Array.isArray(value) ? value.join(', ') : String(value)} onChange={(event) => onChange(event.currentTarget.value)} disabled={readOnly} w={130} />;
}

/** A new Segment document: a filter to start from, the first cadence, in Shadow. */
export function newSegmentText(name: string, priority: number, cadence: string | undefined): string {
  return `kind: Segment\nname: ${name}\npriority: ${priority}\nmatch:\n  invoice.daysPastDue: { gte: 1 }\ncadence: ${cadence ?? 'standard'}\nmode: shadow\n`;
}
