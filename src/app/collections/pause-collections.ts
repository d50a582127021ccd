import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';

// A pause of a customer or an invoice until a date, with its reason: an engine event (nothing
// automated goes out before that date), audited.

export async function pauseCollections(input: { store: Store; now: number; workspaceId: string; by: Actor; customerId?: string; invoiceId?: string; until: string; reason: string }): Promise<void> {
  const { store, now, workspaceId, by } = input;
  if ((input.customerId === undefined) === (input.invoiceId === undefined)) throw new AppError('invalid_input', 'name a customer or an invoice to pause, not both', { field: 'customerId' });
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const day = parseCalendarDay(input.until);
  if (day === null || day <= localDay(workspace.timeZone, now)) throw new AppError('invalid_input', `until: "${input.until}" must be a date (YYYY-MM-DD) after today`, { field: 'until' });
  if (input.reason.trim() === '') throw new AppError('invalid_input', 'reason: say why collections pause', { field: 'reason' });
  const target = input.invoiceId !== undefined ? { invoiceId: input.invoiceId } : { customerId: input.customerId! };
  await store.transaction(async (tx) => {
    await tx.appendEvents(workspaceId, [{ at: now, type: 'pause', ...target, payload: { until: input.until } }]);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'collections.pause', subject: input.invoiceId ? `invoice ${input.invoiceId}` : `customer ${input.customerId}`, after: { until: input.until }, rationale: input.reason.trim() });
  });
}
