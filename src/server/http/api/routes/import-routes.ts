import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { CsvFileError, openCsvFile, readCsvSample, type CsvFile } from '../../../../adapters/files/open-csv-file.ts';
import { AppError } from '../../../../app/app-error.ts';
import { can } from '../../../../core/access/permissions.ts';
import { exportCustomers, exportInvoices } from '../../../../app/imports/export-records.ts';
import { importCsvRows } from '../../../../app/imports/import-csv-rows.ts';
import type { ImportIssue } from '../../../../app/imports/import-outcome.ts';
import { importFields, type ImportKind } from '../../../../core/imports/import-fields.ts';
import { guessImportMapping } from '../../../../core/imports/import-mapping.ts';
import { writesDayFirst, writesDecimalComma } from '../../../../core/imports/locale-conventions.ts';
import { dateFormats } from '../../../../core/imports/parse-date-cell.ts';
import { renderImportTemplate } from '../../../../core/imports/render-import-template.ts';
import { defineRoute, FileResponse } from '../define-route.ts';

// CSV imports from the web app: a preview of the file's head (headings, a sample and the guessed
// mapping), then the import itself, checked (dry run) or for real. The browser sends the file as
// text in JSON, up to 25 MB; the command line (`plixo import`) streams files of any size.

const kindParams = z.object({ orgId: z.string().min(1), kind: z.enum(['customers', 'contacts', 'invoices', 'payments'] satisfies ImportKind[]) });
const maxUploadBytes = 25 * 1024 * 1024;
const maxIssuesShown = 1000;

const mappingSchema = z.object({
  columns: z.record(z.string(), z.string()),
  dateFormat: z.enum(dateFormats).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  currency: z.string().optional(),
});
const issueView = z.object({ line: z.number().int(), column: z.string(), value: z.string(), reason: z.string(), outcome: z.enum(['rejected', 'warning']) });
const fieldView = z.object({ name: z.string(), heading: z.string(), type: z.string(), required: z.boolean(), help: z.string() });

