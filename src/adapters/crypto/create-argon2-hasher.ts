import argon2 from 'argon2';
import type { PasswordHasher } from '../../app/ports/password-hasher.ts';

export interface Argon2Cost {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP's first argon2id configuration (19 MiB, 2 passes, 1 lane): about 20-40 ms a hash on a
 * server core, so sign-in stays quick and a stolen database stays slow to guess.
 */
export const defaultArgon2Cost: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2id; a hash made with other parameters still verifies (they are inside the PHC string). */
export function createArgon2Hasher(cost: Argon2Cost = defaultArgon2Cost): PasswordHasher {
  return {
    hash: (password) => argon2.hash(password, { type: argon2.argon2id, ...cost }),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
  };
}
