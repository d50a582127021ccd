import type { ProposedLine } from '../../core/cash/remittance/remittance-proposal.ts';
import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { allocatePayment } from '../payments/allocate-payment.ts';
import type { StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { requireRemittance, toJson, toRemittanceView, type AcceptedLine, type RemittanceView } from './remittance-view.ts';

// A person accepts a remittance's proposal: all the lines it proposes, or the lines they choose,
// with the amounts they set. The allocations go through allocate-payment (never above the
// payment's unapplied money nor an invoice's open balance, as they stand now), with a note that
// cites the remittance, in one transaction with the remittance marked accepted; both audited.
// A remittance is accepted once.

export interface AcceptRemittanceInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  paymentId: number;
  remittanceId: number;
  /** The lines to apply, by their number, with an amount (a decimal string) where it differs from the proposal's; absent: the lines proposed. */
  lines?: readonly { number: number; amount?: string }[];
  note?: string | null;
}

export interface AcceptRemittanceResult {
  view: RemittanceView;
  payment: StoredPayment;
  allocations: StoredAllocation[];
}

interface Chosen {
  line: ProposedLine;
  amountMinor: number;
  /** The field of the request that chose it, for errors. */
  field: string;
}

export async function acceptRemittance(input: AcceptRemittanceInput): Promise<AcceptRemittanceResult> {
  const { store, now, workspaceId, paymentId, remittanceId } = input;
  const record = `remittance ${remittanceId}`;
  const stored = await requireRemittance(store, workspaceId, paymentId, remittanceId);
  if (stored.status === 'accepted') {
    throw new AppError('conflict', `${record} was accepted by ${stored.acceptedBy} at ${new Date(stored.acceptedAt!).toISOString()}; upload the file again for a fresh proposal`, { record });
  }
  const { proposal } = toRemittanceView(stored);
  const chosen = input.lines === undefined ? proposedLines(proposal.lines) : chooseLines(proposal.lines, input.lines, proposal.currency, record);
  if (chosen.length === 0) throw new AppError('invalid_input', `lines: no line of ${record} is proposed as it stands; choose the lines to apply`, { record, field: 'lines' });
  const numbers = chosen.map((each) => each.line.number);
  const note = `Remittance advice ${stored.fileName} (remittance ${stored.id}), ${numbers.length === 1 ? 'line' : 'lines'} ${numbers.join(', ')}${input.note?.trim() ? `: ${input.note.trim()}` : ''}`;
  const actor = auditActor(input.by);
  return store.transaction(async (tx) => {
    const applied = await allocatePayment({
      store: tx,
      now,
      workspaceId,
      by: input.by,
      paymentId,
      allocations: chosen.map((each) => ({ invoiceId: each.line.invoice!.id, amount: formatAmount(each.amountMinor, proposal.currency) })),
      note,
    }).catch((error: unknown) => {
      throw onLine(error, chosen);
    });
    const accepted: AcceptedLine[] = chosen.map((each, position) => ({
      number: each.line.number,
      invoiceId: each.line.invoice!.id,
      invoiceNumber: each.line.invoice!.number,
      amountMinor: each.amountMinor,
      allocationId: applied.allocations[position]!.id,
    }));
    const detail = { lines: accepted, note: input.note?.trim() || null };
    if (!(await tx.markRemittanceAccepted(workspaceId, remittanceId, { by: actor.actor, at: now, detail: toJson(detail) }))) {
      throw new AppError('conflict', `${record} was accepted by someone else meanwhile`, { record });
    }
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'remittance.accept',
      subject: `payment ${paymentId} (${applied.payment.source} ${applied.payment.sourceId})`,
      detail: { remittance: remittanceId, file: stored.fileName },
      after: { lines: accepted.map((line) => ({ line: line.number, invoice: line.invoiceId, amount: formatAmount(line.amountMinor, proposal.currency) })), currency: proposal.currency, unapplied: formatAmount(applied.payment.unappliedMinor, proposal.currency) },
      rationale: input.note?.trim() || null,
    });
    const view = toRemittanceView((await tx.getRemittance(workspaceId, remittanceId))!);
    return { view, payment: applied.payment, allocations: applied.allocations };
  });
}

function proposedLines(lines: readonly ProposedLine[]): Chosen[] {
  return lines.filter((line) => line.selected && line.invoice !== null && line.proposedMinor > 0).map((line) => ({ line, amountMinor: line.proposedMinor, field: 'lines' }));
}

function chooseLines(lines: readonly ProposedLine[], requested: NonNullable<AcceptRemittanceInput['lines']>, currency: string, record: string): Chosen[] {
  const seen = new Set<number>();
  return requested.map((request, index) => {
    const field = `lines[${index}]`;
    const line = lines.find((each) => each.number === request.number);
    if (!line) throw new AppError('invalid_input', `${field}.number: ${record} has no line ${request.number} (its lines are 1 to ${lines.length})`, { record, field: `${field}.number` });
    if (seen.has(line.number)) throw new AppError('invalid_input', `${field}.number: line ${line.number} is listed twice`, { record, field: `${field}.number` });
    seen.add(line.number);
    const blocker = line.invoice === null ? (line.problems[0]?.text ?? 'it names no open invoice') : line.problems.find((problem) => problem.code === 'currency_mismatch')?.text;
    if (blocker) throw new AppError('invalid_input', `${field}.number: line ${line.number} ("${line.reference}") cannot be applied: ${blocker}`, { record, field: `${field}.number` });
    if (request.amount === undefined) {
      if (line.proposedMinor <= 0) throw new AppError('invalid_input', `${field}.amount: line ${line.number} has no amount proposed; give one`, { record, field: `${field}.amount` });
      return { line, amountMinor: line.proposedMinor, field };
    }
    const parsed = parseAmount(request.amount, currency);
    if (!parsed.ok) throw new AppError('invalid_input', `${field}.amount: ${parsed.problem}`, { record, field: `${field}.amount` });
    if (parsed.minor <= 0) throw new AppError('invalid_input', `${field}.amount: must be more than zero`, { record, field: `${field}.amount` });
    return { line, amountMinor: parsed.minor, field };
  });
}

/** An allocation refused (an invoice paid meanwhile, more than is unapplied) is told by the line it came from. */
function onLine(error: unknown, chosen: readonly Chosen[]): unknown {
  if (!(error instanceof AppError)) return error;
  const match = /^allocations\[(\d+)\]\.(\w+)/.exec(error.details?.field ?? '');
  if (!match) return error.details?.field === 'allocations' ? new AppError(error.code, error.message.replace(/^allocations:/, 'lines:'), { ...error.details, field: 'lines' }) : error;
  const each = chosen[Number(match[1])]!;
  const field = each.field === 'lines' ? 'lines' : `${each.field}.${match[2] === 'invoiceId' ? 'number' : match[2]}`;
  const problem = error.message.replace(/^allocations\[\d+\]\.\w+: /, '');
  return new AppError(error.code, `${field}: line ${each.line.number} (${each.line.invoice!.number}): ${problem}`, { ...error.details, field });
}
