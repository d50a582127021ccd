import { createEngine } from '../../core/planning/create-engine.ts';
import type { EngineAction } from '../../core/planning/engine-action.ts';
import { placeMessage, sendAtOn } from '../../core/planning/place-message.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { formatCalendarDay, parseCalendarDay } from '../../core/time/calendar-day.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { buildOutboxMessage } from '../delivery/build-outbox-message.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { DocumentRenderer, MessageLinks } from '../ports/documents.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';
import { composeMessage } from './compose-message.ts';

// A nudge: a person (Sales, a CSM, an operator) sends a reminder outside the cadence. It is
// pre-approved: its text is a template of the cadence that governs the invoice, never free text,
// and it goes out inside that segment's guardrails (sending days, holidays, quiet hours, the
// customer's daily cap). It is refused for an invoice that is paid, disputed or paused, or whose
// customer cannot be reached; one nudge per invoice per local day. It passes the same last look
// before sending as every message, and is audited.

const pendingStatuses = ['queued', 'sending', 'sent'] as const;

export interface NudgeOutcome {
  message: StoredOutboxMessage;
  /** True when this invoice was already nudged today: the earlier nudge is returned. */
  existing: boolean;
  template: string;
  /** Why it waits until notBefore (quiet hours, weekend, holiday, daily cap…). */
  moves: string[];
}

