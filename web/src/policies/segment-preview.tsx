import { Alert, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { SegmentPreview } from '../api/types.ts';
import type { PolicyFile } from './bundle-model.ts';

// What the segment being edited would govern now, computed by the server with the engine's own
// matching over every open invoice (POST …/segments/preview) from the files as they are in the
// editor, saved or not: the count, the most overdue of them, and where filters overlap.

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
const invoicesWord = (n: number) => `${n.toLocaleString('en-US')} open invoice${n === 1 ? '' : 's'}`;

export function SegmentPreviewPanel({ orgId, files, segment }: { orgId: string; files: readonly PolicyFile[]; segment: string }) {
  const [debouncedFiles] = useDebouncedValue(files, 400);
  const request = { files: debouncedFiles, segment, limit: 20 };
  const preview = useQuery({
    queryKey: ['segment-preview', orgId, request],
    queryFn: () => api<SegmentPreview>('POST', `/api/orgs/${orgId}/segments/preview`, request),
    retry: false,
    placeholderData: (previous) => (previous?.segment === segment ? previous : undefined),
  });
  const data = preview.data;
  return (
    <Paper withBorder p="md" component="section" aria-label="Segment preview">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Preview</Title>
          {preview.isFetching && <Loader size="xs" aria-label="Updating the preview" />}
        </Group>
        {preview.isError && (
          <Alert color="red" role="alert" title="No preview while the files have an error">
            {preview.error.message}
          </Alert>
        )}
        {data && (
          <>
            <Text size="sm" role="status">
              {data.segment} would govern {invoicesWord(data.governed)} of {data.openInvoices.toLocaleString('en-US')} now. Its filters match {data.matched.toLocaleString('en-US')}
              {data.matched > data.governed ? `; ${(data.matched - data.governed).toLocaleString('en-US')} of them go to a segment tried before it` : ''}. It is tried {ordinal(data.position)}.
            </Text>
            {data.unmatched > 0 && (
              <Text size="sm" c="orange.8">
                {invoicesWord(data.unmatched)} match no segment and get no outreach.
              </Text>
            )}
            {data.overlaps.length > 0 && <Overlaps overlaps={data.overlaps} segment={data.segment} />}
            <Table aria-label={`Invoices ${data.segment} would govern`} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th ta="right">Balance</Table.Th>
                  <Table.Th ta="right">Days late</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.invoices.map((invoice) => (
                  <Table.Tr key={invoice.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{invoice.number}</Table.Td>
                    <Table.Td>
                      {invoice.customerName} <Text span size="xs" c="dimmed">{invoice.customerId}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{invoice.balance.formatted}</Table.Td>
                    <Table.Td ta="right">{invoice.daysPastDue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              {data.governed === 0
                ? 'No open invoice would be in this segment now.'
                : `${data.invoices.length < data.governed ? `The first ${data.invoices.length} of ${data.governed.toLocaleString('en-US')}` : 'All of them'}, most days late first. Balances are after the payments and credits recorded; days late count at each customer’s local date.`}
            </Text>
          </>
        )}
        {!data && !preview.isError && <Text size="sm">Counting the open invoices…</Text>}
      </Stack>
    </Paper>
  );
}

function Overlaps({ overlaps, segment }: { overlaps: SegmentPreview['overlaps']; segment: string }) {
  const mine = overlaps.filter((overlap) => overlap.segments.includes(segment));
  return (
    <Alert color="yellow" title="Filters overlap">
      <Stack gap="xs">
        <Text size="sm">
          An invoice goes to the first segment whose filters all hold; the other segments never see it.
          {mine.length === 0 ? ` None of these involve ${segment}.` : ''}
        </Text>
        <Table aria-label="Overlapping segments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Segments matching the same invoices</Table.Th>
              <Table.Th ta="right">Invoices</Table.Th>
              <Table.Th>Governed by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overlaps.map((overlap) => (
              <Table.Tr key={overlap.segments.join(' ')} fw={overlap.segments.includes(segment) ? 600 : undefined}>
                <Table.Td>{overlap.segments.join(', ')}</Table.Td>
                <Table.Td ta="right">{overlap.invoices.toLocaleString('en-US')}</Table.Td>
                <Table.Td>{overlap.winner}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  );
}
