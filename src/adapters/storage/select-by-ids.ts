import { chunkRows } from './chunk-rows.ts';
import type { StorageCapabilities } from './storage-dialect.ts';

/**
 * Runs `select` once without an id filter, or once per chunk of ids that fits the database's
 * bind-parameter limit; rows of several chunks are merged back into `compare` order.
 */
export async function selectByIds<Row>(input: {
  ids: readonly string[] | undefined;
  capabilities: StorageCapabilities;
  select: (ids: string[] | undefined) => Promise<Row[]>;
  compare: (a: Row, b: Row) => number;
}): Promise<Row[]> {
  if (input.ids === undefined) return input.select(undefined);
  const chunks = chunkRows([...new Set(input.ids)], 1, input.capabilities);
  if (chunks.length === 0) return [];
  if (chunks.length === 1 && chunks[0] !== undefined) return input.select(chunks[0]);
  const rows: Row[] = [];
  for (const chunk of chunks) rows.push(...(await input.select(chunk)));
  return rows.sort(input.compare);
}
