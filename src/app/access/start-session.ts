import type { Store } from '../ports/store.ts';
import type { AccessSettings } from './access-settings.ts';
import { hashSecret, newSecret } from './secret-tokens.ts';

export interface StartedSession {
  /** The cookie's value; shown once, stored only as its hash. */
  token: string;
  /** Sent back by the browser in the X-CSRF-Token header of every change. */
  csrfToken: string;
  expiresAt: number;
}

/**
 * A new session for a user. Any session the browser already held is ended first, so a session id
 * planted before sign-in (session fixation) never becomes a signed-in one.
 */
export async function startSession(input: {
  store: Store;
  userId: string;
  now: number;
  settings: AccessSettings;
  previousToken?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<StartedSession> {
  const { store, userId, now, settings } = input;
  if (input.previousToken) await store.deleteSession(hashSecret(input.previousToken));
  const token = newSecret('plx_ses_');
  const csrfToken = newSecret('');
  const expiresAt = now + settings.sessionMaxMs;
  await store.createSession({ tokenHash: hashSecret(token), userId, csrfToken, createdAt: now, expiresAt, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 500) ?? null });
  return { token, csrfToken, expiresAt };
}
