import type { DomainCheck } from './domain-check.ts';
import { joinTxtRecord } from './join-txt-record.ts';
import { measureEd25519PublicKey, measureRsaPublicKey } from './measure-public-key.ts';
import { parseTagList } from './parse-tag-list.ts';

export type DkimReason =
  | 'missing'
  | 'multiple'
  | 'syntax'
  | 'unsupported_key_type'
  | 'revoked'
  | 'invalid_key'
  | 'weak_hash'
  | 'key_too_short'
  | 'key_short'
  | 'testing'
  | 'ok';

export interface CheckDkimInput {
  selector: string;
  domain: string;
  /** The TXT records at `selector._domainkey.domain`, each as the character-strings DNS returned. */
  txtRecords: readonly (readonly string[])[];
}

/** Below this receivers (Gmail among them) ignore the signature; RFC 8301 §3.2. */
const minimumRsaBits = 1024;
const recommendedRsaBits = 2048;

export function checkDkim({ selector, domain, txtRecords }: CheckDkimInput): DomainCheck<DkimReason> {
  const name = `${selector}._domainkey.${domain}`;
  const check = (result: DomainCheck['result'], reason: DkimReason, message: string, notes: string[] = []): DomainCheck<DkimReason> => ({
    name: 'dkim',
    result,
    reason,
    message,
    notes,
  });
  const records = txtRecords.map(joinTxtRecord).filter((text) => text.trim() !== '');
  if (records.length === 0) return check('fail', 'missing', `No DKIM key is published at ${name}.`);
  // RFC 6376 §3.6.2.2 leaves the outcome undefined when there are several: receivers disagree.
  if (records.length > 1) return check('fail', 'multiple', `${name} holds ${records.length} TXT records; publish exactly one key.`);

  const { tags, order, malformed } = parseTagList(records[0]!, { lowerCaseNames: false });
  const version = tags.get('v');
  if (malformed.length > 0 || (version !== undefined && (version !== 'DKIM1' || order[0] !== 'v'))) {
    return check('fail', 'syntax', `The record at ${name} is not a DKIM1 key record.`);
  }
  const keyType = tags.get('k') ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ed25519') return check('fail', 'unsupported_key_type', `Key type "${keyType}" is not rsa or ed25519.`);
  const publicKey = tags.get('p');
  if (publicKey === undefined) return check('fail', 'syntax', `The record at ${name} has no "p=" (public key) tag.`);
  if (publicKey.replace(/\s+/g, '') === '') return check('fail', 'revoked', `The key at ${name} is revoked (empty "p=").`);
  const hashes = tags.get('h')?.split(':').map((hash) => hash.trim().toLowerCase());
  // RFC 8301: sha1 signatures no longer verify, so a key limited to sha1 signs nothing usable.
  if (hashes && !hashes.includes('sha256')) return check('fail', 'weak_hash', `The key at ${name} allows only ${hashes.join(', ')}; allow sha256.`);

  const measure = keyType === 'rsa' ? measureRsaPublicKey(publicKey) : measureEd25519PublicKey(publicKey);
  if (!measure.ok) return check('fail', 'invalid_key', `The "p=" value at ${name} is not a valid ${keyType} public key (${measure.problem}).`);
  const notes = [`${keyType} key, ${measure.bits} bits.`];
  if (keyType === 'rsa' && measure.bits < minimumRsaBits) {
    return check('fail', 'key_too_short', `The RSA key at ${name} has ${measure.bits} bits; receivers ignore keys under ${minimumRsaBits}.`, notes);
  }
  if (keyType === 'rsa' && measure.bits < recommendedRsaBits) {
    return check('warn', 'key_short', `The RSA key at ${name} has ${measure.bits} bits; rotate to ${recommendedRsaBits}.`, notes);
  }
  const flags = (tags.get('t') ?? '').split(':').map((flag) => flag.trim());
  if (flags.includes('y')) return check('warn', 'testing', `The key at ${name} is in testing mode (t=y): receivers may ignore failures.`, notes);
  return check('pass', 'ok', `${name} publishes a valid ${keyType} key.`, notes);
}
