import { AppError } from '../app-error.ts';
import type { MembershipView, StoredUser } from '../ports/access-store.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Store } from '../ports/store.ts';
import type { AccessSettings } from './access-settings.ts';
import { hashSecret } from './secret-tokens.ts';
import { startSession, type StartedSession } from './start-session.ts';

// Sign-in with an email and a password. Wrong passwords are counted per address and per network
// address; past the limit sign-in pauses for that subject until the window has passed, even with
// the right password, so guessing gains nothing. An unknown address costs the same time as a
// known one (a hash is still checked), so sign-in does not tell which addresses have accounts.

export interface SignInInput {
  store: Store;
  hasher: PasswordHasher;
  now: number;
  settings: AccessSettings;
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
  /** The session the browser held before, ended so it cannot be fixed on the user. */
  previousToken?: string | null;
}

export interface SignedIn {
  user: StoredUser;
  session: StartedSession;
  organisations: MembershipView[];
}

const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

export async function signIn(input: SignInInput): Promise<SignedIn> {
  const { store, hasher, now, settings } = input;
  const email = input.email.trim().toLowerCase();
  const subjects = [`email:${email}`, `ip:${input.ip}`];
  const since = now - settings.loginWindowMs;
  const [emailFailures, ipFailures] = await Promise.all(subjects.map((subject) => store.countLoginFailures(subject, since)));
  if ((emailFailures ?? 0) >= settings.maxFailuresPerEmail || (ipFailures ?? 0) >= settings.maxFailuresPerIp) {
    throw new AppError('rate_limited', `sign-in for ${email} is paused after too many wrong passwords; try again in ${Math.ceil(settings.loginWindowMs / 60_000)} minutes`, {
      retryAfterMs: settings.loginWindowMs,
    });
  }
  const user = await store.findUserByEmail(email);
  const valid = user ? await hasher.verify(user.passwordHash, input.password) : await verifyAgainstDummy(hasher, input.password);
  if (!user || !valid) {
    await store.recordLoginAttempt({ subjects, at: now, succeeded: false });
    if (user) await auditForEachOrganisation(store, user, await store.listMemberships({ userId: user.id }), now, 'user.sign_in_failed', { ip: input.ip });
    throw new AppError('unauthenticated', 'the email or the password is wrong', { field: 'password' });
  }
  await store.recordLoginAttempt({ subjects, at: now, succeeded: true });
  const session = await startSession({ store, userId: user.id, now, settings, previousToken: input.previousToken ?? null, ip: input.ip, userAgent: input.userAgent ?? null });
  const organisations = await store.listMemberships({ userId: user.id });
  await auditForEachOrganisation(store, user, organisations, now, 'user.sign_in', { ip: input.ip });
  return { user, session, organisations };
}

export async function signOut({ store, token }: { store: Store; token: string }): Promise<void> {
  await store.deleteSession(hashSecret(token));
}

/** Sign-ins are recorded in each of the user's organisations, so each one's Controller sees them. */
async function auditForEachOrganisation(store: Store, user: StoredUser, memberships: readonly MembershipView[], now: number, action: string, detail: { ip: string }): Promise<void> {
  for (const membership of memberships) {
    await store.appendAudit({ workspaceId: membership.workspaceId, at: now, actor: user.email, role: membership.role, action, subject: `user ${user.email}`, detail });
  }
}

async function verifyAgainstDummy(hasher: PasswordHasher, password: string): Promise<false> {
  let dummy = dummyHashes.get(hasher);
  if (!dummy) {
    dummy = hasher.hash('not a password anyone has: plixo');
    dummyHashes.set(hasher, dummy);
  }
  await hasher.verify(await dummy, password);
  return false;
}
