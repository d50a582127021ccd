import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Random secrets handed to a person or a program once (a session cookie, an invitation link, an
// API token); the store keeps only their SHA-256, so a copy of the database signs nobody in.

/** 32 random bytes, base64url, behind a readable prefix (`plx_tok_…`) so a leaked one is recognisable. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
