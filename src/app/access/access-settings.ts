// How long sign-ins last and how hard guessing is made. Defaults follow common guidance for
// finance applications (OWASP ASVS level 2): a session ends after 30 idle minutes and at the
// latest 12 hours after sign-in; five wrong passwords for one address in 15 minutes, or twenty
// from one network address, pause sign-in for that address for the rest of the window.

export interface AccessSettings {
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** A session's last-seen time is written at most this often (reads stay reads). */
  sessionTouchEveryMs: number;
  loginWindowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  invitationTtlMs: number;
}

export const defaultAccessSettings: AccessSettings = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  sessionTouchEveryMs: 60_000,
  loginWindowMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  invitationTtlMs: 7 * 24 * 3_600_000,
};

/** The smallest password we accept; length beats composition rules (NIST SP 800-63B). */
export const minPasswordLength = 12;
