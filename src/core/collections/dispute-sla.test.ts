import { describe, expect, it } from 'vitest';
import { addBusinessDays, disputeDeadlines, disputeSlaState } from './dispute-sla.ts';

describe('dispute deadlines', () => {
  it('counts business days in the workspace time zone, skipping weekends and holidays', () => {
    // Wed 2026-12-02 15:00 Berlin: 5 business days are Thu, Fri, Mon, Tue, Wed: due at the start of Thu 12-10.
    const opened = Date.parse('2026-12-02T14:00:00Z');
    expect(new Date(addBusinessDays('Europe/Berlin', null, opened, 5)).toISOString()).toBe('2026-12-09T23:00:00.000Z');
    // Over Christmas in Germany (DE): 24 Dec is not a public holiday, 25 and 26 are.
    const christmas = Date.parse('2026-12-23T10:00:00Z');
    expect(new Date(addBusinessDays('Europe/Berlin', 'DE', christmas, 2)).toISOString()).toBe('2026-12-28T23:00:00.000Z');
    expect(new Date(addBusinessDays('Europe/Berlin', null, christmas, 2)).toISOString()).toBe('2026-12-25T23:00:00.000Z');
  });

  it('is Open, then At Risk a business day before it is due, then Late, until resolved', () => {
    const opened = Date.parse('2026-12-02T14:00:00Z');
    const deadlines = disputeDeadlines('Europe/Berlin', null, opened, 5);
    const dispute = { ...deadlines, resolvedAt: null };
    expect(disputeSlaState(dispute, opened)).toBe('open');
    expect(disputeSlaState(dispute, deadlines.atRiskAt)).toBe('at_risk');
    expect(disputeSlaState(dispute, deadlines.dueAt - 1)).toBe('at_risk');
    expect(disputeSlaState(dispute, deadlines.dueAt)).toBe('late');
    expect(disputeSlaState({ ...dispute, resolvedAt: deadlines.dueAt + 5 }, deadlines.dueAt + 10)).toBe('resolved');
  });
});
