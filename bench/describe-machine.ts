import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';

// What the numbers were measured on, so a reader can tell a slow machine from a slow change.

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  /** 1, 5 and 15 minute load averages when the run began: other work on the machine skews timings. */
  loadAverage: string;
  os: string;
  node: string;
  sqlite: string;
  /** The commit measured, with "+ uncommitted changes" when the tree was dirty. */
  commit: string;
  date: string;
}

export function describeMachine(now: Date): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    loadAverage: readLoadAverage(),
    os: `${type()} ${release()}`,
    node: process.version,
    sqlite: readSqliteVersion(),
    commit: readCommit(),
    date: now.toISOString(),
  };
}

export function readLoadAverage(): string {
  return loadavg().map((load) => load.toFixed(2)).join(', ');
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: fall through to what node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

function readSqliteVersion(): string {
  const sqlite = new BetterSqlite3(':memory:');
  try {
    return (sqlite.prepare('select sqlite_version() as version').get() as { version: string }).version;
  } finally {
    sqlite.close();
  }
}

function readCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty === '' ? commit : `${commit} + uncommitted changes in src/`;
  } catch {
    return 'unknown';
  }
}
