import { formatCalendarDay, isoWeekday } from '../time/calendar-day.ts';
import { formatInstant } from '../time/parse-instant.ts';
import { toLocal } from '../time/time-zone.ts';
import type { EngineAction } from '../planning/engine-action.ts';

// The two outputs of `plixo simulate`: one JSON object a line (spec section 5) and a table.

/** The action as spec section 5 prints it: the spec's fields in its order, then the extras. */
export function toActionRecord(action: EngineAction): Record<string, unknown> {
  const record: Record<string, unknown> = { at: formatInstant(action.at), type: action.type, customer: action.customer };
  if (action.type === 'send' || action.type === 'draft') {
    record.to = action.to;
    record.invoices = action.invoices;
    record.steps = action.steps;
    record.template = action.template;
    record.tone = action.tone;
    record.segment = action.segment;
    if (action.plannedAt !== undefined) record.plannedAt = formatInstant(action.plannedAt);
    if (action.moves && action.moves.length > 0) record.moves = action.moves;
    if (action.attach && action.attach.length > 0) record.attach = action.attach;
    if (action.sender) record.sender = action.sender;
    return record;
  }
  record.invoices = action.invoices;
  if (action.type === 'skip') record.steps = action.steps;
  if (action.type === 'task' || action.type === 'escalate') record.assignTo = action.assignTo;
  record.reason = action.reason;
  if (action.type !== 'skip' && action.steps) record.steps = action.steps;
  if (action.segment) record.segment = action.segment;
  return record;
}

export function formatJsonLines(actions: readonly EngineAction[]): string {
  return actions.map((action) => `${JSON.stringify(toActionRecord(action))}\n`).join('');
}

const moveWords: Record<string, string> = {
  weekend: 'weekend',
  day_off: 'day not allowed',
  holiday: 'holiday',
  quiet_hours: 'quiet hours',
  daily_cap: 'daily cap',
  segment_cap: 'segment cap',
  warmup: 'warm-up',
  catch_up: 'catch-up',
};

function describeAction(action: EngineAction): string {
  if (action.type === 'send' || action.type === 'draft') {
    const steps = (action.steps ?? []).map((step) => `${step.invoice}:${step.step}`).join(', ');
    return `${action.template} (${action.tone}) to ${(action.to ?? []).join(', ')} [${steps}]`;
  }
  if (action.type === 'skip') return `${(action.steps ?? []).map((step) => `${step.invoice}:${step.step}`).join(', ')}: ${action.reason}`;
  return `${action.reason} → ${action.assignTo} [${action.invoices.join(', ')}]`;
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatLocal(instant: number, timeZone: string): string {
  const local = toLocal(timeZone, instant);
  const minutes = Math.floor(local.msOfDay / 60_000);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${weekdayNames[isoWeekday(local.day) - 1]} ${formatCalendarDay(local.day)} ${time}`;
}

/**
 * A table for people: when (in UTC and in the customer's own time), what, for whom, and why a
 * message moved. `timeZoneOf` gives a customer's zone.
 */
export function formatTable(actions: readonly EngineAction[], timeZoneOf: (customerId: string) => string): string {
  const header = ['at (UTC)', 'local', 'type', 'customer', 'segment', 'planned (UTC)', 'moved because', 'details'];
  const rows = actions.map((action) => [
    formatInstant(action.at).replace('T', ' ').slice(0, 16),
    formatLocal(action.at, timeZoneOf(action.customer)),
    action.type,
    action.customer,
    action.segment ?? '',
    action.plannedAt !== undefined && action.plannedAt !== action.at ? formatInstant(action.plannedAt).replace('T', ' ').slice(0, 16) : '',
    (action.moves ?? []).map((move) => moveWords[move] ?? move).join(', '),
    describeAction(action),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  const out = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  out.push('', `${actions.length} action${actions.length === 1 ? '' : 's'}`);
  return `${out.join('\n')}\n`;
}
