import { z } from 'zod';
import { AppError } from '../../../app/app-error.ts';

// Cursor pagination: `?limit=&cursor=`; a page answers `{ items, nextCursor }`, nextCursor null on
// the last page. A cursor is opaque to callers (base64url of the last row's sort key).

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
});

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError('invalid_input', 'cursor: not a cursor this list gave out; start again without it', { field: 'cursor' });
}
