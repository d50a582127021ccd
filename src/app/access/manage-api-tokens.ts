import { randomUUID } from 'node:crypto';
import type { Role } from '../../core/policy/policy-schema.ts';
import { AppError } from '../app-error.ts';
import type { StoredApiToken } from '../ports/access-store.ts';
import type { Store } from '../ports/store.ts';
import { auditActor, type Actor } from './actor.ts';
import { hashSecret, newSecret } from './secret-tokens.ts';

// API tokens for policy-as-code and integrations: each belongs to one organisation and acts with
// one role. The secret is shown once, at creation; the store keeps its hash.

export async function createApiToken(input: { store: Store; now: number; workspaceId: string; by: Actor; name: string; role: Role; expiresAt?: number | null }): Promise<{ token: StoredApiToken; secret: string }> {
  const { store, now, workspaceId, by, role } = input;
  const name = input.name.trim();
  if (name === '') throw new AppError('invalid_input', 'name: must not be empty', { field: 'name' });
  if (input.expiresAt != null && input.expiresAt <= now) throw new AppError('invalid_input', 'expiresAt: must be in the future', { field: 'expiresAt' });
  const secret = newSecret('plx_tok_');
  const token = await store.transaction(async (tx) => {
    const created = await tx.createApiToken({ id: randomUUID(), workspaceId, name, role, tokenHash: hashSecret(secret), createdBy: by.id, createdAt: now, expiresAt: input.expiresAt ?? null });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'token.create', subject: `API token ${name}`, after: { role, expiresAt: created.expiresAt === null ? null : new Date(created.expiresAt).toISOString() } });
    return created;
  });
  return { token, secret };
}

export async function revokeApiToken(input: { store: Store; now: number; workspaceId: string; by: Actor; id: string }): Promise<void> {
  const { store, now, workspaceId, by, id } = input;
  const token = (await store.listApiTokens(workspaceId)).find((candidate) => candidate.id === id);
  if (!token) throw new AppError('not_found', `API token ${id} does not exist in this organisation`);
  await store.transaction(async (tx) => {
    if (!(await tx.revokeApiToken(workspaceId, id, now))) throw new AppError('conflict', `API token ${token.name} was already revoked`);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'token.revoke', subject: `API token ${token.name}`, before: { role: token.role } });
  });
}
