import type { Role } from '../../core/policy/policy-schema.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { auditActor, type Actor } from './actor.ts';

// Changing a member's role and removing a member. An organisation always keeps a Controller:
// the last one can be neither demoted nor removed.

async function requireMember(store: Store, workspaceId: string, userId: string) {
  const membership = await store.getMembership(workspaceId, userId);
  if (!membership) throw new AppError('not_found', `user ${userId} is not a member of this organisation`);
  const user = await store.getUser(userId);
  return { membership, email: user?.email ?? userId };
}

async function refuseLastController(store: Store, workspaceId: string, current: Role): Promise<void> {
  if (current === 'controller' && (await store.countMembers(workspaceId, { role: 'controller' })) <= 1) {
    throw new AppError('conflict', 'the organisation needs a Controller: make another member Controller first');
  }
}

export async function changeMemberRole(input: { store: Store; now: number; workspaceId: string; by: Actor; userId: string; role: Role; rationale?: string | null }) {
  const { store, now, workspaceId, by, userId, role } = input;
  return store.transaction(async (tx) => {
    const { membership, email } = await requireMember(tx, workspaceId, userId);
    if (membership.role === role) return membership;
    await refuseLastController(tx, workspaceId, membership.role);
    await tx.setMembershipRole(workspaceId, userId, role);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'member.role', subject: `user ${email}`, before: { role: membership.role }, after: { role }, rationale: input.rationale ?? null });
    return { ...membership, role };
  });
}

export async function removeMember(input: { store: Store; now: number; workspaceId: string; by: Actor; userId: string; rationale?: string | null }): Promise<void> {
  const { store, now, workspaceId, by, userId } = input;
  await store.transaction(async (tx) => {
    const { membership, email } = await requireMember(tx, workspaceId, userId);
    await refuseLastController(tx, workspaceId, membership.role);
    await tx.removeMembership(workspaceId, userId);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'member.remove', subject: `user ${email}`, before: { role: membership.role }, rationale: input.rationale ?? null });
  });
}
