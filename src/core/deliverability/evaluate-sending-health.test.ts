import { describe, expect, it } from 'vitest';
import { evaluateSendingHealth, type SendOutcome, type SendingHealthReason } from './evaluate-sending-health.ts';

/** `bounced` bounces and `complained` complaints spread through `total` sends. */
function outcomes({ total, bounced = 0, complained = 0 }: { total: number; bounced?: number; complained?: number }): SendOutcome[] {
  return Array.from({ length: total }, (_, index): SendOutcome => (index < bounced ? 'bounced' : index < bounced + complained ? 'complained' : 'delivered')).reverse();
}

describe('evaluateSendingHealth', () => {
  it.each<[string, SendOutcome[], boolean, SendingHealthReason]>([
    ['nothing sent', [], false, 'healthy'],
    ['200 clean sends', outcomes({ total: 200 }), false, 'healthy'],
    ['3 of 200 bounced (1.5 %)', outcomes({ total: 200, bounced: 3 }), false, 'healthy'],
    ['4 of 200 bounced (exactly 2 %)', outcomes({ total: 200, bounced: 4 }), false, 'bounce_rate_high'],
    ['10 of 200 bounced (exactly 5 %)', outcomes({ total: 200, bounced: 10 }), false, 'bounce_rate_high'],
    ['11 of 200 bounced (5.5 %)', outcomes({ total: 200, bounced: 11 }), true, 'bounce_limit'],
    ['10 bounces in the first 30 sends', outcomes({ total: 30, bounced: 10 }), false, 'bounce_rate_high'],
    ['11 bounces in the first 30 sends', outcomes({ total: 30, bounced: 11 }), true, 'bounce_limit'],
    ['1 complaint in 200 (0.5 %)', outcomes({ total: 200, complained: 1 }), false, 'complaint_rate_high'],
    ['bounces outrank complaints', outcomes({ total: 200, bounced: 5, complained: 1 }), false, 'bounce_rate_high'],
  ])('%s: pause %s (%s)', (_name, recent, pause, reason) => {
    const health = evaluateSendingHealth(recent);
    expect({ pause: health.pause, reason: health.reason }).toEqual({ pause, reason });
    expect(health.level).toBe(pause ? 'pause' : reason === 'healthy' ? 'ok' : 'warn');
  });

  it('counts only the last 200 sends', () => {
    const old: SendOutcome[] = Array.from({ length: 50 }, () => 'bounced');
    const health = evaluateSendingHealth([...old, ...outcomes({ total: 200, bounced: 2 })]);
    expect(health).toMatchObject({ sends: 200, bounces: 2, bounceRate: 0.01, pause: false, reason: 'healthy' });
  });

  it('reports rates as fractions of the sends counted', () => {
    expect(evaluateSendingHealth(outcomes({ total: 200, bounced: 11, complained: 2 }))).toMatchObject({ bounceRate: 0.055, complaintRate: 0.01 });
    expect(evaluateSendingHealth([])).toMatchObject({ bounceRate: 0, complaintRate: 0, sends: 0 });
  });
});
