/** Hashes and checks passwords (adapters/crypto: argon2id). */
export interface PasswordHasher {
  /** A self-describing hash (PHC string) that carries its algorithm, parameters and salt. */
  hash(password: string): Promise<string>;
  /** false for a wrong password and for a hash this hasher cannot read; never throws for either. */
  verify(hash: string, password: string): Promise<boolean>;
}
