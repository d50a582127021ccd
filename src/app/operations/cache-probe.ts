/**
 * Reuses a probe's last answer for `maxAgeMs`, and shares one call among callers that ask at the
 * same time. For GET /readyz, which a load balancer may poll every few seconds: without it each
 * poll would open an SMTP connection and log in.
 */
export function cacheProbe<T>(probe: () => Promise<T>, { maxAgeMs, clock }: { maxAgeMs: number; clock: () => number }): () => Promise<T> {
  let last: { at: number; value: T } | null = null;
  let running: Promise<T> | null = null;
  return () => {
    if (last !== null && clock() - last.at < maxAgeMs) return Promise.resolve(last.value);
    running ??= probe()
      .then((value) => {
        last = { at: clock(), value };
        return value;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}
