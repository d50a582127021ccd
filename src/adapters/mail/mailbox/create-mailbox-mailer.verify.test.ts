import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailboxMailer } from './create-mailbox-mailer.ts';

// The readiness probe of the mailbox mailer: the folder must be writable, which only a write proves.

describe('createMailboxMailer().verify', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'plixo-mailbox-verify-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a missing folder, passes, and leaves nothing behind', async () => {
    const folder = join(root, 'data', 'outbox');
    expect(await createMailboxMailer({ folder }).verify()).toEqual({ ok: true, detail: `messages are written to ${folder} (no SMTP server is set)` });
    expect(await readdir(folder)).toEqual([]);
  });

  it('fails, without throwing, when the folder cannot be created', async () => {
    const file = join(root, 'not-a-folder');
    await writeFile(file, 'x');
    const verification = await createMailboxMailer({ folder: join(file, 'outbox') }).verify();
    expect(verification.ok).toBe(false);
    expect(verification.detail).toMatch(/^cannot write to the mailbox folder .*not-a-folder\/outbox: E[A-Z]+$/);
  });
});
