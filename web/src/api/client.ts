// Calls to Plixo's JSON API from the browser: the session cookie goes by itself; every change
// carries the session's CSRF token; an error body ({error: {code, message, field?}}) becomes an
// ApiError a screen can show next to the field it names.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The CSRF token of the session, from the sign-in answer or GET /api/auth/session. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: { idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (response.status === 204) return null as T;
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? `${method} ${path} answered ${response.status}`, error?.field ?? null);
  }
  return parsed as T;
}

/** A fresh key for a POST that creates or sends something, so a retried click does it once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
