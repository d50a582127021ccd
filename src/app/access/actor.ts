import type { Role } from '../../core/policy/policy-schema.ts';

/**
 * Who acts: a signed-in user or an API token acting in one organisation with one role, or an
 * operator at the server's command line (no role: the machine's owner), the worker, or a payer
 * through a payer link (no role, no sign-in: the link is the authority).
 */
export interface Actor {
  kind: 'user' | 'token' | 'cli' | 'worker' | 'payer';
  /** A user's or a token's id; for the CLI the OS user; for a payer the payer link's id. */
  id: string;
  /** What the audit trail shows: the user's email, `token:<name>`, `cli:<os user>`, `worker`, `payer:<customer id>`. */
  label: string;
  /** The role in the organisation acted on; null for the CLI and the worker. */
  role: Role | null;
}

/** Existing use cases take `by` as a label; the HTTP layer passes an Actor. */
export type ActorInput = string | Actor;

export function actorLabel(by: ActorInput): string {
  return typeof by === 'string' ? by : by.label;
}

export function actorRole(by: ActorInput): Role | null {
  return typeof by === 'string' ? null : by.role;
}

/** The actor fields of an audit entry. */
export function auditActor(by: ActorInput): { actor: string; role: Role | null } {
  return { actor: actorLabel(by), role: actorRole(by) };
}
