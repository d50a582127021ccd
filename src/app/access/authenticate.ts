import type { StoredApiToken, StoredSession, StoredUser } from '../ports/access-store.ts';
import type { Store } from '../ports/store.ts';
import type { AccessSettings } from './access-settings.ts';
import { hashSecret } from './secret-tokens.ts';

// Who is calling: a session cookie (a person in a browser) or an API token (a program). Expired
// sessions are ended on sight: idle past the idle timeout, or past the absolute end whatever the
// activity.

export async function authenticateSession(input: { store: Store; now: number; settings: AccessSettings; token: string }): Promise<{ user: StoredUser; session: StoredSession } | null> {
  const { store, now, settings } = input;
  const tokenHash = hashSecret(input.token);
  const session = await store.getSession(tokenHash);
  if (!session) return null;
  if (now >= session.expiresAt || now - session.lastSeenAt >= settings.sessionIdleMs) {
    await store.deleteSession(tokenHash);
    return null;
  }
  const user = await store.getUser(session.userId);
  if (!user) return null;
  if (now - session.lastSeenAt >= settings.sessionTouchEveryMs) await store.touchSession(tokenHash, now);
  return { user, session };
}

/** `plx_tok_…` tokens: revoked or expired ones are refused. */
export async function authenticateApiToken(input: { store: Store; now: number; token: string }): Promise<StoredApiToken | null> {
  const { store, now } = input;
  const token = await store.findApiTokenByHash(hashSecret(input.token));
  if (!token || token.revokedAt !== null || (token.expiresAt !== null && now >= token.expiresAt)) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt >= 60_000) await store.touchApiToken(token.id, now);
  return token;
}
