import { StorageError, StorageInputError } from '../../app/ports/store.ts';
import type { DriverFailureKind, StorageDialect } from './storage-dialect.ts';

export interface FailedOperation {
  /** What was being written or read, for the message: `invoices`, `customer c9`. */
  record: string;
  /** The field a constraint most likely concerns, for constraint failures. */
  field?: string;
}

const constraintWords: Partial<Record<DriverFailureKind, string>> = {
  unique: 'already exists (unique key)',
  'foreign-key': 'refers to a record that does not exist (foreign key)',
  check: 'holds a value the database does not allow (check constraint)',
  'not-null': 'lacks a required value (not null)',
};

const failureWords: Partial<Record<DriverFailureKind, string>> = {
  busy: 'the database is busy; try again',
  unavailable: 'the database is unavailable',
};

/**
 * Turns a driver error into the port's errors: a violated constraint is bad input
 * (StorageInputError), anything else a failing database (StorageError). The driver's own text
 * rides along as detail and cause, never alone.
 */
export function translateDriverError(error: unknown, dialect: StorageDialect, operation: FailedOperation): Error {
  if (error instanceof StorageInputError || error instanceof StorageError) return error;
  const failure = dialect.classifyError(error);
  if (failure === null) return error instanceof Error ? error : new StorageError(String(error), { cause: error });
  const constraint = constraintWords[failure.kind];
  if (constraint !== undefined) {
    const field = operation.field ?? '';
    const subject = field === '' ? '' : ` ${field}`;
    const message = `${operation.record}:${subject} ${constraint} [${failure.detail}]`;
    return new StorageInputError([{ record: operation.record, field, message }], { cause: error });
  }
  const reason = failureWords[failure.kind] ?? 'the database failed';
  return new StorageError(`${operation.record}: ${reason} on ${dialect.name} [${failure.detail}]`, { cause: error });
}
