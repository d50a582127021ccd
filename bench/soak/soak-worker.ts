// One worker process of the soak test: `plixo start --services worker` (the same settings, the
// same composition root) on the soak's simulated clock, which `plixo start` cannot take from its
// settings. Run through bin/run-ts.js; SIGTERM stops it as Ctrl+C stops `plixo start`.
import { loadConfig } from '../../src/server/config.ts';
import { startPlixo } from '../../src/server/main.ts';
import { readSoakClockEnv } from './soak-clock.ts';

const loaded = loadConfig({ services: 'worker' }, process.env);
if (!loaded.ok) {
  process.stderr.write(`soak worker: ${loaded.message}\n`);
  process.exit(2);
}
const soakClock = readSoakClockEnv(process.env);
const downtimeAfterMs = Number(process.env.SOAK_DOWNTIME_AFTER_MS);
const running = await startPlixo(loaded.config, process.stdout, {
  clock: soakClock.clock,
  ...(Number.isFinite(downtimeAfterMs) && downtimeAfterMs > 0 ? { downtimeAfterMs } : {}),
});
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
soakClock.stop();
await running.close();
