import { describe, expect, it } from 'vitest';
import { autopilotBlockers, measureSegmentHealth, publishBlocker, type SegmentInvoiceFacts } from './segment-health.ts';

const invoices = (segment: string, reachable: number, unreachable: number, disputed = 0): SegmentInvoiceFacts[] => [
  ...Array.from({ length: reachable }, (_, index) => ({ segment, reachable: true, disputed: index < disputed })),
  ...Array.from({ length: unreachable }, () => ({ segment, reachable: false, disputed: false })),
];

describe('segment health', () => {
  it('counts coverage, disputes, bounces, promise adherence and reversals per segment', () => {
    const [key, all, empty] = measureSegmentHealth({
      segments: ['key', 'all', 'empty'],
      invoices: [...invoices('key', 9, 1, 1), ...invoices('all', 3, 1), { segment: 'gone', reachable: false, disputed: true }],
      messages: [
        { segment: 'key', bounced: true },
        { segment: 'key', bounced: false },
        { segment: 'key', bounced: false },
        { segment: 'key', bounced: false },
      ],
      promises: [
        { segment: 'all', status: 'kept' },
        { segment: 'all', status: 'kept' },
        { segment: 'all', status: 'kept' },
        { segment: 'all', status: 'missed' },
        { segment: 'all', status: 'open' },
      ],
      payments: [...Array.from({ length: 19 }, () => ({ segment: 'all', reversal: false })), { segment: 'all', reversal: true }],
    });
    expect(key).toMatchObject({ openInvoices: 10, reachableInvoices: 9, coverage: 0.9, openDisputes: 1, sent: 4, bounced: 1, bounceRate: 0.25, promiseAdherence: null, reversalRate: null });
    expect(all).toMatchObject({ openInvoices: 4, coverage: 0.75, openDisputes: 0, bounceRate: null, promisesKept: 3, promisesMissed: 1, promiseAdherence: 0.75, payments: 20, reversals: 1, reversalRate: 0.05 });
    expect(empty).toMatchObject({ openInvoices: 0, coverage: null });
  });

  it('keeps Autopilot off under 90 % coverage, with an open dispute, or over 5 % reversals, and says why', () => {
    const [atNinety, below, reversals] = measureSegmentHealth({
      segments: ['ninety', 'below', 'reversals'],
      invoices: [...invoices('ninety', 9, 1), ...invoices('below', 8, 1, 1), ...invoices('reversals', 5, 0)],
      messages: [],
      promises: [],
      payments: [...Array.from({ length: 18 }, () => ({ segment: 'reversals', reversal: false })), { segment: 'reversals', reversal: true }, { segment: 'reversals', reversal: true }],
    });
    expect(autopilotBlockers(atNinety!)).toEqual([]);
    expect(autopilotBlockers(below!)).toEqual([
      'contact coverage is 88.8 % (8 of 9 open invoices can be reached by email); Autopilot needs 90 %',
      '1 open invoice is in an unresolved dispute',
    ]);
    expect(autopilotBlockers(reversals!)).toEqual(['payment reversals are 10 % of payments in the last 7 days (2 of 20); Autopilot allows 5 %']);
  });

  it('refuses a publish to a segment under 70 % coverage, and allows one at 70 % or without open invoices', () => {
    const [low, seventy, none] = measureSegmentHealth({
      segments: ['low', 'seventy', 'none'],
      invoices: [...invoices('low', 2, 1), ...invoices('seventy', 7, 3)],
      messages: [],
      promises: [],
      payments: [],
    });
    expect(publishBlocker(low!)).toBe('segment low has 66.6 % contact coverage (2 of 3 open invoices can be reached by email); fix its contacts to reach 70 % before publishing to it');
    expect(publishBlocker(seventy!)).toBeNull();
    expect(publishBlocker(none!)).toBeNull();
  });
});
