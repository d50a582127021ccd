import { describe, expect, it } from 'vitest';
import { agingBucketOf, scoreInvoice, type QueueFacts } from './score-invoice.ts';

const quiet: QueueFacts = { daysPastDue: 0, balance: 0, balanceText: '0.00 EUR', customerScore: null, promise: null, promiseBroken: false, plan: null, planBroken: false, disputed: false, openTasks: 0, draftAwaiting: false, bouncedContact: false };

describe('scoreInvoice', () => {
  it('puts older buckets higher', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91].map((days) => agingBucketOf(days).points)).toEqual([0, 0, 20, 20, 35, 35, 50, 50, 65]);
  });

  it('adds up the reasons, the largest first, each in words', () => {
    const scored = scoreInvoice({ ...quiet, daysPastDue: 45, balance: 999, balanceText: '999.00 EUR', customerScore: 30, disputed: true, bouncedContact: true });
    expect(scored.reasons).toEqual([
      { code: 'aging', points: 35, text: '31-60 days past due' },
      { code: 'dispute', points: 25, text: 'disputed: resolve before collecting' },
      { code: 'amount', points: 15, text: '999.00 EUR open' },
      { code: 'bounce', points: 15, text: "a contact's address bounced: find another" },
      { code: 'risk', points: 15, text: 'high-risk customer (score 30)' },
    ]);
    expect(scored.score).toBe(105);
  });

  it('raises a promise due now or broken, and lowers one still to come', () => {
    const base = { ...quiet, daysPastDue: 10 };
    expect(scoreInvoice({ ...base, promise: { on: '2026-12-03', daysUntil: 1 } }).score).toBe(40);
    expect(scoreInvoice({ ...base, promise: { on: '2026-12-20', daysUntil: 18 } }).score).toBe(0);
    expect(scoreInvoice({ ...base, promiseBroken: true, promise: { on: '2026-12-01', daysUntil: -1 } }).reasons[0]).toEqual({ code: 'promise_broken', points: 30, text: 'promise to pay broken: follow up' });
  });

  it('raises a plan instalment due now or a broken plan, and lowers a plan being kept', () => {
    const base = { ...quiet, daysPastDue: 10 };
    expect(scoreInvoice({ ...base, plan: { on: '2026-12-03', daysUntil: 1, dueText: '250.00 EUR' } }).reasons[0]).toEqual({ code: 'aging', points: 20, text: '1-30 days past due' });
    expect(scoreInvoice({ ...base, plan: { on: '2026-12-03', daysUntil: 1, dueText: '250.00 EUR' } }).reasons[1]).toEqual({ code: 'plan_due', points: 20, text: 'plan instalment of 250.00 EUR due on 2026-12-03' });
    expect(scoreInvoice({ ...base, plan: { on: '2026-12-20', daysUntil: 18, dueText: '250.00 EUR' } }).score).toBe(0);
    expect(scoreInvoice({ ...base, planBroken: true }).reasons[0]).toEqual({ code: 'plan_broken', points: 30, text: 'payment plan broken: an instalment was missed, follow up' });
  });

  it('never goes below zero, and a quiet invoice scores nothing', () => {
    expect(scoreInvoice(quiet)).toEqual({ score: 0, reasons: [] });
  });
});
