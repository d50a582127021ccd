import { describe, expect, it } from 'vitest';
import { createUnsubscribeToken } from '../messages/unsubscribe-token.ts';
import { checkPortalFormToken, claimedPayerLinkId, createPayerLinkToken, createPortalFormToken, newPayerLinkId, readPayerLinkToken } from './payer-link-token.ts';

const secret = 'a-test-secret-of-at-least-32-characters';

describe('payer link tokens', () => {
  it('reads back the id of a token it made, and only with the same secret', () => {
    const id = newPayerLinkId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const token = createPayerLinkToken(secret, id);
    expect(readPayerLinkToken(secret, token)).toBe(id);
    expect(readPayerLinkToken('another-secret-of-at-least-32-characters', token)).toBeNull();
  });

  it('refuses altered, cut, extended and foreign tokens', () => {
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const token = createPayerLinkToken(secret, id);
    const [, signature] = token.split('.');
    const flipped = `${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [`${id}.${flipped}`, token.slice(0, -3), `${token}.x`, `BAAAAAAAAAAAAAAAAAAAAA.${signature}`, '', 'preview', createUnsubscribeToken(secret, { workspaceId: 'acme', email: 'a@b.example' })]) {
      expect(readPayerLinkToken(secret, bad)).toBeNull();
    }
    expect(claimedPayerLinkId(`${id}.${flipped}`)).toBe(id);
    expect(claimedPayerLinkId('nonsense')).toBeNull();
  });

  it('ties a form token to the link', () => {
    const form = createPortalFormToken(secret, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(checkPortalFormToken(secret, 'AAAAAAAAAAAAAAAAAAAAAA', form)).toBe(true);
    expect(checkPortalFormToken(secret, 'BAAAAAAAAAAAAAAAAAAAAA', form)).toBe(false);
    expect(checkPortalFormToken(secret, 'AAAAAAAAAAAAAAAAAAAAAA', undefined)).toBe(false);
    expect(form).not.toBe(createPayerLinkToken(secret, 'AAAAAAAAAAAAAAAAAAAAAA').split('.')[1]);
  });
});
