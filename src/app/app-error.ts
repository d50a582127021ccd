// The one error use cases throw. Its code comes from a closed list, so every caller (the HTTP
// layer's status map, the CLI's exit codes) must decide what each code means.

export const appErrorCodes = [
  'not_found',
  'invalid_input',
  'policy_invalid',
  'conflict',
  'unavailable',
  /** No valid session or API token. */
  'unauthenticated',
  /** Signed in, but the role lacks the permission (or a CSRF check failed). */
  'forbidden',
  /** The organisation's plan does not include this; the message names the plan that does. */
  'plan_required',
  /** Too many attempts; `retryAfterMs` says when to try again. */
  'rate_limited',
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export interface AppErrorDetails {
  record?: string;
  field?: string;
  retryAfterMs?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
  }
}
