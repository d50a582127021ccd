import type { CheckResult, SoakEvidence } from './soak-evidence.ts';

// The workers' own account: no error in any worker's log (warnings are counted, not failed:
// "a worker tick took longer than its period" is what a busy machine says). Messages are
// grouped with their particulars (numbers, quoted values) taken out.

const shown = 8;

export function checkWorkerLogs(evidence: SoakEvidence): CheckResult {
  const groups = new Map<string, { level: number; count: number; workers: Set<number> }>();
  for (const problem of evidence.logProblems) {
    const family = problem.message.replace(/"[^"]*"/g, '"…"').replace(/\b\d+\b/g, 'n');
    const key = `${problem.level >= 50 ? 'error' : 'warning'}: ${family}`;
    const group = groups.get(key) ?? { level: problem.level, count: 0, workers: new Set<number>() };
    group.count += 1;
    group.workers.add(problem.workerNumber);
    groups.set(key, group);
  }
  const errors = evidence.logProblems.filter((problem) => problem.level >= 50).length;
  const warnings = evidence.logProblems.length - errors;
  const details = [...groups]
    .sort((a, b) => b[1].level - a[1].level || b[1].count - a[1].count)
    .slice(0, shown)
    .map(([key, group]) => `${group.count} × ${key} (worker${group.workers.size === 1 ? '' : 's'} ${[...group.workers].sort((a, b) => a - b).join(', ')})`);
  return { title: 'No errors in the workers’ logs', ok: errors === 0, summary: `${errors} errors and ${warnings} warnings logged by the workers`, details };
}
