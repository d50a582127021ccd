import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import type { Segment } from '../../core/policy/policy-model.ts';
import { pathAtPosition } from '../../core/policy/yaml-positions.ts';
import type { Customer, Invoice } from '../../core/portfolio/portfolio.ts';
import { matchesSegment, type SegmentFacts } from '../../core/segments/match-segment.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { AppError } from '../app-error.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import { streamCustomerBatches } from '../stream-customer-batches.ts';
import type { PolicyFile, Store, StoredCustomer, StoredInvoice } from '../ports/store.ts';

// What a segment of the files being edited would govern now: the open invoices its filters take
// (after the segments tried before it took theirs), a first page of them, and where segments'
// filters overlap, with the segment that wins. The engine's own matching decides (matchesSegment,
// in the order findSegment tries them), over every open invoice streamed from the store customer
// by customer, with its balance after the payments and credits recorded and its days past due at
// the customer's local date, so memory stays flat at any size. Nothing is saved.

export interface SegmentPreviewInput {
  store: Store;
  now: number;
  workspaceId: string;
  files: readonly PolicyFile[];
  segment: string;
  /** How many of the governed invoices to list; default 20. */
  limit?: number;
}

export interface PreviewedInvoice {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  dueOn: string;
  balanceMinor: number;
  currency: string;
  daysPastDue: number;
}

export interface SegmentOverlap {
  /** The segments whose filters all take these invoices, in the order they are tried. */
  segments: string[];
  /** The first of them: the one that governs these invoices. */
  winner: string;
  invoices: number;
}

export interface SegmentPreview {
  segment: string;
  /** Where the segment is tried, 1 for the first (priority, then name). */
  position: number;
  priority: number;
  /** Open invoices with a balance left. */
  openInvoices: number;
  /** Open invoices whose every condition of this segment holds, whichever segment wins them. */
  matched: number;
  /** Open invoices this segment would govern: it matches them and no segment tried before it does. */
  governed: number;
  /** The first `limit` of those, most days past due first, then by invoice id. */
  invoices: PreviewedInvoice[];
  /** Open invoices matched by more than one segment, grouped by the segments matching them; most invoices first. */
  overlaps: SegmentOverlap[];
  /** Open invoices no segment matches: they would get no outreach. */
  unmatched: number;
}

/** The files' first error as an AppError naming its file and the field it is about. */
function refuseInvalid(files: readonly PolicyFile[], issue: { file: string; line: number; column: number; message: string }): AppError {
  const text = files.find((file) => file.path === issue.file)?.text ?? '';
  const path = pathAtPosition(text, issue);
  const field = path.length > 0 ? `${issue.file}: ${path.join('.')}` : issue.file;
  return new AppError('policy_invalid', `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`, { record: issue.file, field });
}

function toCustomer(row: StoredCustomer): Customer {
  // Matching reads no contacts.
  return { id: row.id, name: row.name, timeZone: row.timeZone, locale: row.locale, tags: row.tags, region: row.region, industry: row.industry, score: row.score, tier: row.tier, contacts: [] };
}

function toInvoice(row: StoredInvoice): Invoice | null {
  const dueOn = parseCalendarDay(row.dueOn);
  if (dueOn === null) return null;
  return { id: row.id, customerId: row.customerId, number: row.number, issuedOn: parseCalendarDay(row.issuedOn), dueOn, amountMinor: row.amountMinor, balanceMinor: row.balanceMinor, currency: row.currency, knownAt: row.knownAt };
}

const bySampleOrder = (a: PreviewedInvoice, b: PreviewedInvoice) => b.daysPastDue - a.daysPastDue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The segments an invoice matches, as an overlap warning: a catch-all (no conditions) tried after
 * others is there to take what they leave, so it overlaps nothing; tried first, it hides the rest.
 */
function overlapOf(matched: readonly Segment[]): Segment[] {
  if (matched.length < 2 || matched[0]!.conditions.length === 0) return [...matched];
  return matched.filter((segment) => segment.conditions.length > 0);
}

interface InvoiceFacts extends SegmentFacts {
  row: PreviewedInvoice;
}

