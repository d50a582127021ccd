// Reads a DKIM `p=` value without node:crypto so the engine stays pure: base64 by the platform's
// `atob` (no I/O), then just enough DER to find the RSA modulus.

export type PublicKeyMeasure = { ok: true; bits: number } | { ok: false; problem: 'not_base64' | 'not_a_key' };

const rsaEncryptionOid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return null;
  try {
    const binary = atob(compact);
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * The modulus length of an RSA public key in a SubjectPublicKeyInfo (what RFC 6376 prescribes) or,
 * as some key generators publish, a bare PKCS#1 RSAPublicKey.
 */
export function measureRsaPublicKey(base64: string): PublicKeyMeasure {
  const bytes = decodeBase64(base64);
  if (!bytes) return { ok: false, problem: 'not_base64' };
  const outer = readElement(bytes, 0);
  if (!outer || outer.tag !== 0x30 || outer.end !== bytes.length) return { ok: false, problem: 'not_a_key' };
  const first = readElement(bytes, outer.start);
  if (!first) return { ok: false, problem: 'not_a_key' };
  const modulus = first.tag === 0x02 ? first : readSpkiModulus(bytes, first);
  if (!modulus || modulus.tag !== 0x02) return { ok: false, problem: 'not_a_key' };
  const bits = countIntegerBits(bytes.subarray(modulus.start, modulus.end));
  return bits === 0 ? { ok: false, problem: 'not_a_key' } : { ok: true, bits };
}

/** An Ed25519 key (RFC 8463) is the bare 32-byte point. */
export function measureEd25519PublicKey(base64: string): PublicKeyMeasure {
  const bytes = decodeBase64(base64);
  if (!bytes) return { ok: false, problem: 'not_base64' };
  return bytes.length === 32 ? { ok: true, bits: 256 } : { ok: false, problem: 'not_a_key' };
}

interface DerElement {
  tag: number;
  start: number;
  end: number;
}

function readSpkiModulus(bytes: Uint8Array, algorithm: DerElement): DerElement | null {
  if (algorithm.tag !== 0x30) return null;
  const oid = readElement(bytes, algorithm.start);
  if (!oid || oid.tag !== 0x06 || !sameBytes(bytes.subarray(oid.start, oid.end), rsaEncryptionOid)) return null;
  const bitString = readElement(bytes, algorithm.end);
  // The BIT STRING's first content byte counts unused bits, always 0 for a DER-encoded key.
  if (!bitString || bitString.tag !== 0x03 || bytes[bitString.start] !== 0) return null;
  const rsaKey = readElement(bytes, bitString.start + 1);
  if (!rsaKey || rsaKey.tag !== 0x30) return null;
  return readElement(bytes, rsaKey.start);
}

function readElement(bytes: Uint8Array, offset: number): DerElement | null {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) return null;
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return null;
    length = 0;
    for (let index = 0; index < count; index += 1) {
      const byte = bytes[start + index];
      if (byte === undefined) return null;
      length = length * 256 + byte;
    }
    start += count;
  }
  const end = start + length;
  return end > bytes.length ? null : { tag, start, end };
}

function countIntegerBits(content: Uint8Array): number {
  let index = 0;
  while (index < content.length && content[index] === 0) index += 1;
  if (index === content.length) return 0;
  const leading = content[index]!;
  return (content.length - index - 1) * 8 + (32 - Math.clz32(leading));
}

function sameBytes(actual: Uint8Array, expected: readonly number[]): boolean {
  return actual.length === expected.length && expected.every((byte, index) => actual[index] === byte);
}
