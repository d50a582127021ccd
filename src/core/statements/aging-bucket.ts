// The standard accounts-receivable aging buckets, by whole calendar days past the due date in
// the customer's own time zone:
//
//   current   not yet due, or due today (0 days past due)
//   1-30      1 to 30 days past due
//   31-60     31 to 60 days past due
//   61-90     61 to 90 days past due
//   91+       91 days or more past due
//
// Both ends are inclusive, so 30 is still "1-30" and 31 is the first day of "31-60". The days are
// counted from the due date, not the issue date, as most A/R reports (and auditors) expect.

export type AgingBucketId = 'current' | '1-30' | '31-60' | '61-90' | '91+';

export interface AgingBucket {
  id: AgingBucketId;
  /** Fewest days past due in the bucket (inclusive). */
  fromDays: number;
  /** Most days past due in the bucket (inclusive); null: no upper end. */
  toDays: number | null;
}

export const agingBuckets: readonly AgingBucket[] = [
  { id: 'current', fromDays: 0, toDays: 0 },
  { id: '1-30', fromDays: 1, toDays: 30 },
  { id: '31-60', fromDays: 31, toDays: 60 },
  { id: '61-90', fromDays: 61, toDays: 90 },
  { id: '91+', fromDays: 91, toDays: null },
];

/** The bucket for a number of days past due; zero or fewer (not yet due) is `current`. */
export function agingBucketOf(daysOverdue: number): AgingBucketId {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '91+';
}

/** A zero amount for every bucket, in bucket order. */
export function emptyAgingBalances(): Record<AgingBucketId, number> {
  return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91+': 0 };
}