/** What segment matching reads of each open invoice of a batch with a balance left, as the engine counts it at `now`. */
async function readFacts(input: { store: Store; workspaceId: string; now: number; workspaceTimeZone: string; batch: Map<string, StoredInvoice[]>; today: (timeZone: string) => number }): Promise<InvoiceFacts[]> {
  const { store, workspaceId, now, batch } = input;
  const ids = [...batch.keys()];
  const [customers, events] = await Promise.all([store.listCustomers(workspaceId, { ids }), store.listEvents(workspaceId, { customerIds: ids })]);
  const eventsByInvoice = groupEventsByInvoice(events, balanceEventTypes);
  const facts: InvoiceFacts[] = [];
  for (const row of customers) {
    const customer = toCustomer(row);
    const today = input.today(customer.timeZone ?? input.workspaceTimeZone);
    for (const stored of batch.get(row.id) ?? []) {
      const invoice = toInvoice(stored);
      const balanceMinor = openBalance(stored, eventsByInvoice.get(stored.id) ?? [], now);
      if (invoice === null || balanceMinor <= 0) continue;
      const daysPastDue = today - invoice.dueOn;
      const previewed = { id: stored.id, number: stored.number, customerId: row.id, customerName: row.name, dueOn: stored.dueOn, balanceMinor, currency: stored.currency, daysPastDue };
      facts.push({ customer, invoice, balanceMinor, daysPastDue, row: previewed });
    }
  }
  return facts;
}

/** Counts one invoice into the preview: which segments match it, whether the chosen one wins it, and any overlap. */
function tally(preview: SegmentPreview, overlaps: Map<string, SegmentOverlap>, input: { segments: readonly Segment[]; chosen: Segment; limit: number; facts: InvoiceFacts }): void {
  const { chosen, facts, limit } = input;
  preview.openInvoices += 1;
  // In the order findSegment tries them, so the first is the one the engine picks.
  const matched = input.segments.filter((segment) => matchesSegment(segment.conditions, facts));
  if (matched.length === 0) preview.unmatched += 1;
  if (matched.includes(chosen)) preview.matched += 1;
  if (matched[0] === chosen) {
    preview.governed += 1;
    const sample = preview.invoices;
    if (sample.length < limit || bySampleOrder(facts.row, sample[sample.length - 1]!) < 0) {
      sample.push(facts.row);
      sample.sort(bySampleOrder);
      if (sample.length > limit) sample.pop();
    }
  }
  const overlapping = overlapOf(matched);
  if (overlapping.length < 2) return;
  const key = overlapping.map((segment) => segment.name).join('\n');
  const overlap = overlaps.get(key) ?? { segments: overlapping.map((segment) => segment.name), winner: overlapping[0]!.name, invoices: 0 };
  overlap.invoices += 1;
  overlaps.set(key, overlap);
}

export async function previewSegment(input: SegmentPreviewInput): Promise<SegmentPreview> {
  const { store, now, workspaceId, files } = input;
  const limit = input.limit ?? 20;
  const loaded = loadPolicyBundle(files);
  const firstError = loaded.issues.find((issue) => issue.severity === 'error');
  if (firstError) throw refuseInvalid(files, firstError);
  if (!loaded.policy) throw new AppError('policy_invalid', 'the files have no Workspace document', { field: 'files' });
  const policy = loaded.policy;
  const position = policy.segments.findIndex((segment) => segment.name === input.segment);
  if (position < 0) {
    throw new AppError('not_found', `segment "${input.segment}" is not in these files; they have ${policy.segments.map((segment) => segment.name).join(', ') || 'none'}`, {
      record: `segment ${input.segment}`,
      field: 'segment',
    });
  }
  const chosen = policy.segments[position]!;
  if (!(await store.getWorkspace(workspaceId))) throw new AppError('not_found', `organisation ${workspaceId} does not exist`, { record: `organisation ${workspaceId}` });

  const preview: SegmentPreview = { segment: chosen.name, position: position + 1, priority: chosen.priority, openInvoices: 0, matched: 0, governed: 0, invoices: [], overlaps: [], unmatched: 0 };
  const overlaps = new Map<string, SegmentOverlap>();
  const todayIn = new Map<string, number>();
  const today = (timeZone: string) => {
    let day = todayIn.get(timeZone);
    if (day === undefined) todayIn.set(timeZone, (day = localDay(timeZone, now)));
    return day;
  };
  for await (const batch of streamCustomerBatches(store, workspaceId)) {
    const facts = await readFacts({ store, workspaceId, now, workspaceTimeZone: policy.workspace.timeZone, batch, today });
    for (const each of facts) tally(preview, overlaps, { segments: policy.segments, chosen, limit, facts: each });
  }
  preview.overlaps = [...overlaps.values()].sort((a, b) => b.invoices - a.invoices || (a.segments.join() < b.segments.join() ? -1 : 1));
  return preview;
}
