import type { Role } from '../../core/policy/policy-schema.ts';

// Who may come in: users, their memberships of organisations, sign-in sessions, invitations, API
// tokens, sign-in attempts and idempotency keys. An organisation is a workspace. Secrets never
// reach the store: sessions, invitations and tokens are looked up by the SHA-256 of their value.

export interface UserInput {
  id: string;
  /** Compared and stored lower-cased. */
  email: string;
  name: string;
  /** An argon2id hash (PHC string), never the password. */
  passwordHash: string;
}

export interface StoredUser extends UserInput {
  createdAt: number;
  updatedAt: number;
}

export interface StoredMembership {
  workspaceId: string;
  userId: string;
  role: Role;
  createdAt: number;
}

/** A membership with the names a person reads: for member lists and the organisation switcher. */
export interface MembershipView extends StoredMembership {
  email: string;
  userName: string;
  workspaceName: string;
}

export interface SessionInput {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  ip?: string | null;
  userAgent?: string | null;
}

export interface StoredSession extends Required<SessionInput> {
  lastSeenAt: number;
}

export interface InvitationInput {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  tokenHash: string;
  /** The inviting user's id. */
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

export interface StoredInvitation extends InvitationInput {
  acceptedAt: number | null;
  revokedAt: number | null;
}

export interface ApiTokenInput {
  id: string;
  workspaceId: string;
  name: string;
  role: Role;
  tokenHash: string;
  /** The issuing user's id. */
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
}

export interface StoredApiToken extends ApiTokenInput {
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export type IdempotencyClaim =
  /** The caller runs the request and then completes (or releases) the key. */
  | { kind: 'claimed' }
  /** The same request ran before: answer what was answered then. */
  | { kind: 'replay'; statusCode: number; body: string }
  /** The key was used for a different request. */
  | { kind: 'mismatch' }
  /** The same request is running right now, in another connection. */
  | { kind: 'in_progress' };

export interface AccessStore {
  /** null when the email is taken (compared without regard to case). */
  createUser(user: UserInput): Promise<StoredUser | null>;
  getUser(userId: string): Promise<StoredUser | null>;
  findUserByEmail(email: string): Promise<StoredUser | null>;

  /** Adds the user to the organisation; false when already a member. */
  addMembership(membership: { workspaceId: string; userId: string; role: Role; createdAt: number }): Promise<boolean>;
  getMembership(workspaceId: string, userId: string): Promise<StoredMembership | null>;
  /** A user's organisations by name, or an organisation's members by email. */
  listMemberships(query: { userId: string } | { workspaceId: string }): Promise<MembershipView[]>;
  /** false when there is no such membership. */
  setMembershipRole(workspaceId: string, userId: string, role: Role): Promise<boolean>;
  removeMembership(workspaceId: string, userId: string): Promise<boolean>;
  countMembers(workspaceId: string, query?: { role?: Role }): Promise<number>;

  createSession(session: SessionInput): Promise<void>;
  getSession(tokenHash: string): Promise<StoredSession | null>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Signs a user out everywhere (a removed member, a changed password). */
  deleteUserSessions(userId: string): Promise<number>;

  createInvitation(invitation: InvitationInput): Promise<StoredInvitation>;
  findInvitationByToken(tokenHash: string): Promise<StoredInvitation | null>;
  /** Newest first. */
  listInvitations(workspaceId: string): Promise<StoredInvitation[]>;
  /** Only an invitation neither accepted nor revoked: of two acceptances, one wins. */
  closeInvitation(workspaceId: string, id: string, change: { acceptedAt: number } | { revokedAt: number }): Promise<boolean>;

  createApiToken(token: ApiTokenInput): Promise<StoredApiToken>;
  findApiTokenByHash(tokenHash: string): Promise<StoredApiToken | null>;
  /** Newest first. */
  listApiTokens(workspaceId: string): Promise<StoredApiToken[]>;
  revokeApiToken(workspaceId: string, id: string, at: number): Promise<boolean>;
  touchApiToken(id: string, at: number): Promise<void>;

  recordLoginAttempt(attempt: { subjects: readonly string[]; at: number; succeeded: boolean }): Promise<void>;
  /** Failed attempts for a subject since `sinceAt` and after its last success. */
  countLoginFailures(subject: string, sinceAt: number): Promise<number>;

  claimIdempotencyKey(claim: { scope: string; key: string; requestHash: string; at: number }): Promise<IdempotencyClaim>;
  completeIdempotencyKey(done: { scope: string; key: string; statusCode: number; body: string }): Promise<void>;
  /** Forgets a pending key after a failure, so the caller may try the same request again. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;
  /** Drops sign-in attempts, expired sessions and idempotency keys older than `beforeAt`. */
  pruneAccessRecords(beforeAt: number): Promise<{ removed: number }>;
}
