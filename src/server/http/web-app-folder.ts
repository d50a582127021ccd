import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The admin web app's built files (web/dist). `plixo start` builds them when they are missing or
// older than web/'s sources, so `npm ci && npm start` serves the current screens without a
// separate step. A build goes to a folder of its own and is moved into place whole, so two
// processes starting at once never serve half a build.

const webFolder = fileURLToPath(new URL('../../../web/', import.meta.url));
export const webAppFolder = join(webFolder, 'dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (!entry.startsWith('dist') && entry !== 'node_modules') newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** The guides of docs/ are built into the app's docs portal. */
const docsFolder = fileURLToPath(new URL('../../../docs/', import.meta.url));

function isCurrent(): boolean {
  const index = join(webAppFolder, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(newestChange(webFolder), existsSync(docsFolder) ? newestChange(docsFolder) : 0);
}

/** The folder of the built web app, building it first when needed; null when it cannot be built here (no Vite). */
export async function ensureWebAppBuilt(options: { log?: (line: string) => void } = {}): Promise<string | null> {
  if (isCurrent()) return webAppFolder;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    options.log?.('The web app is not built and Vite is not installed (npm ci installs it): serving the API only.');
    return existsSync(join(webAppFolder, 'index.html')) ? webAppFolder : null;
  }
  options.log?.('Building the web app (web/dist)…');
  const staging = join(webFolder, `dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({ configFile: join(webFolder, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    if (isCurrent()) return webAppFolder; // another process finished first
    rmSync(webAppFolder, { recursive: true, force: true });
    renameSync(staging, webAppFolder);
  } catch (error) {
    if (!isCurrent()) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return webAppFolder;
}