export const importRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/imports/:kind/template',
    summary: 'A template file for an import: the headings Plixo reads and an example row (CSV)',
    tag: 'Imports',
    access: { kind: 'organisation', permission: 'data.import' },
    params: kindParams,
    response: z.string(),
    async handler({ params }) {
      return new FileResponse('text/csv; charset=utf-8', renderImportTemplate(params.kind), `plixo-${params.kind}-template.csv`);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/imports/:kind/preview',
    summary: "The headings, a sample and the guessed column mapping of a file, from its first part (send up to 1 MB of the file's start)",
    tag: 'Imports',
    access: { kind: 'organisation', permission: 'data.import' },
    params: kindParams,
    body: z.object({ csv: z.string().min(1).max(2 * 1024 * 1024) }),
    response: z.object({
      headings: z.array(z.string()),
      delimiter: z.string(),
      sample: z.array(z.array(z.string())),
      fields: z.array(fieldView),
      mapping: mappingSchema,
      confidence: z.record(z.string(), z.enum(['exact', 'partial'])),
      unmapped: z.array(z.string()),
      otherDateFormats: z.array(z.enum(dateFormats)),
      decimalSeparatorUncertain: z.boolean(),
    }),
    async handler({ params, body, deps, organisationId }) {
      const { kind } = params;
      const workspace = await deps.store.getWorkspace(organisationId);
      // The head of a file may end inside a row: that last partial row is not part of the sample.
      const head = body.csv.length >= 1024 * 1024 ? body.csv.slice(0, body.csv.lastIndexOf('\n') + 1) : body.csv;
      return withCsvFile(head, async (file) => {
        const sample = (await readCsvSample(file, 200)).map((row) => row.cells);
        const guess = guessImportMapping({ kind, headings: file.headings, sample, dayFirst: writesDayFirst(workspace?.locale ?? 'en-US'), decimalComma: writesDecimalComma(workspace?.locale ?? 'en-US') });
        return {
          headings: file.headings,
          delimiter: file.delimiter,
          sample: sample.slice(0, 10),
          fields: importFields[kind].map(({ name, heading, type, required, help }) => ({ name, heading, type, required, help })),
          ...guess,
        };
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/imports/:kind',
    summary: 'Import a CSV file with a column mapping: every valid row or none; dryRun checks and counts without writing',
    tag: 'Imports',
    access: { kind: 'organisation', permission: 'data.import' },
    params: kindParams,
    body: z.object({ csv: z.string().min(1), fileName: z.string().max(255).optional(), mapping: mappingSchema, dryRun: z.boolean().default(false) }),
    bodyLimitBytes: maxUploadBytes + 64 * 1024,
    response: z.object({
      summary: z.object({
        kind: z.string(),
        dryRun: z.boolean(),
        rowsRead: z.number().int(),
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        duplicates: z.number().int(),
        rejected: z.number().int(),
        warnings: z.number().int(),
        payments: z.object({ autoApplied: z.number().int(), forReview: z.number().int() }).optional(),
      }),
      issues: z.array(issueView),
      issuesTruncated: z.boolean(),
    }),
    async handler({ params, body, deps, organisationId, actor, now }) {
      // Payments go into the ledger and may be applied to invoices: that takes applying payments too.
      if (params.kind === 'payments' && !(actor?.role && can(actor.role, 'payments.apply'))) {
        throw new AppError('forbidden', 'importing payments takes the payments.apply permission as well as data.import', { record: `organisation ${organisationId}`, field: 'kind' });
      }
      if (Buffer.byteLength(body.csv) > maxUploadBytes) throw new AppError('invalid_input', 'csv: the web import takes files up to 25 MB; import larger files with `plixo import`', { field: 'csv' });
      const issues: ImportIssue[] = [];
      let issuesTruncated = false;
      return withCsvFile(body.csv, async (file) => {
        const summary = await importCsvRows({
          store: deps.importStore ?? deps.store,
          workspaceId: organisationId,
          kind: params.kind,
          headings: file.headings,
          mapping: body.mapping,
          rows: file.rows(),
          now,
          by: actor!,
          dryRun: body.dryRun,
          ...(body.fileName ? { fileName: body.fileName } : {}),
          onIssue: (issue) => {
            if (issues.length < maxIssuesShown) issues.push(issue);
            else issuesTruncated = true;
          },
        });
        return { summary, issues, issuesTruncated };
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/exports/customers.csv',
    summary: 'Every customer with its primary contact, as CSV in the import’s headings (safe to open in a spreadsheet)',
    tag: 'Imports',
    access: { kind: 'organisation', permission: 'exports.run' },
    params: z.object({ orgId: z.string().min(1) }),
    response: z.string(),
    async handler({ deps, organisationId, now }) {
      return new FileResponse('text/csv; charset=utf-8', await exportCustomers({ store: deps.store, workspaceId: organisationId }), `customers-${new Date(now).toISOString().slice(0, 10)}.csv`);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/exports/invoices.csv',
    summary: 'Every invoice with its open balance, as CSV in the import’s headings (safe to open in a spreadsheet)',
    tag: 'Imports',
    access: { kind: 'organisation', permission: 'exports.run' },
    params: z.object({ orgId: z.string().min(1) }),
    response: z.string(),
    async handler({ deps, organisationId, now }) {
      return new FileResponse('text/csv; charset=utf-8', await exportInvoices({ store: deps.store, workspaceId: organisationId, now }), `invoices-${new Date(now).toISOString().slice(0, 10)}.csv`);
    },
  }),
];

// The text goes through the same reader as a file on the command line: one behaviour for both.
async function withCsvFile<T>(text: string, work: (file: CsvFile) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'plixo-upload-'));
  try {
    const path = join(folder, `${randomUUID()}.csv`);
    await writeFile(path, text);
    const file = await openCsvFile(path).catch((error: unknown) => {
      throw error instanceof CsvFileError ? new AppError('invalid_input', `csv: ${error.message}`, { field: 'csv' }) : error;
    });
    try {
      return await work(file);
    } catch (error) {
      if (error instanceof CsvFileError) throw new AppError('invalid_input', `csv: ${error.message}; nothing was imported`, { field: 'csv' });
      throw error;
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

