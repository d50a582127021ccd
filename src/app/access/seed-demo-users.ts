import { roles } from '../../core/policy/policy-schema.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Store } from '../ports/store.ts';

// One user per role in the demo organisation, so a person trying Plixo can see what each role
// sees. The password is printed by `plixo start`; the demo is for a machine's own loopback.

export const demoPassword = 'plixo-demo-password';

export function demoEmailFor(role: string): string {
  return `${role.replace('_', '-')}@demo.plixo.test`;
}

export async function seedDemoUsers({ store, hasher, now, workspaceId }: { store: Store; hasher: PasswordHasher; now: number; workspaceId: string }): Promise<{ created: number }> {
  let created = 0;
  let passwordHash: string | null = null;
  for (const role of roles) {
    const email = demoEmailFor(role);
    if (await store.findUserByEmail(email)) continue;
    passwordHash ??= await hasher.hash(demoPassword);
    const user = await store.createUser({ id: `demo-${role}`, email, name: `Demo ${role.replace('_', ' ')}`, passwordHash });
    if (user && (await store.addMembership({ workspaceId, userId: user.id, role, createdAt: now }))) created += 1;
  }
  return { created };
}
