import { auditActor, type ActorInput } from '../access/actor.ts';
import { isEmailAddress } from '../../core/access/email-address.ts';
import { AppError } from '../app-error.ts';
import { suppressionReasons, type Store, type StoredSuppression, type SuppressionReason } from '../ports/store.ts';

// Many suppressions at once, from CSV a person pastes or uploads: `email,reason[,note[,until]]`
// a line, an optional header line. First a preview (what will be added, what is already on the
// list, each bad line named with its field), then the import: all or nothing, one audit entry per
// address, as adding them one by one would write.

export const maxImportLines = 5_000;

export interface ImportIssue {
  /** 1-based, as an editor numbers lines. */
  line: number;
  field: 'email' | 'reason' | 'note' | 'until' | 'line';
  message: string;
}

export interface ImportRow {
  line: number;
  email: string;
  reason: SuppressionReason;
  note: string | null;
  untilAt: number | null;
  /** Already suppressed: kept as it is, not replaced. */
  existing: StoredSuppression | null;
}

export interface SuppressionImportPreview {
  rows: ImportRow[];
  issues: ImportIssue[];
  /** Rows that would be added (not already on the list). */
  toAdd: number;
  alreadySuppressed: number;
}

/** Splits one CSV line into cells: commas, and double quotes around a cell that holds them (`""` is a quote). */
export function splitCsvLine(text: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (character === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += character;
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

const reasonWords = new Map<string, SuppressionReason>([
  ...suppressionReasons.map((reason) => [reason, reason] as const),
  ['opted out', 'opted_out'],
  ['opt-out', 'opted_out'],
  ['opt out', 'opted_out'],
  ['legal hold', 'legal_hold'],
  ['bounced', 'invalid'],
]);

/** The CSV as rows and issues; nothing is read from the store. */
export function parseSuppressionCsv(csv: string, now: number): { rows: Omit<ImportRow, 'existing'>[]; issues: ImportIssue[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rows: Omit<ImportRow, 'existing'>[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  let headerChecked = false;
  if (lines.filter((text) => text.trim() !== '').length > maxImportLines) {
    return { rows: [], issues: [{ line: maxImportLines + 1, field: 'line', message: `more than ${maxImportLines} lines: import the list in parts` }] };
  }
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    const cells = splitCsvLine(text);
    if (cells === null) return issues.push({ line, field: 'line', message: `line ${line}: a quote is not closed` });
    const [email = '', reasonText = '', note = '', until = ''] = cells;
    if (!headerChecked) {
      headerChecked = true;
      if (email.toLowerCase() === 'email') return;
    }
    if (cells.length > 4) issues.push({ line, field: 'line', message: `line ${line}: ${cells.length} cells; a line is email,reason[,note[,until]]` });
    if (!isEmailAddress(email)) issues.push({ line, field: 'email', message: `line ${line}: email ${email === '' ? 'is missing' : `"${email}" is not an email address`}` });
    const reason = reasonWords.get(reasonText.toLowerCase()) ?? reasonWords.get(reasonText.toLowerCase().replace(/_/g, ' '));
    if (!reason) {
      const problem = reasonText === '' ? 'is missing' : `"${reasonText}" is not known`;
      issues.push({ line, field: 'reason', message: `line ${line}: reason ${problem}; use one of ${suppressionReasons.join(', ')}` });
    }
    if (note.length > 2_000) issues.push({ line, field: 'note', message: `line ${line}: the note is longer than 2,000 characters` });
    let untilAt: number | null = null;
    if (until !== '') {
      untilAt = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T00:00:00Z` : until);
      if (Number.isNaN(untilAt)) issues.push({ line, field: 'until', message: `line ${line}: until "${until}" is not a date (YYYY-MM-DD) or an ISO 8601 instant` });
      else if (untilAt <= now) issues.push({ line, field: 'until', message: `line ${line}: until ${until} has already passed` });
    }
    const lower = email.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined && isEmailAddress(email)) issues.push({ line, field: 'email', message: `line ${line}: ${lower} is already on line ${earlier}` });
    if (earlier === undefined) seen.set(lower, line);
    if (isEmailAddress(email) && reason && earlier === undefined) rows.push({ line, email: lower, reason, note: note === '' ? null : note, untilAt: untilAt !== null && !Number.isNaN(untilAt) ? untilAt : null });
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ line: 1, field: 'line', message: 'no address to import: paste lines of email,reason' });
  return { rows, issues };
}

export async function previewSuppressionImport({ store, workspaceId, csv, now }: { store: Store; workspaceId: string; csv: string; now: number }): Promise<SuppressionImportPreview> {
  const { rows, issues } = parseSuppressionCsv(csv, now);
  const existing = new Map((await store.listSuppressions(workspaceId, { emails: rows.map((row) => row.email) })).map((entry) => [entry.email, entry]));
  const withExisting = rows.map((row) => ({ ...row, existing: existing.get(row.email) ?? null }));
  const alreadySuppressed = withExisting.filter((row) => row.existing !== null).length;
  return { rows: withExisting, issues, toAdd: withExisting.length - alreadySuppressed, alreadySuppressed };
}

/** Imports every new address of the CSV in one transaction, or none when any line has an issue. */
export async function importSuppressions(input: { store: Store; workspaceId: string; csv: string; by: ActorInput; now: number }): Promise<SuppressionImportPreview & { added: number }> {
  const { store, workspaceId, by, now } = input;
  if (!(await store.getWorkspace(workspaceId))) throw new AppError('not_found', `no workspace "${workspaceId}"`);
  return store.transaction(async (tx) => {
    const preview = await previewSuppressionImport({ store: tx, workspaceId, csv: input.csv, now });
    const [first] = preview.issues;
    if (first) {
      const more = preview.issues.length > 1 ? ` (and ${preview.issues.length - 1} more)` : '';
      throw new AppError('invalid_input', `nothing was imported: ${first.message}${more}`, { record: `line ${first.line}`, field: first.field });
    }
    let added = 0;
    for (const row of preview.rows) {
      if (row.existing !== null) continue;
      const saved = await tx.suppress(workspaceId, { email: row.email, reason: row.reason, untilAt: row.untilAt, note: row.note });
      await tx.appendAudit({
        workspaceId,
        at: now,
        ...auditActor(by),
        action: 'suppression.add',
        subject: `address ${saved.email}`,
        detail: { reason: saved.reason, untilAt: saved.untilAt === null ? null : new Date(saved.untilAt).toISOString(), note: saved.note, source: 'import', line: row.line },
      });
      added += 1;
    }
    return { ...preview, added };
  });
}
