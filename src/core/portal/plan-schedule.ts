import { formatCalendarDay, parseCalendarDay } from '../time/calendar-day.ts';

// The instalments of a payment plan a payer proposes: the balance split into equal parts (the
// cents that do not divide go to the last part, so no part is more than one minor unit off),
// falling on the first date and then every week, two weeks or month. A monthly plan keeps the
// first date's day of the month, or the month's last day when the month is shorter (31 Jan →
// 28/29 Feb → 31 Mar).

export const planFrequencies = ['weekly', 'biweekly', 'monthly'] as const;
export type PlanFrequency = (typeof planFrequencies)[number];

export const minInstallments = 2;
export const maxInstallments = 12;

export interface PlanInstallment {
  on: string;
  amountMinor: number;
}

export type PlanScheduleResult = { ok: true; installments: PlanInstallment[] } | { ok: false; field: 'count' | 'firstOn' | 'frequency'; problem: string };

function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(date, lastDay)).padStart(2, '0')}`;
}

export function planSchedule(input: { balanceMinor: number; count: number; firstOn: string; frequency: string }): PlanScheduleResult {
  const { balanceMinor, count, firstOn, frequency } = input;
  if (!Number.isInteger(count) || count < minInstallments || count > maxInstallments) {
    return { ok: false, field: 'count', problem: `must be a whole number from ${minInstallments} to ${maxInstallments}` };
  }
  const first = parseCalendarDay(firstOn);
  if (first === null) return { ok: false, field: 'firstOn', problem: `"${firstOn}" is not a date (YYYY-MM-DD)` };
  if (!(planFrequencies as readonly string[]).includes(frequency)) return { ok: false, field: 'frequency', problem: `must be one of ${planFrequencies.join(', ')}` };
  if (balanceMinor < count) return { ok: false, field: 'count', problem: 'the balance is too small to split that many times' };
  const part = Math.floor(balanceMinor / count);
  const installments: PlanInstallment[] = [];
  for (let index = 0; index < count; index += 1) {
    const on = frequency === 'monthly' ? addMonths(firstOn, index) : formatCalendarDay(first + index * (frequency === 'weekly' ? 7 : 14));
    installments.push({ on, amountMinor: index === count - 1 ? balanceMinor - part * (count - 1) : part });
  }
  return { ok: true, installments };
}
