// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
// posts), Secure unless the install runs on plain HTTP by choice, Path=/ and no Domain.

export const sessionCookieName = 'plixo_session';

export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function sessionCookie(token: string, options: { secure: boolean; maxAgeMs: number }): string {
  return [`${sessionCookieName}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.floor(options.maxAgeMs / 1000)}`, ...(options.secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return [`${sessionCookieName}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(options.secure ? ['Secure'] : [])].join('; ');
}
