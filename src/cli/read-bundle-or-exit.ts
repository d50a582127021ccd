import { resolve } from 'node:path';
import { BundleReadError, readBundleFiles, type BundleFileText } from '../adapters/files/read-bundle-files.ts';
import type { CommandContext } from './cli-io.ts';

/**
 * Reads a bundle (a folder, or one YAML file; relative to the working directory), or prints why
 * it cannot be read and sets exit code 2: a missing path, or a folder without YAML files, is a
 * mistake in the command line, not in the bundle. Messages name the bundle as the user wrote it.
 */
export async function readBundleOrExit(bundle: string, context: CommandContext): Promise<BundleFileText[] | null> {
  const fail = (problem: string) => {
    context.io.stderr.write(`plixo: policy bundle "${bundle}" ${problem}\n`);
    context.setExitCode(2);
    return null;
  };
  try {
    const files = await readBundleFiles(resolve(context.io.cwd, bundle));
    return files.length > 0 ? files : fail('holds no .yaml or .yml files');
  } catch (error) {
    if (!(error instanceof BundleReadError)) throw error;
    return fail(error.reason === 'missing' ? 'does not exist' : 'is not a folder or a .yaml/.yml file');
  }
}
