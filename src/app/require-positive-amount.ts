import { parsePositiveAmount } from '../core/money/money.ts';
import { AppError } from './app-error.ts';

/** A decimal amount of money that must be more than zero, in minor units; refused with its record and field named. */
export function requirePositiveAmount(text: string, currency: string, where: { record: string; field: string }): number {
  const parsed = parsePositiveAmount(text, currency);
  if (!parsed.ok) throw new AppError('invalid_input', `${where.field}: ${parsed.problem}`, where);
  return parsed.minor;
}
