import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The PDF tests read documents back with poppler-utils (pdftotext, pdfinfo), the tools a person's
// PDF viewer is built on, rather than trusting pdfkit's own view of what it wrote.

/** True when poppler-utils is installed. CI must have it; elsewhere its tests are skipped. */
export function hasPoppler(): boolean {
  return spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdfinfo', ['-v']).status === 0;
}

/** Under CI a missing poppler fails the tests; on a developer's machine they are skipped. */
export const skipPopplerTests = !hasPoppler() && process.env.CI !== 'true';

function withPdfFile<T>(pdf: Uint8Array, use: (path: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'plixo-pdf-'));
  try {
    const path = join(folder, 'document.pdf');
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    throw error;
  }
}

/** The text of the document (or of one page), with no-break spaces as plain spaces. */
export function extractPdfText(pdf: Uint8Array, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return withPdfFile(pdf, (path) => run('pdftotext', [...pages, '-layout', path, '-'])).replace(/[\u00a0\u202f]/g, ' ');
}

/** pdfinfo's fields: Pages, Page size, CreationDate, Title, … */
export function readPdfInfo(pdf: Uint8Array): Map<string, string> {
  const output = withPdfFile(pdf, (path) => run('pdfinfo', ['-isodates', path]));
  return new Map(output.split('\n').flatMap((line) => {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!.trim()] as [string, string]] : [];
  }));
}

export function countPdfPages(pdf: Uint8Array): number {
  return Number(readPdfInfo(pdf).get('Pages'));
}

/** The link annotations: page number and URL. */
export function readPdfLinks(pdf: Uint8Array): { page: number; url: string }[] {
  const output = withPdfFile(pdf, (path) => run('pdfinfo', ['-url', path]));
  return output
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const match = /^\s*(\d+)\s+Annotation\s+(\S+)/.exec(line);
      return match ? [{ page: Number(match[1]), url: match[2]! }] : [];
    });
}

/** Squeezes runs of spaces, so a test can look for "Total due (EUR) 1.234,56 €" in a layout. */
export function squeezeSpaces(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}
