import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { formatCsvRow } from '../../../src/core/imports/format-csv-row.ts';
import { dateFormats } from '../../../src/core/imports/parse-date-cell.ts';
import { api } from '../api/client.ts';
import type { ApiAnswer, ApiBody } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';

// CSV imports: choose what the file holds, pick the file, check the mapping Plixo guessed from its
// headings (fix any column), check the whole file without writing, then import. Every rejected
// row is listed with its line, column, value and reason, and the list downloads as a reject log.
// The browser sends files up to 25 MB; larger ones go through `plixo import`.

type Kind = 'customers' | 'contacts' | 'invoices' | 'payments';
type Preview = ApiAnswer<'/api/orgs/{orgId}/imports/{kind}/preview', 'post'>;
type ImportAnswer = ApiAnswer<'/api/orgs/{orgId}/imports/{kind}', 'post'>;
type Mapping = ApiBody<'/api/orgs/{orgId}/imports/{kind}', 'post'>['mapping'];

const maxBytes = 25 * 1024 * 1024;
const notImported = '';

export function ImportsScreen() {
  const organisation = useOrganisation();
  const [kind, setKind] = useState<Kind>('invoices');
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const base = `/api/orgs/${organisation.id}`;

  const preview = useMutation({
    mutationFn: async ({ chosen, as }: { chosen: File; as: Kind }) => api<Preview>('POST', `${base}/imports/${as}/preview`, { csv: await chosen.slice(0, 1024 * 1024).text() }),
    onSuccess: (answer) => setMapping(answer.mapping),
  });
  const run = useMutation({
    mutationFn: async (dryRun: boolean) => {
      if (!file || !mapping) throw new Error('Choose a file first.');
      if (file.size > maxBytes) throw new Error(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: the web import takes files up to 25 MB; import larger files with plixo import.`);
      return api<ImportAnswer>('POST', `${base}/imports/${kind}`, { csv: await file.text(), fileName: file.name, mapping, dryRun });
    },
    onSuccess: setResult,
  });

  const choose = (chosen: File | null, as: Kind) => {
    setFile(chosen);
    setMapping(null);
    setResult(null);
    if (chosen) preview.mutate({ chosen, as });
  };

  return (
    <Stack>
      <Title order={2}>Imports</Title>
      <Group align="end" justify="space-between">
        <Group align="end">
          <SegmentedControl
            aria-label="What the file holds"
            value={kind}
            onChange={(value) => {
              setKind(value as Kind);
              choose(file, value as Kind);
            }}
            data={[
              { value: 'customers', label: 'Customers' },
              { value: 'contacts', label: 'Contacts' },
              { value: 'invoices', label: 'Invoices' },
              // Payments go into the ledger and may be applied: that takes applying payments too.
              ...(organisation.can('payments.apply') ? [{ value: 'payments', label: 'Payments' }] : []),
            ]}
          />
          <FileInput label="CSV file" placeholder="Choose a file" accept=".csv,.txt,text/csv" value={file} onChange={(chosen) => choose(chosen, kind)} clearable w={280} />
        </Group>
        <Group>
          <Anchor href={`${base}/imports/${kind}/template`} download>
            Download a template
          </Anchor>
          <Anchor href={`${base}/exports/customers.csv`} download>
            Export customers
          </Anchor>
          <Anchor href={`${base}/exports/invoices.csv`} download>
            Export invoices
          </Anchor>
        </Group>
      </Group>
      {preview.isError && (
        <Alert color="red" role="alert">
          {preview.error.message}
        </Alert>
      )}
      {preview.data && mapping && (
        <MappingForm preview={preview.data} mapping={mapping} onChange={(next) => { setMapping(next); setResult(null); }} />
      )}
      {mapping && (
        <Group>
          <Button variant="default" loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
            Check file
          </Button>
          <Button loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
            Import
          </Button>
        </Group>
      )}
      {run.isError && (
        <Alert color="red" role="alert">
          {run.error.message}
        </Alert>
      )}
      {result && <ImportResult result={result} fileName={file?.name ?? 'import.csv'} />}
    </Stack>
  );
}

function MappingForm({ preview, mapping, onChange }: { preview: Preview; mapping: Mapping; onChange: (mapping: Mapping) => void }) {
  const headings = [{ value: notImported, label: '— not imported —' }, ...preview.headings.filter((heading) => heading !== '').map((heading) => ({ value: heading, label: heading }))];
  const setColumn = (field: string, heading: string | null) => {
    const columns = { ...mapping.columns };
    if (!heading) delete columns[field];
    else columns[field] = heading;
    onChange({ ...mapping, columns });
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Column mapping">
      <Stack>
        <Title order={3}>Columns</Title>
        <Text size="sm">Plixo guessed which column holds what from the headings. Fix any that are wrong; a required field needs a column.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {preview.fields.map((field) => (
            <Select
              key={field.name}
              label={
                <Group gap={6} component="span">
                  <span>{field.heading}</span>
                  {preview.confidence[field.name] === 'partial' && <Badge size="xs" color="yellow">check</Badge>}
                </Group>
              }
              aria-label={field.heading}
              description={field.help}
              required={field.required}
              data={headings}
              value={mapping.columns[field.name] ?? notImported}
              onChange={(value) => setColumn(field.name, value)}
              allowDeselect={false}
            />
          ))}
        </SimpleGrid>
        <Group align="end">
          <Select
            label="Dates are written"
            data={[...dateFormats]}
            value={mapping.dateFormat ?? null}
            onChange={(value) => onChange({ ...mapping, ...(value ? { dateFormat: value as NonNullable<Mapping['dateFormat']> } : {}) })}
            description={preview.otherDateFormats.length > 0 ? `The first rows also fit ${preview.otherDateFormats.join(', ')}: check which one the file uses.` : undefined}
            allowDeselect={false}
          />
          <Select
            label="Decimal separator"
            data={[
              { value: '.', label: 'point: 1,234.50' },
              { value: ',', label: 'comma: 1.234,50' },
            ]}
            value={mapping.decimalSeparator ?? '.'}
            onChange={(value) => onChange({ ...mapping, decimalSeparator: (value ?? '.') as '.' | ',' })}
            description={preview.decimalSeparatorUncertain ? 'The first rows could not tell: check it.' : undefined}
            allowDeselect={false}
          />
          {preview.fields.some((field) => field.name === 'currency') && (
            <TextInput
              label="Currency of rows without one"
              placeholder="the organisation's"
              value={mapping.currency ?? ''}
              onChange={(event) => {
                const currency = event.currentTarget.value.trim().toUpperCase();
                const { currency: _dropped, ...rest } = mapping;
                onChange(currency ? { ...rest, currency } : rest);
              }}
              w={200}
            />
          )}
        </Group>
        {preview.unmapped.filter(Boolean).length > 0 && <Text size="sm">Not imported: {preview.unmapped.filter(Boolean).join(', ')}</Text>}
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="First rows of the file" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {preview.headings.map((heading, index) => (
                  <Table.Th key={index}>{heading}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.sample.slice(0, 5).map((row, index) => (
                <Table.Tr key={index}>
                  {row.map((cell, column) => (
                    <Table.Td key={column}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function ImportResult({ result, fileName }: { result: ImportAnswer; fileName: string }) {
  const { summary, issues } = result;
  const download = () => {
    const text = formatCsvRow(['line', 'column', 'value', 'reason', 'outcome']) + issues.map((issue) => formatCsvRow([issue.line, issue.column, issue.value, issue.reason, issue.outcome === 'rejected' ? 'rejected' : 'imported with a warning'])).join('');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    link.download = fileName.replace(/\.[^.]*$/, '') + '-rejects.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Stack>
      <Alert color={summary.rejected > 0 ? 'yellow' : 'green'} role="status" title={summary.dryRun ? 'Checked: nothing was written' : 'Imported'}>
        {summary.rowsRead} rows: {summary.created} new, {summary.updated} changed, {summary.unchanged} unchanged, {summary.duplicates} repeated, {summary.rejected} rejected
        {summary.warnings > 0 ? `, ${summary.warnings} with a warning` : ''}.
        {summary.payments && ` Cash-App Assist applied ${summary.payments.autoApplied} of the new payments; ${summary.payments.forReview} wait in Unapplied Cash.`}
      </Alert>
      {issues.length > 0 && (
        <>
          <Group justify="space-between">
            <Title order={3}>Rows to look at</Title>
            <Button variant="default" size="xs" onClick={download}>
              Download the reject log
            </Button>
          </Group>
          {result.issuesTruncated && <Text size="sm">The first {issues.length} are shown; import the file with plixo import --reject-log for all of them.</Text>}
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Rejected rows" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {issues.map((issue, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{issue.line}</Table.Td>
                    <Table.Td>{issue.column || 'the row'}</Table.Td>
                    <Table.Td>{issue.value}</Table.Td>
                    <Table.Td>
                      {issue.reason}
                      {issue.outcome === 'warning' ? ' (imported)' : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
