import { createHmac, timingSafeEqual } from 'node:crypto';

// The one-click unsubscribe link (RFC 8058) names the workspace and the address, signed so that
// nobody can unsubscribe someone else by editing the link. It never expires: an old email's
// link must keep working.

export interface UnsubscribeTarget {
  workspaceId: string;
  email: string;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function createUnsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  const payload = Buffer.from(JSON.stringify([target.workspaceId, target.email.toLowerCase()])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The target of a genuine token, or null for anything altered or malformed. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    return { workspaceId: value[0], email: value[1] };
  } catch {
    return null;
  }
}
