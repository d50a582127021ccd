// Public keys generated once with node:crypto (generateKeyPairSync, exported as DER) and pasted,
// so the key-length tests read real keys without the engine touching crypto.

/** RSA 2048, SubjectPublicKeyInfo. */
export const rsa2048PublicKey =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9NaugVBJOhjdUN3HycaoK6zycanFuyWuTUIjj0VDL7tkAhhwfNo5Y4GDaEkeXsiBOfP6xf3L/0wcohV8nWuopuuV297JtjFfX4baoA/TgZhiEF/pCI2wkYrb70vFhpc3qhR+RPGDGrohsT40lkm0EjVKJJavc91gwIG9yL55AfsfSa9/qJcABiyF6dTWC/y66yA5MFM9A5fmyUZs3HIRzGaKokLliilPClJLEj6aIdsfKgmF6Y8laT17cm+nuReySH8sHwBjHJS8UZLiTmSHlDTaAgfXci0REWDUKCiFQukTEqWeotw3M6wPFKP0goZ5+Cypto9x9+5+twcs2xdl7QIDAQAB';

/** RSA 1024, SubjectPublicKeyInfo. */
export const rsa1024PublicKey =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCptGYbBh2fmzOCz0FI4hALAwOOlpiuAsPodDMKLeo3297Nw08GiHkHL1+9UUhcI5ZHNYwd1T3nf2UvRs/2VlStKEuoDgoM+105YEqXztf3XnXz0CN/5BRY54kn0pLnPoqh4SW4ILtshZHEX5dJbII3O+UthyQLuULyr2qrpy6jIwIDAQAB';

/** RSA 512, SubjectPublicKeyInfo: too short for any receiver. */
export const rsa512PublicKey = 'MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAM9TFhr8i9zHFQo6ouuym8BeqVx9sCXRpCD+zPGz3w059CjrJz2ramIjZKcS7VfHeUHtU1qTZHJ2aIw6YpqkUmcCAwEAAQ==';

/** RSA 1024 as a bare PKCS#1 RSAPublicKey, as some generators publish it. */
export const rsa1024Pkcs1PublicKey =
  'MIGJAoGBALiOccf1nJ6KlHcvqGLmEaQ84BpdCpYWN9Z0mQtbJRjKnJgrkVjP3YSi07FxKscIII8yTzeC+psCz6TmTKMtRwShnIUDzBwI6ZRPPF/sSfaq0TeKy7okLRP/oHWcnDHSmcjAyby3uxASWFG4ueEWp50BHEbge7pwErbOsHY7qQXPAgMBAAE=';

/** Ed25519, the raw 32-byte point (RFC 8463). */
export const ed25519PublicKey = '5GoNEG3DEMs2ZFOSp+EOHxGs2GC7b7cn/Cv0a22W2zs=';

/** Splits a record into 255-byte character-strings the way DNS publishing tools do. */
export function splitTxtRecord(text: string, size = 255): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}