export async function sendNudge(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  invoiceId: string;
  /** A template of the governing cadence; default the template of its latest step due. */
  template?: string;
  note?: string | null;
  links: MessageLinks;
  documents: DocumentRenderer;
}): Promise<NudgeOutcome> {
  const { store, now, workspaceId, by, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  const workspace = await store.getWorkspace(workspaceId);
  const [stored] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!workspace || !stored) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  const { policy, versionOfSegment, version } = await loadLivePolicy(store, workspaceId);

  // The invoice as the engine sees it now: balance after payments and credits, promise, segment.
  const portfolio = await loadWorkspacePortfolio(store, workspaceId, { customerId: stored.customerId });
  const engine = createEngine({ policy, portfolio, start: planningStart(workspace, portfolio) });
  engine.advanceTo(now + 1);
  const inspection = engine.inspectInvoice(invoiceId, now);
  const customer = portfolio.customers.find((candidate) => candidate.id === stored.customerId)!;
  if (!inspection || inspection.snapshot.balanceMinor <= 0) throw new AppError('conflict', `${record} is paid: there is nothing to nudge for`, { record });
  const segment = inspection.segment;
  if (!segment) throw new AppError('conflict', `${record} is in no segment of the live policy, so no template is approved for it`, { record });

  const events = await store.listEvents(workspaceId, { customerId: stored.customerId });
  let disputed = false;
  let pausedUntil: number | null = null;
  const today = localDay(customer.timeZone ?? policy.workspace.timeZone, now);
  for (const event of events) {
    if (event.at > now || (event.invoiceId !== null && event.invoiceId !== invoiceId)) continue;
    if (event.type === 'dispute') disputed = true;
    if (event.type === 'dispute_resolved') disputed = false;
    if (event.type === 'pause') {
      const until = parseCalendarDay(String(event.payload.until));
      if (until !== null && until > today) pausedUntil = Math.max(pausedUntil ?? 0, until);
    }
  }
  if (disputed) throw new AppError('conflict', `${record} is in dispute: it is out of dunning until the dispute is resolved`, { record });
  if (pausedUntil !== null) throw new AppError('conflict', `${record} is paused until ${formatCalendarDay(pausedUntil)}`, { record });

  const suppressed = new Set((await store.listSuppressions(workspaceId, { activeAt: now })).map((entry) => entry.email.toLowerCase()));
  const to = customer.contacts.flatMap((contact) => (contact.email !== null && !suppressed.has(contact.email.toLowerCase()) ? [contact.email] : []));
  if (to.length === 0) throw new AppError('conflict', `${record}: customer ${customer.id} has no email address that is not suppressed`, { record });

  const steps = segment.cadence.steps.filter((step) => step.action === 'email' && step.template !== null);
  const approved = [...new Set(steps.map((step) => step.template!))];
  const daysPastDue = today - (parseCalendarDay(stored.dueOn) ?? today);
  // Templates keep their names; one that differs between the versions in use is keyed name@vN.
  const shown = (name: string) => name.replace(/@v\d+$/, '');
  const latestDue = [...steps].reverse().find((step) => step.day <= daysPastDue) ?? steps[0];
  if (latestDue === undefined) throw new AppError('conflict', `${record}: cadence ${shown(segment.cadence.name)} has no email step, so no template is approved for a nudge`, { record });
  const template = input.template === undefined ? latestDue.template! : approved.find((name) => shown(name) === input.template);
  if (template === undefined) {
    throw new AppError('invalid_input', `template: "${input.template}" is not a template of cadence ${shown(segment.cadence.name)}; a nudge uses one of ${approved.map(shown).join(', ')}`, { record, field: 'template' });
  }
  const tone = steps.find((step) => step.template === template)!.tone;

  // The guardrails of the segment, then the customer's daily cap over what is already queued.
  const timeZone = customer.timeZone ?? policy.workspace.timeZone;
  const guardrails = segment.guardrails;
  const outbox = await store.listOutboxMessages(workspaceId, { customerId: customer.id, statuses: pendingStatuses, limit: 10_000 });
  let placement = placeMessage(guardrails, timeZone, now);
  const moves: string[] = [...placement.moves];
  for (let round = 0; round < 60; round += 1) {
    const placedDay = localDay(timeZone, placement.at);
    const sameDay = outbox.filter((message) => localDay(timeZone, message.sentAt ?? message.notBefore) === placedDay).length;
    if (sameDay < guardrails.maxSendsPerDay) break;
    if (!moves.includes('daily_cap')) moves.push('daily_cap');
    placement = placeMessage(guardrails, timeZone, sendAtOn(guardrails, timeZone, placedDay + 1));
    for (const move of placement.moves) if (!moves.includes(move)) moves.push(move);
  }

  const key = `nudge/${invoiceId}/${formatCalendarDay(today)}`;
  const action: EngineAction = {
    at: placement.at,
    type: 'send',
    customer: customer.id,
    to,
    invoices: [invoiceId],
    template,
    tone,
    segment: segment.name,
    plannedAt: now,
    moves: moves as EngineAction['moves'],
    attach: [],
    ...(segment.sender ? { sender: segment.sender.domain } : {}),
    leadInvoice: invoiceId,
    snapshots: portfolio.invoices.map((invoice) => engine.inspectInvoice(invoice.id, now)?.snapshot).filter((snapshot) => snapshot !== undefined),
  };
  const composed = await composeMessage({ workspaceId, policy, action, customer, invoices: portfolio.invoices, snapshots: action.snapshots!, links: input.links, documents: input.documents });
  if (!composed.ok) throw new AppError('conflict', `${record}: the nudge cannot be written: ${composed.failure.description}`, { record, field: 'template' });
  const message = buildOutboxMessage({ workspaceId, policy, action, actionKey: key, composed });
  const inserted = await store.transaction(async (tx) => {
    const [done] = (await tx.enqueueOutboxMessages(workspaceId, [{ ...message, decidedAt: now, writtenAt: now }])).inserted;
    if (done) {
      await tx.appendAudit({
        workspaceId,
        at: now,
        ...auditActor(by),
        action: 'message.nudge',
        subject: `invoice ${stored.number}`,
        detail: { template: shown(template), segment: segment.name, policyVersion: versionOfSegment.get(segment.name) ?? version, notBefore: new Date(placement.at).toISOString(), moves, to },
        rationale: input.note?.trim() || null,
      });
    }
    return done ?? false;
  });
  const [saved] = (await store.listOutboxMessages(workspaceId, { customerId: customer.id, limit: 10_000 })).filter((candidate) => candidate.key === key);
  return { message: saved!, existing: !inserted, template: shown(template), moves };
}
