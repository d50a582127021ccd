import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium for the browser tests. CI must have it at /usr/bin/chromium (`.ci/run`
// installs it); elsewhere a suite without it is skipped, and with CI=true it fails instead.

export const chromiumPath = '/usr/bin/chromium';

/** Why a browser suite is skipped here; null: it runs. */
export function browserSkipReason(suite: string): string | null {
  if (existsSync(chromiumPath) || process.env.CI === 'true') return null;
  const reason = `${chromiumPath} not found (apt-get install -y chromium); with CI=true this fails instead`;
  console.warn(`${suite}: skipped, ${reason}`);
  return reason;
}

export function launchTestChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    timeout: 15_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
