/** One line of a progress bar: `[########------------]  42 %  420,000 rows  35,000 rows/s`. */
export function renderProgressBar({ done, total, rows, elapsedMs, width = 30 }: { done: number; total: number; rows: number; elapsedMs: number; width?: number }): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const rate = elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)} %  ${rows.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
}
