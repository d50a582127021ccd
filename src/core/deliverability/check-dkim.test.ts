import { describe, expect, it } from 'vitest';
import { checkDkim, type DkimReason } from './check-dkim.ts';
import type { CheckResult } from './domain-check.ts';
import { ed25519PublicKey, rsa1024Pkcs1PublicKey, rsa1024PublicKey, rsa2048PublicKey, rsa512PublicKey, splitTxtRecord } from './testing/dkim-keys.ts';

interface DkimCase {
  name: string;
  records: string[][];
  result: CheckResult;
  reason: DkimReason;
}

const cases: DkimCase[] = [
  { name: 'Google Workspace 2048-bit key in 255-byte strings', records: [splitTxtRecord(`v=DKIM1; k=rsa; p=${rsa2048PublicKey}`)], result: 'pass', reason: 'ok' },
  { name: 'no v= and no k= (both optional)', records: [[`p=${rsa2048PublicKey}`]], result: 'pass', reason: 'ok' },
  { name: 'key folded with spaces', records: [[`v=DKIM1; k=rsa; h=sha256; p=${rsa2048PublicKey.slice(0, 100)} ${rsa2048PublicKey.slice(100)}`]], result: 'pass', reason: 'ok' },
  { name: 'Ed25519 (RFC 8463)', records: [[`v=DKIM1; k=ed25519; p=${ed25519PublicKey}`]], result: 'pass', reason: 'ok' },
  { name: '1024-bit key', records: [[`v=DKIM1; k=rsa; p=${rsa1024PublicKey}`]], result: 'warn', reason: 'key_short' },
  { name: '1024-bit PKCS#1 key', records: [[`v=DKIM1; k=rsa; p=${rsa1024Pkcs1PublicKey}`]], result: 'warn', reason: 'key_short' },
  { name: 'testing mode', records: [[`v=DKIM1; k=rsa; t=y; p=${rsa2048PublicKey}`]], result: 'warn', reason: 'testing' },
  { name: 'nothing published', records: [], result: 'fail', reason: 'missing' },
  { name: 'two keys at one selector', records: [[`v=DKIM1; p=${rsa2048PublicKey}`], [`v=DKIM1; p=${rsa1024PublicKey}`]], result: 'fail', reason: 'multiple' },
  { name: 'wrong version', records: [[`v=DKIM2; k=rsa; p=${rsa2048PublicKey}`]], result: 'fail', reason: 'syntax' },
  { name: 'v= not first', records: [[`k=rsa; v=DKIM1; p=${rsa2048PublicKey}`]], result: 'fail', reason: 'syntax' },
  { name: 'no p= tag', records: [['v=DKIM1; k=rsa']], result: 'fail', reason: 'syntax' },
  { name: 'revoked key', records: [['v=DKIM1; k=rsa; p=']], result: 'fail', reason: 'revoked' },
  { name: 'unknown key type', records: [[`v=DKIM1; k=dsa; p=${rsa2048PublicKey}`]], result: 'fail', reason: 'unsupported_key_type' },
  { name: 'sha1 only', records: [[`v=DKIM1; k=rsa; h=sha1; p=${rsa2048PublicKey}`]], result: 'fail', reason: 'weak_hash' },
  { name: '512-bit key', records: [[`v=DKIM1; k=rsa; p=${rsa512PublicKey}`]], result: 'fail', reason: 'key_too_short' },
  { name: 'not base64', records: [['v=DKIM1; k=rsa; p=not*base64!']], result: 'fail', reason: 'invalid_key' },
  { name: 'truncated key (pasted in part)', records: [[`v=DKIM1; k=rsa; p=${rsa2048PublicKey.slice(0, 200)}`]], result: 'fail', reason: 'invalid_key' },
  { name: 'RSA key labelled ed25519', records: [[`v=DKIM1; k=ed25519; p=${rsa2048PublicKey}`]], result: 'fail', reason: 'invalid_key' },
];

describe('checkDkim', () => {
  it.each(cases)('$name: $result ($reason)', ({ records, result, reason }) => {
    const check = checkDkim({ selector: 'google', domain: 'example.com', txtRecords: records });
    expect({ name: check.name, result: check.result, reason: check.reason }).toEqual({ name: 'dkim', result, reason });
  });

  it('notes the key size', () => {
    expect(checkDkim({ selector: 's1', domain: 'example.com', txtRecords: [[`v=DKIM1; p=${rsa2048PublicKey}`]] }).notes).toEqual(['rsa key, 2048 bits.']);
  });
});
