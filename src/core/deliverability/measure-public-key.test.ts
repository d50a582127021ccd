import { describe, expect, it } from 'vitest';
import { decodeBase64, measureEd25519PublicKey, measureRsaPublicKey } from './measure-public-key.ts';
import { ed25519PublicKey, rsa1024Pkcs1PublicKey, rsa1024PublicKey, rsa2048PublicKey, rsa512PublicKey } from './testing/dkim-keys.ts';

describe('measuring public keys without node:crypto', () => {
  it.each([
    ['RSA 2048 SPKI', rsa2048PublicKey, 2048],
    ['RSA 1024 SPKI', rsa1024PublicKey, 1024],
    ['RSA 512 SPKI', rsa512PublicKey, 512],
    ['RSA 1024 PKCS#1', rsa1024Pkcs1PublicKey, 1024],
  ])('%s has %i bits', (_name, key, bits) => {
    expect(measureRsaPublicKey(key)).toEqual({ ok: true, bits });
  });

  it.each([
    ['empty', '', 'not_base64'],
    ['not base64', 'p@ss', 'not_base64'],
    ['an Ed25519 point', ed25519PublicKey, 'not_a_key'],
    ['a truncated key', rsa2048PublicKey.slice(0, 120), 'not_a_key'],
    ['trailing garbage', `${rsa1024PublicKey.slice(0, -4)}AQABAAAA`, 'not_a_key'],
  ])('refuses %s', (_name, key, problem) => {
    expect(measureRsaPublicKey(key)).toEqual({ ok: false, problem });
  });

  it('knows an Ed25519 key by its 32 bytes', () => {
    expect(measureEd25519PublicKey(ed25519PublicKey)).toEqual({ ok: true, bits: 256 });
    expect(measureEd25519PublicKey(rsa1024PublicKey)).toEqual({ ok: false, problem: 'not_a_key' });
  });

  it('decodes base64 with folding whitespace', () => {
    expect(decodeBase64('AQID\r\n BA==')).toEqual(Uint8Array.from([1, 2, 3, 4]));
    expect(decodeBase64('AQID=BA==')).toBeNull();
  });
});
