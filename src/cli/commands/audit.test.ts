import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing-run-cli.ts';

const root = join(import.meta.dirname, '../../..');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-audit-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('plixo audit verify', () => {
  it('says the trail is intact, then names the entry someone changed in the database', async () => {
    const file = join(folder, 'one.db');
    const cli = (...args: string[]) => runCliCaptured(args, { env: { DATABASE_URL: `file:${file}`, USER: 'ana' }, cwd: root });
    await cli('policy', 'apply', 'examples/acme');
    await cli('ops', 'maintenance', 'on', '--reason', 'relay move');
    await cli('ops', 'maintenance', 'off');
    const intact = await cli('audit', 'verify');
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toMatch(/^the audit trail is intact: 3 entries, last hash [0-9a-f]{64}\n$/);

    // Someone with the database file drops the guard and rewrites who switched maintenance on.
    const raw = new BetterSqlite3(file);
    raw.exec('drop trigger audit_log_no_update');
    raw.prepare("update audit_log set actor = 'cli:nobody' where seq = 2").run();
    raw.close();
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^the audit trail is broken at entry 2: entry 2 \(id \d+\) was changed: its content does not match its hash\n$/);
  });

  it('exports the trail as CSV and JSON lines, filtered, with the hashes verify uses', async () => {
    const file = join(folder, 'two.db');
    const cli = (...args: string[]) => runCliCaptured(args, { env: { DATABASE_URL: `file:${file}`, USER: 'ana' }, cwd: root });
    await cli('policy', 'apply', 'examples/acme');
    await cli('ops', 'maintenance', 'on', '--reason', 'move, then "check"');
    await cli('ops', 'maintenance', 'off');

    const csv = await cli('audit', 'export');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('seq,at,workspace,actor,action,subject,detail,prev_hash,hash');
    expect(lines).toHaveLength(4);
    // A field holding a comma and quotes is quoted, its quotes doubled.
    const detail = JSON.stringify({ reason: 'move, then "check"' });
    expect(lines[2]).toContain(`,maintenance.on,maintenance,"${detail.replace(/"/g, '""')}",`);
    expect(lines[2]).toMatch(/^2,\d{4}-\d\d-\d\dT[\d:.]+Z,,cli:[^,]+,.*,[0-9a-f]{64},[0-9a-f]{64}$/);

    const json = await cli('audit', 'export', '--format', 'json', '--action', 'maintenance.');
    const entries = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; action: string; detail: unknown; prevHash: string; hash: string });
    expect(entries.map((entry) => [entry.seq, entry.action])).toEqual([
      [2, 'maintenance.on'],
      [3, 'maintenance.off'],
    ]);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.detail).toEqual({ reason: 'move, then "check"' });

    const bad = await cli('audit', 'export', '--since', 'yesterday');
    expect(bad).toMatchObject({ code: 2, stderr: 'plixo audit export: --since "yesterday" is not an ISO-8601 instant\n' });
  });
});
