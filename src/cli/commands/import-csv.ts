import { createWriteStream, type WriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CsvFileError, openCsvFile, readCsvSample } from '../../adapters/files/open-csv-file.ts';
import { AppError } from '../../app/app-error.ts';
import { importCsvRows, type ImportSummary } from '../../app/imports/import-csv-rows.ts';
import type { ImportIssue } from '../../app/imports/import-outcome.ts';
import { formatCsvRow } from '../../core/imports/format-csv-row.ts';
import { importKinds, type ImportKind } from '../../core/imports/import-fields.ts';
import { guessImportMapping, type ImportMapping } from '../../core/imports/import-mapping.ts';
import { writesDayFirst, writesDecimalComma } from '../../core/imports/locale-conventions.ts';
import { renderImportTemplate } from '../../core/imports/render-import-template.ts';
import { cliActor } from '../cli-actor.ts';
import type { CommandContext } from '../cli-io.ts';
import { chooseWorkspace, runWithStore } from '../open-store.ts';
import { readJsonFile } from '../read-json-file.ts';
import { renderProgressBar } from './render-progress-bar.ts';

// `plixo import customers|contacts|invoices|payments FILE.csv`: the CSV import, with the column mapping
// guessed from the headings unless --mapping gives it, a reject log, and a progress bar.

export interface ImportCsvOptions {
  mapping?: string;
  rejectLog?: string;
  dryRun?: boolean;
  showMapping?: boolean;
  template?: boolean;
  workspace?: string;
}

