import type { DriverFailure, DriverFailureKind, StorageDialect } from './storage-dialect.ts';

// SQLSTATE codes (https://www.postgresql.org/docs/15/errcodes-appendix.html) and socket errors.
const failureKinds: Record<string, DriverFailureKind> = {
  '23505': 'unique',
  '23503': 'foreign-key',
  '23514': 'check',
  '23502': 'not-null',
  '40001': 'busy',
  '40P01': 'busy',
  '55P03': 'busy',
  '57P01': 'unavailable',
  '57P03': 'unavailable',
  '08000': 'unavailable',
  '08001': 'unavailable',
  '08006': 'unavailable',
  '3D000': 'unavailable',
  '28P01': 'unavailable',
  '28000': 'unavailable',
  ECONNREFUSED: 'unavailable',
  ECONNRESET: 'unavailable',
  ENOTFOUND: 'unavailable',
  ETIMEDOUT: 'unavailable',
};

export const postgresDialect: StorageDialect = {
  name: 'postgres',
  capabilities: {
    // Databases are often created with a linguistic default collation ('a' < 'B'); ids must not be.
    binaryCollation: 'C',
    identityColumn: 'identity',
    // The wire protocol counts parameters in 16 bits.
    maxBindParameters: 65_535,
    skipLocked: true,
    appendOnlyStatements: (table) => [
      `create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only: % refused', tg_op; end; $$`,
      `create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`,
      `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_append_only()`,
    ],
    dropAppendOnlyStatements: (table) => [
      `drop trigger ${table}_no_truncate on ${table}`,
      `drop trigger ${table}_append_only on ${table}`,
      `drop function ${table}_append_only()`,
    ],
    // Any fixed number: the key of the audit trail's transaction-scoped lock.
    chainLockStatement: 'select pg_advisory_xact_lock(727274)',
  },
  classifyError: classifyPostgresError,
};

function classifyPostgresError(error: unknown): DriverFailure | null {
  if (!(error instanceof Error)) return null;
  const { code, detail, constraint } = error as Error & { code?: unknown; detail?: unknown; constraint?: unknown };
  if (typeof code !== 'string') return null;
  const kind = failureKinds[code] ?? 'other';
  const parts = [`${code}: ${error.message}`];
  if (typeof constraint === 'string') parts.push(`constraint ${constraint}`);
  if (typeof detail === 'string') parts.push(detail);
  return { kind, detail: parts.join('; ') };
}
