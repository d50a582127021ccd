import type { Role } from '../../core/policy/policy-schema.ts';
import type { Store } from '../ports/store.ts';

/** A user with one membership, for tests that act as a member (no password to sign in with). */
export async function addTestMember(store: Store, member: { workspaceId: string; id: string; email: string; role: Role; createdAt: number }): Promise<void> {
  await store.createUser({ id: member.id, email: member.email, name: member.email, passwordHash: '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA' });
  await store.addMembership({ workspaceId: member.workspaceId, userId: member.id, role: member.role, createdAt: member.createdAt });
}
