// The one error use cases throw. Its code comes from a closed list, so every caller (the HTTP
// layer's status map, the CLI's exit codes) must decide what each code means.

export const appErrorCodes = ['not_found', 'invalid_input', 'policy_invalid', 'conflict', 'unavailable'] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { record?: string; field?: string },
  ) {
    super(message);
  }
}
