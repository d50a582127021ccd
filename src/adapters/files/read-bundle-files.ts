import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';

// Reads a policy bundle for the pure loader: every *.yaml / *.yml under the folder, sorted, with
// paths relative to the folder (so issues and test names do not depend on where it was run from).

export interface BundleFileText {
  path: string;
  text: string;
}

/** A path that is not a bundle at all (missing, or not a folder or YAML file): the CLI prints the message and exits 2. */
export class BundleReadError extends Error {
  override name = 'BundleReadError';

  constructor(
    readonly reason: 'missing' | 'not-yaml',
    message: string,
  ) {
    super(message);
  }
}

const yamlFile = /\.ya?ml$/i;

/** The bundle's YAML files; an empty list for a folder that holds none (callers decide what that means). */
export async function readBundleFiles(dir: string): Promise<BundleFileText[]> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new BundleReadError('missing', `policy bundle "${dir}" does not exist`);
  // A single file works too: handy for linting the one file an editor has open.
  if (info.isFile()) {
    if (!yamlFile.test(dir)) throw new BundleReadError('not-yaml', `policy bundle "${dir}" is not a folder or a .yaml/.yml file`);
    return [{ path: basename(dir), text: await readFile(dir, 'utf8') }];
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && yamlFile.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep))
    // Hidden folders (.git, .github) and installed packages are not part of a bundle.
    .filter((parts) => !parts.some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((parts) => parts.join('/'))
    .sort();
  return Promise.all(paths.map(async (path) => ({ path, text: await readFile(join(dir, path), 'utf8') })));
}
