import type { AppErrorCode } from '../../../app/app-error.ts';

/** Every code has a status, or this does not compile. */
export const apiErrorStatuses: Record<AppErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  policy_invalid: 422,
  conflict: 409,
  unavailable: 503,
  unauthenticated: 401,
  forbidden: 403,
  plan_required: 402,
  rate_limited: 429,
};
