import { sameSecret } from '../access/secret-tokens.ts';
import { createHmac, randomBytes } from 'node:crypto';

// The token in a payer link: the stored link's id and an HMAC-SHA256 of it under a key derived
// from the instance secret (its own key, so no other signed value of Plixo can pass for a payer
// link). It is checked in constant time before anything is read, so an altered or invented link
// costs no database work. The forms of the portal carry a second value derived from the same key
// and the link id: a form posted from anywhere but a page of that link is refused.

const idPattern = /^[A-Za-z0-9_-]{22}$/;

function keyOf(secret: string, purpose: 'link' | 'form'): Buffer {
  return createHmac('sha256', secret).update(`plixo payer portal ${purpose} v1`).digest();
}

function sign(secret: string, purpose: 'link' | 'form', value: string): string {
  return createHmac('sha256', keyOf(secret, purpose)).update(value).digest('base64url');
}

/** A new link id: 128 random bits. */
export function newPayerLinkId(): string {
  return randomBytes(16).toString('base64url');
}

export function createPayerLinkToken(secret: string, linkId: string): string {
  return `${linkId}.${sign(secret, 'link', linkId)}`;
}

/** The link id of a genuine token; null for anything altered, cut or invented. */
export function readPayerLinkToken(secret: string, token: string): string | null {
  const [id, signature, extra] = token.split('.');
  if (id === undefined || signature === undefined || extra !== undefined || !idPattern.test(id)) return null;
  return sameSecret(sign(secret, 'link', id), signature) ? id : null;
}

/**
 * The id a token names, whether or not its signature holds: only for "email me a fresh link",
 * which answers the same whatever the id and writes only to the addresses on file.
 */
export function claimedPayerLinkId(token: string): string | null {
  const [id] = token.split('.');
  return id !== undefined && idPattern.test(id) ? id : null;
}

export function createPortalFormToken(secret: string, linkId: string): string {
  return sign(secret, 'form', linkId);
}

export function checkPortalFormToken(secret: string, linkId: string, given: unknown): boolean {
  return typeof given === 'string' && sameSecret(createPortalFormToken(secret, linkId), given);
}
