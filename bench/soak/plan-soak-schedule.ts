// When the soak does what, as offsets from its start in wall milliseconds: kills every tenth
// of the run (jittered ±30 %) from 5 % to 75 % of it, so the last killed worker's lease runs out
// well before the end; the SMTP outage from 35 % to 45 % (refused, then 451 from 40 %); events
// until 85 %, then a quiet stretch in which everything due must go out.

export interface SoakSchedule {
  runMs: number;
  killsAtMs: number[];
  outage: { downAtMs: number; tempfailAtMs: number; upAtMs: number };
  activityUntilMs: number;
}

export function planSoakSchedule(input: { runMs: number; random: () => number }): SoakSchedule {
  const { runMs, random } = input;
  const everyMs = runMs / 10;
  const killsAtMs: number[] = [];
  for (let at = 0.05 * runMs; at <= 0.75 * runMs; at += everyMs * (0.7 + 0.6 * random())) killsAtMs.push(Math.round(at));
  return {
    runMs,
    killsAtMs,
    outage: { downAtMs: Math.round(0.35 * runMs), tempfailAtMs: Math.round(0.4 * runMs), upAtMs: Math.round(0.45 * runMs) },
    activityUntilMs: Math.round(0.85 * runMs),
  };
}
