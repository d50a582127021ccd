import { scoreInvoice } from '../../core/collections/score-invoice.ts';
import { currencyDigits, formatMoney } from '../../core/money/money.ts';
import { projectNextActions, stepOf } from '../../core/planning/project-next-actions.ts';
import { formatCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { QueueEntryInput } from '../ports/collection-queue-store.ts';
import type { Store } from '../ports/store.ts';

// Scores every open invoice of a workspace for the collections queue and writes the queue whole.
// The engine runs to now, so balances, promises and segments are the ones it acts on; then on to
// the horizon, so each entry carries its next planned action and why it waits (weekend, quiet
// hours, caps…). The worker runs this after planning when something changed, and every few minutes.

const day = 86_400_000;
/** Tasks and escalations this recent wait on a person (the queue's `task` reason, the inspector's list). */
export const openTaskDays = 7;

export async function refreshCollectionsQueue(input: { store: Store; workspaceId: string; now: number; horizonDays?: number }): Promise<{ entries: number }> {
  const { store, workspaceId, now } = input;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  if ((await store.getPolicyPublishState(workspaceId)).liveVersion === null) {
    await store.replaceCollectionQueue(workspaceId, [], now);
    return { entries: 0 };
  }
  const { policy } = await loadLivePolicy(store, workspaceId);
  const portfolio = await loadWorkspacePortfolio(store, workspaceId);
  const projections = projectNextActions({ policy, portfolio, start: planningStart(workspace, portfolio), now, until: now + (input.horizonDays ?? 30) * day });
  const customers = new Map(portfolio.customers.map((customer) => [customer.id, customer]));

  const disputed = new Set<string>();
  for (const event of portfolio.events) {
    if (event.type === 'dispute') disputed.add(event.invoiceId);
    if (event.type === 'dispute_resolved') disputed.delete(event.invoiceId);
  }
  const tasks = new Map<string, number>();
  const broken = new Set<string>();
  const brokenPlans = new Set<string>();
  for (const action of await store.listEngineActions(workspaceId)) {
    if (action.at > now) continue;
    if ((action.type === 'task' || action.type === 'escalate') && action.at >= now - openTaskDays * day) tasks.set(action.invoiceId, (tasks.get(action.invoiceId) ?? 0) + 1);
    if (action.reason === 'promise_broken' && action.at >= now - 14 * day) broken.add(action.invoiceId);
    if (action.reason === 'plan_broken' && action.at >= now - 14 * day) brokenPlans.add(action.invoiceId);
  }
  const drafts = new Set((await store.listOutboxMessages(workspaceId, { statuses: ['draft'], limit: 1_000_000 })).flatMap((message) => message.invoiceIds));
  const bouncedEmails = new Set((await store.listSuppressions(workspaceId, { activeAt: now })).filter((entry) => entry.reason === 'invalid').map((entry) => entry.email));
  const bouncedCustomers = new Set(portfolio.customers.filter((customer) => customer.contacts.some((contact) => contact.email !== null && bouncedEmails.has(contact.email.toLowerCase()))).map((customer) => customer.id));

  const entries: QueueEntryInput[] = [];
  for (const invoice of portfolio.invoices) {
    const { now: inspection, next: action } = projections.get(invoice.id)!;
    const balanceMinor = inspection?.snapshot.balanceMinor ?? invoice.balanceMinor;
    if (balanceMinor <= 0) continue;
    const customer = customers.get(invoice.customerId)!;
    const today = localDay(customer.timeZone ?? policy.workspace.timeZone, now);
    const promise = inspection?.snapshot.promise ?? null;
    const plan = inspection?.plan ?? null;
    // In the words of the workspace's people: its locale, the invoice's currency.
    const balanceText = formatMoney(balanceMinor, invoice.currency, workspace.locale);
    const { score, reasons } = scoreInvoice({
      daysPastDue: today - invoice.dueOn,
      balance: balanceMinor / 10 ** currencyDigits(invoice.currency),
      balanceText,
      customerScore: customer.score ?? null,
      promise: promise ? { on: formatCalendarDay(promise.onDay), daysUntil: promise.onDay - today } : null,
      promiseBroken: broken.has(invoice.id),
      plan: plan ? { on: formatCalendarDay(plan.nextOnDay), daysUntil: plan.nextOnDay - today, dueText: formatMoney(plan.dueMinor, invoice.currency, workspace.locale) } : null,
      planBroken: brokenPlans.has(invoice.id),
      disputed: disputed.has(invoice.id),
      openTasks: tasks.get(invoice.id) ?? 0,
      draftAwaiting: drafts.has(invoice.id),
      bouncedContact: bouncedCustomers.has(customer.id),
    });
    entries.push({
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      customerId: invoice.customerId,
      customerName: customer.name,
      score,
      daysPastDue: today - invoice.dueOn,
      balanceMinor,
      currency: invoice.currency,
      reasons,
      nextActionAt: action ? action.at : null,
      nextAction: action
        ? {
            type: action.type,
            at: new Date(action.at).toISOString(),
            step: stepOf(action, invoice.id),
            segment: action.segment ?? inspection?.segment?.name ?? null,
            reason: action.reason ?? null,
            plannedAt: action.plannedAt === undefined ? null : new Date(action.plannedAt).toISOString(),
            moves: action.moves ?? [],
          }
        : null,
    });
  }
  await store.replaceCollectionQueue(workspaceId, entries, now);
  return { entries: entries.length };
}
