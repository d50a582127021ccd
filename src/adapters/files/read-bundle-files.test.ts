import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleReadError, readBundleFiles } from './read-bundle-files.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plixo-bundle-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
}

describe('readBundleFiles', () => {
  it('reads every .yaml and .yml file recursively, sorted, with paths relative to the bundle', async () => {
    await write('workspace.yaml', 'w');
    await write('templates/b.yml', 'b');
    await write('templates/a.YAML', 'a');
    await write('cadences/deep/c.yaml', 'c');
    await write('README.md', 'not yaml');
    await write('.git/config.yaml', 'hidden');
    await write('node_modules/x/package.yaml', 'installed');
    expect(await readBundleFiles(root)).toEqual([
      { path: 'cadences/deep/c.yaml', text: 'c' },
      { path: 'templates/a.YAML', text: 'a' },
      { path: 'templates/b.yml', text: 'b' },
      { path: 'workspace.yaml', text: 'w' },
    ]);
  });

  it('reads a single file as a bundle of one', async () => {
    await write('one.yaml', 'kind: Workspace');
    expect(await readBundleFiles(join(root, 'one.yaml'))).toEqual([{ path: 'one.yaml', text: 'kind: Workspace' }]);
  });

  it('fails with a BundleReadError for a missing path or a file that is not YAML', async () => {
    await expect(readBundleFiles(join(root, 'missing'))).rejects.toBeInstanceOf(BundleReadError);
    await write('notes.txt', 'x');
    await expect(readBundleFiles(join(root, 'notes.txt'))).rejects.toBeInstanceOf(BundleReadError);
  });

  it('returns no files for a folder without YAML files', async () => {
    await write('notes.txt', 'x');
    expect(await readBundleFiles(root)).toEqual([]);
  });
});
