import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Secrets Plixo must keep and use again (a workspace's payment processor keys), encrypted at rest
// with AES-256-GCM under a key derived (HKDF-SHA256) from the instance secret. Each value is bound
// to where it is kept (its `context`: workspace, record and field), so a sealed value copied to
// another row does not open there. Sealed text is `v1.<iv>.<ciphertext and tag>` in base64url.

export interface SecretBox {
  seal(plain: string, context: string): string;
  /** The plain text; throws a SecretBoxError when the value was sealed under another secret, changed, or moved. */
  open(sealed: string, context: string): string;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/** Whether a stored value was sealed by a secret box (and not kept as plain text before encryption began). */
export function isSealed(value: string): boolean {
  return /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);
}

export function createSecretBox(instanceSecret: string): SecretBox {
  if (instanceSecret.length < 16) throw new SecretBoxError('the instance secret must be at least 16 characters to encrypt stored keys');
  const key = Buffer.from(hkdfSync('sha256', instanceSecret, 'plixo', 'plixo stored secrets v1', 32));
  return {
    seal(plain, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${version}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      if (!isSealed(sealed)) throw new SecretBoxError('the stored value is not an encrypted secret');
      const [, ivText, bodyText] = sealed.split('.') as [string, string, string];
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== ivBytes || body.length < tagBytes) throw new SecretBoxError('the stored secret is cut short');
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - tagBytes));
      try {
        return Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the stored secret does not open with this instance secret (another PLIXO_SECRET, or the value was changed or moved)');
      }
    },
  };
}
