import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { suppressionReasons, type StoredSuppression, type Store, type SuppressionReason } from '../ports/store.ts';

// The suppression list by hand: an operator puts an address on legal hold, records an opt-out
// received by phone, or lifts a suppression. Every change lands in the audit trail.

export async function addSuppression(input: {
  store: Store;
  workspaceId: string;
  email: string;
  reason: string;
  /** The address is active again from this instant; null: until removed. */
  untilAt?: number | null;
  note?: string | null;
  by: ActorInput;
  now: number;
}): Promise<StoredSuppression> {
  const { store, workspaceId, by, now } = input;
  if (!(suppressionReasons as readonly string[]).includes(input.reason)) {
    throw new AppError('invalid_input', `suppression ${input.email}: reason "${input.reason}" is not one of ${suppressionReasons.join(', ')}`, { record: `suppression ${input.email}`, field: 'reason' });
  }
  if (input.untilAt !== undefined && input.untilAt !== null && input.untilAt <= now) {
    throw new AppError('invalid_input', `suppression ${input.email}: until ${new Date(input.untilAt).toISOString()} has already passed`, { record: `suppression ${input.email}`, field: 'untilAt' });
  }
  if (!(await store.getWorkspace(workspaceId))) throw new AppError('not_found', `no workspace "${workspaceId}"`);
  return store.transaction(async (tx) => {
    const saved = await tx.suppress(workspaceId, { email: input.email, reason: input.reason as SuppressionReason, untilAt: input.untilAt ?? null, note: input.note ?? null });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: 'suppression.add',
      subject: `address ${saved.email}`,
      detail: { reason: saved.reason, untilAt: saved.untilAt === null ? null : new Date(saved.untilAt).toISOString(), note: saved.note },
    });
    return saved;
  });
}

export async function removeSuppression(input: { store: Store; workspaceId: string; email: string; by: ActorInput; now: number }): Promise<void> {
  const { store, workspaceId, by, now } = input;
  const email = input.email.toLowerCase();
  await store.transaction(async (tx) => {
    const existing = (await tx.listSuppressions(workspaceId)).find((entry) => entry.email === email);
    if (!existing) throw new AppError('not_found', `suppression ${email}: the address is not on the suppression list`);
    await tx.unsuppress(workspaceId, email);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'suppression.remove', subject: `address ${email}`, detail: { reason: existing.reason, note: existing.note } });
  });
}
