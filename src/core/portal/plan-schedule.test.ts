import { describe, expect, it } from 'vitest';
import { planSchedule } from './plan-schedule.ts';

describe('planSchedule', () => {
  it('splits the balance equally, the remainder on the last instalment', () => {
    expect(planSchedule({ balanceMinor: 100_00, count: 3, firstOn: '2026-03-02', frequency: 'weekly' })).toEqual({
      ok: true,
      installments: [
        { on: '2026-03-02', amountMinor: 33_33 },
        { on: '2026-03-09', amountMinor: 33_33 },
        { on: '2026-03-16', amountMinor: 33_34 },
      ],
    });
  });

  it('steps two weeks, across a month end', () => {
    const result = planSchedule({ balanceMinor: 1000, count: 2, firstOn: '2026-01-25', frequency: 'biweekly' });
    expect(result.ok && result.installments.map((installment) => installment.on)).toEqual(['2026-01-25', '2026-02-08']);
  });

  it('keeps the day of the month, or the last day of a shorter month', () => {
    const result = planSchedule({ balanceMinor: 4000, count: 4, firstOn: '2024-01-31', frequency: 'monthly' });
    expect(result.ok && result.installments.map((installment) => installment.on)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    const yearEnd = planSchedule({ balanceMinor: 2000, count: 2, firstOn: '2026-12-15', frequency: 'monthly' });
    expect(yearEnd.ok && yearEnd.installments.map((installment) => installment.on)).toEqual(['2026-12-15', '2027-01-15']);
  });

  it.each([
    [{ count: 1 }, 'count'],
    [{ count: 13 }, 'count'],
    [{ count: 2.5 }, 'count'],
    [{ firstOn: '2026-02-30' }, 'firstOn'],
    [{ frequency: 'daily' }, 'frequency'],
    [{ balanceMinor: 1 }, 'count'],
  ])('names the field of %o', (override, field) => {
    const result = planSchedule({ balanceMinor: 1000, count: 3, firstOn: '2026-03-02', frequency: 'weekly', ...override });
    expect(result.ok ? null : result.field).toBe(field);
  });
});
