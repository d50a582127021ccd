import { readUnsubscribeToken } from './messages/unsubscribe-token.ts';
import type { Store } from './ports/store.ts';

export type UnsubscribeResult = { ok: true; email: string } | { ok: false; reason: 'invalid_link' | 'unknown_workspace' };

/** A customer's one-click unsubscribe: the address is suppressed as opted out. Repeating it is harmless. */
export async function unsubscribe({ store, secret, token }: { store: Store; secret: string; token: string }): Promise<UnsubscribeResult> {
  const target = readUnsubscribeToken(secret, token);
  if (!target) return { ok: false, reason: 'invalid_link' };
  if (!(await store.getWorkspace(target.workspaceId))) return { ok: false, reason: 'unknown_workspace' };
  const existing = (await store.listSuppressions(target.workspaceId)).find((entry) => entry.email === target.email);
  // A stronger entry (invalid address, legal hold) is kept as it is.
  if (!existing || existing.reason === 'opted_out') {
    await store.suppress(target.workspaceId, { email: target.email, reason: 'opted_out', note: 'one-click unsubscribe' });
  }
  return { ok: true, email: target.email };
}
