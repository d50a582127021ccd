// A sending domain's bounce and complaint rates over its most recent sends, and whether it must
// stop. The targets are the product brief's: bounces below 2 %, complaints below 0.1 %; a domain
// pauses when bounces pass 5 % of the last 200 sends, and an operator resumes it.
//
// With fewer than 200 sends the domain pauses once bounces exceed 10: ten is 5 % of 200, so at that
// point the 200-send rate will pass 5 % whatever comes next. Pausing earlier on a percentage of a
// small sample would stop a new domain after its first unlucky send; pausing later would let a
// bad list burn the domain before the window fills. It is also the same rule once the window is full.

export type SendOutcome = 'delivered' | 'bounced' | 'complained';
export type SendingHealthReason = 'bounce_limit' | 'bounce_rate_high' | 'complaint_rate_high' | 'healthy';

export interface SendingHealth {
  /** Sends counted: the most recent, at most `sendingHealthWindow`. */
  sends: number;
  bounces: number;
  complaints: number;
  /** Fractions of `sends` (0.05 is 5 %); 0 when nothing was sent. */
  bounceRate: number;
  complaintRate: number;
  level: 'ok' | 'warn' | 'pause';
  pause: boolean;
  reason: SendingHealthReason;
}

export const sendingHealthWindow = 200;
/** Bounces in the window above which the domain pauses: 5 % of 200. */
export const pauseAfterBounces = 10;

/** `recentOutcomes` in the order sent, oldest first; only the last 200 count. */
export function evaluateSendingHealth(recentOutcomes: readonly SendOutcome[]): SendingHealth {
  const window = recentOutcomes.slice(-sendingHealthWindow);
  const sends = window.length;
  const bounces = window.filter((outcome) => outcome === 'bounced').length;
  const complaints = window.filter((outcome) => outcome === 'complained').length;
  const base = { sends, bounces, complaints, bounceRate: sends === 0 ? 0 : bounces / sends, complaintRate: sends === 0 ? 0 : complaints / sends };
  // Integer comparisons: 0.02 and 0.001 have no exact binary fraction.
  if (bounces > pauseAfterBounces) return { ...base, level: 'pause', pause: true, reason: 'bounce_limit' };
  if (bounces * 50 >= sends && bounces > 0) return { ...base, level: 'warn', pause: false, reason: 'bounce_rate_high' };
  if (complaints * 1000 >= sends && complaints > 0) return { ...base, level: 'warn', pause: false, reason: 'complaint_rate_high' };
  return { ...base, level: 'ok', pause: false, reason: 'healthy' };
}