export async function runImportCsv(context: CommandContext, kindText: string, file: string | undefined, options: ImportCsvOptions): Promise<void> {
  const { io } = context;
  if (!(importKinds as readonly string[]).includes(kindText)) {
    io.stderr.write(`plixo import: "${kindText}" is not something Plixo imports: choose ${importKinds.join(', ')} (or --data DATA.json)\n`);
    return context.setExitCode(2);
  }
  const kind = kindText as ImportKind;
  if (options.template) {
    io.stdout.write(renderImportTemplate(kind));
    return;
  }
  if (!file) {
    io.stderr.write(`plixo import ${kind}: name the CSV file (or --template for an empty one)\n`);
    return context.setExitCode(2);
  }
  await runWithStore(context, `import ${kind}`, async (store) => {
    const path = resolve(io.cwd, file);
    const csv = await openCsvFile(path).catch((error: unknown) => {
      if (error instanceof CsvFileError) throw new AppError('invalid_input', `${file}: ${error.message}`);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${file}: no such file`);
      throw error;
    });
    const workspace = await chooseWorkspace(store, options.workspace);
    if (!workspace.ok) throw new AppError('not_found', workspace.message);
    const settings = (await store.getWorkspace(workspace.id))!;
    const mapping = options.mapping ? await readMapping(resolve(io.cwd, options.mapping)) : await guessMapping(csv, kind, settings.locale, io.stderr);
    if (options.showMapping) {
      io.stdout.write(`${JSON.stringify(mapping, null, 2)}\n`);
      return 0;
    }
    const log = options.rejectLog ? openRejectLog(resolve(io.cwd, options.rejectLog)) : null;
    const shown: ImportIssue[] = [];
    const progress = createProgress(io.stderr, csv);
    let summary: ImportSummary;
    try {
      summary = await importCsvRows({
        store,
        workspaceId: workspace.id,
        kind,
        headings: csv.headings,
        mapping,
        rows: rowsOrFail(csv, file),
        now: Date.now(),
        by: cliActor(context),
        dryRun: options.dryRun ?? false,
        fileName: basename(path),
        onIssue: async (issue) => {
          if (shown.length < 10) shown.push(issue);
          if (log) await log.write(issue);
        },
        onProgress: progress.update,
      });
    } finally {
      progress.done();
      await log?.close();
    }
    for (const issue of shown) io.stderr.write(`  line ${issue.line}${issue.column ? `, ${issue.column}` : ''}${issue.value ? ` "${issue.value}"` : ''}: ${issue.reason}${issue.outcome === 'warning' ? ' (imported)' : ''}\n`);
    const issues = summary.rejected + summary.warnings;
    if (issues > shown.length) io.stderr.write(`  …${options.rejectLog ? ` every issue is in ${options.rejectLog}` : ' write them all with --reject-log REJECTS.csv'}\n`);
    io.stdout.write(
      `${summary.dryRun ? 'checked (nothing written)' : `imported into ${workspace.id}`}: ${summary.rowsRead} rows, ${summary.created} new, ${summary.updated} changed, ${summary.unchanged} unchanged, ${summary.duplicates} repeated, ${summary.rejected} rejected${summary.warnings ? `, ${summary.warnings} with a warning` : ''}${summary.payments ? `; Cash-App Assist applied ${summary.payments.autoApplied} of the new payments, ${summary.payments.forReview} wait in Unapplied Cash` : ''}\n`,
    );
    return summary.rejected > 0 ? 1 : 0;
  });
}

async function readMapping(path: string): Promise<ImportMapping> {
  const read = await readJsonFile(path);
  if (!read.ok) throw new AppError('invalid_input', read.message);
  const value = read.value as ImportMapping;
  if (typeof value !== 'object' || value === null || typeof value.columns !== 'object' || value.columns === null) {
    throw new AppError('invalid_input', `${path}: a mapping is {"columns": {"field": "Heading in the file"}, "dateFormat": …, "decimalSeparator": …}`, { record: 'mapping', field: 'columns' });
  }
  return value;
}

async function guessMapping(csv: Awaited<ReturnType<typeof openCsvFile>>, kind: ImportKind, locale: string, stderr: NodeJS.WritableStream): Promise<ImportMapping> {
  const sample = await readCsvSample(csv, 500);
  const guess = guessImportMapping({ kind, headings: csv.headings, sample: sample.map((row) => row.cells), dayFirst: writesDayFirst(locale), decimalComma: writesDecimalComma(locale) });
  const columns = Object.entries(guess.mapping.columns).map(([field, heading]) => `${field} ← "${heading}"${guess.confidence[field] === 'partial' ? ' (?)' : ''}`);
  stderr.write(`mapping (guessed; fix it with --mapping MAP.json, see --show-mapping): ${columns.join(', ')}\n`);
  if (guess.mapping.dateFormat) stderr.write(`dates read as ${guess.mapping.dateFormat}${guess.otherDateFormats.length ? ` (the sample also fits ${guess.otherDateFormats.join(', ')}: state dateFormat in a mapping if that is wrong)` : ''}\n`);
  if (guess.decimalSeparatorUncertain) stderr.write(`amounts read with "${guess.mapping.decimalSeparator}" as the decimal separator (the sample could not tell)\n`);
  if (guess.unmapped.length) stderr.write(`columns not imported: ${guess.unmapped.map((heading) => JSON.stringify(heading)).join(', ')}\n`);
  return guess.mapping;
}

async function* rowsOrFail(csv: Awaited<ReturnType<typeof openCsvFile>>, file: string): AsyncGenerator<{ line: number; cells: string[] }> {
  try {
    yield* csv.rows();
  } catch (error) {
    if (error instanceof CsvFileError) throw new AppError('invalid_input', `${file}: ${error.message}; nothing was imported`);
    throw error;
  }
}

function openRejectLog(path: string): { write(issue: ImportIssue): Promise<void>; close(): Promise<void> } {
  const stream: WriteStream = createWriteStream(path);
  stream.write(formatCsvRow(['line', 'column', 'value', 'reason', 'outcome']));
  return {
    write: (issue) =>
      new Promise((done) => {
        if (stream.write(formatCsvRow([issue.line, issue.column, issue.value, issue.reason, issue.outcome === 'rejected' ? 'rejected' : 'imported with a warning']))) done();
        else stream.once('drain', () => done());
      }),
    close: () => new Promise((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done()))),
  };
}

function createProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean }, csv: { totalBytes: number; bytesRead(): number }): { update(rows: number): void; done(): void } {
  const started = Date.now();
  let drawn = false;
  return {
    update(rows) {
      if (!stderr.isTTY) return;
      drawn = true;
      stderr.write(`\r${renderProgressBar({ done: csv.bytesRead(), total: csv.totalBytes, rows, elapsedMs: Date.now() - started })}`);
    },
    done() {
      if (drawn) stderr.write('\n');
    },
  };
}
