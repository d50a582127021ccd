import type { StorageCapabilities } from './storage-dialect.ts';

// Parameters a statement may need besides the rows (workspace id, status…).
const reservedParameters = 16;

/** Cuts rows so one statement stays within the database's bind-parameter limit. */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number, capabilities: StorageCapabilities): T[][] {
  const size = Math.max(1, Math.floor((capabilities.maxBindParameters - reservedParameters) / columnsPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}
