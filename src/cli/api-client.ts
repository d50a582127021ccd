import { createHash, randomUUID } from 'node:crypto';
import type { CliIo } from './cli-io.ts';

// The `plixo` commands that act on a running Plixo (policy-as-code) speak its HTTP API with an API
// token, exactly as any integration would: PLIXO_URL (default http://127.0.0.1:3000), PLIXO_ORG
// and PLIXO_TOKEN, or --url and --org. The token is read from the environment only, so it stays
// out of shell history and process lists.

export interface ApiTarget {
  url: string;
  org: string;
  token: string;
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

/** The target from options and environment, or the reason it is incomplete. */
export function resolveApiTarget(io: CliIo, options: { url?: string; org?: string }): ApiTarget | string {
  const url = options.url ?? io.env.PLIXO_URL ?? 'http://127.0.0.1:3000';
  const org = options.org ?? io.env.PLIXO_ORG;
  const token = io.env.PLIXO_TOKEN;
  if (!org) return 'name the organisation with --org or PLIXO_ORG';
  if (!token) return 'set PLIXO_TOKEN to an API token of the organisation (Settings → API tokens, or POST /api/orgs/{org}/api-tokens)';
  try {
    new URL(url);
  } catch {
    return `--url / PLIXO_URL "${url}" is not a URL`;
  }
  return { url: url.replace(/\/+$/, ''), org, token };
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  /** After /api/orgs/{org}. */
  path: string;
  body?: unknown;
  /** A stable key makes a retried creation return the first answer instead of a second record. */
  idempotencyKey?: string;
}

export async function callApi<T>(target: ApiTarget, call: ApiCall): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${target.url}/api/orgs/${encodeURIComponent(target.org)}${call.path}`, {
      method: call.method,
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new ApiCallError(0, 'unavailable', `cannot reach Plixo at ${target.url}: ${(error as Error).message}`, null);
  }
  const text = await response.text();
  const parsed = text === '' ? null : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiCallError(response.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${response.status}`, error?.field ?? null);
  }
  return parsed as T;
}

/** A key that is the same for the same request content: a rerun after a lost answer repeats nothing. */
export function contentKey(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

export function freshKey(): string {
  return randomUUID();
}
