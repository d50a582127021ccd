import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing-run-cli.ts';

const root = join(import.meta.dirname, '../../..');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-suppressions-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('plixo suppressions', () => {
  it('adds a legal hold and a temporary opt-out, lists them, removes one, and audits each change', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'one.db')}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: root });
    await cli('policy', 'apply', 'examples/acme');

    const hold = await cli('suppressions', 'add', 'Legal@Customer.example', '--reason', 'legal_hold', '--note', 'insolvency proceedings');
    expect(hold).toMatchObject({ code: 0, stdout: 'legal@customer.example suppressed (legal_hold)\n' });
    expect((await cli('suppressions', 'add', 'ap@customer.example', '--reason', 'opted_out', '--until', '2099-01-01T00:00:00Z')).stdout).toBe(
      'ap@customer.example suppressed (opted_out) until 2099-01-01T00:00:00.000Z\n',
    );

    const listed = (await cli('suppressions', 'list', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(listed).toEqual([
      expect.objectContaining({ email: 'ap@customer.example', reason: 'opted_out', untilAt: '2099-01-01T00:00:00.000Z' }),
      expect.objectContaining({ email: 'legal@customer.example', reason: 'legal_hold', untilAt: null, note: 'insolvency proceedings' }),
    ]);

    expect((await cli('suppressions', 'remove', 'AP@customer.example')).stdout).toBe('ap@customer.example is no longer suppressed\n');
    expect((await cli('suppressions', 'list')).stdout).toMatch(/^legal@customer\.example {2}legal_hold {2}until removed {2}insolvency proceedings\n1 suppressed address\n$/);
    const audit = (await cli('ops', 'audit')).stdout;
    expect(audit.match(/suppression\.add/g)).toHaveLength(2);
    expect(audit.match(/suppression\.remove/g)).toHaveLength(1);
  });

  it('refuses an unknown reason, a past end and a removal of an address not on the list, naming the field', async () => {
    const env = { DATABASE_URL: `file:${join(folder, 'two.db')}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: root });
    await cli('policy', 'apply', 'examples/acme');

    const reason = await cli('suppressions', 'add', 'a@b.example', '--reason', 'angry');
    expect(reason.code).toBe(2);
    expect(reason.stderr).toContain('suppression a@b.example: reason "angry" is not one of invalid, opted_out, legal_hold');
    const past = await cli('suppressions', 'add', 'a@b.example', '--reason', 'opted_out', '--until', '2020-01-01T00:00:00Z');
    expect(past.stderr).toContain('until 2020-01-01T00:00:00.000Z has already passed');
    const email = await cli('suppressions', 'add', 'not-an-address', '--reason', 'opted_out');
    expect(email.code).toBe(2);
    expect(email.stderr).toContain('email "not-an-address" is not an email address');
    const missing = await cli('suppressions', 'remove', 'nobody@b.example');
    expect(missing.stderr).toContain('nobody@b.example: the address is not on the suppression list');
    expect((await cli('suppressions', 'list')).stdout).toBe('0 suppressed addresses\n');
  });
});
