import { Alert, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/client.ts';
import type { Dashboard, DashboardReceivables } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant, formatMajor, formatMinor, formatShare, toMajor } from './format-figures.ts';

// The dashboard: A/R per currency with its aging (bars), the monthly DSO (a line per currency),
// cadence coverage and promise adherence. Each chart has a table of the same numbers: visible for
// aging, visually hidden for DSO, so a screen reader reads what the chart draws.

const bucketLabels = { current: 'Current', '1-30': '1–30 days', '31-60': '31–60 days', '61-90': '61–90 days', '90+': '90+ days' } as const;
const lineColors = ['#1f6feb', '#d9480f', '#2b8a3e', '#862e9c', '#e67700'];

export function DashboardScreen() {
  const organisation = useOrganisation();
  const dashboard = useQuery({ queryKey: ['dashboard', organisation.id], queryFn: () => api<Dashboard>('GET', `/api/orgs/${organisation.id}/dashboard`) });
  const data = dashboard.data;
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      {dashboard.isError && <Alert color="red" role="alert">{dashboard.error.message}</Alert>}
      {data && (
        <>
          <Text size="sm" c="dimmed">
            As of {data.asOfOn} ({data.timeZone}). Amounts are per currency, never added across currencies.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {data.receivables.map((entry) => (
              <Figure key={entry.currency} label={`A/R total, ${entry.currency}`} value={formatMinor(entry.totalMinor, entry.currency)} note={`${entry.openInvoices} open invoices`} />
            ))}
            <Figure
              label="Cadence coverage"
              value={formatShare(data.coverage.share)}
              note={data.coverage.scoredAt ? `${data.coverage.coveredInvoices} of ${data.coverage.openInvoices} open invoices` : 'the queue has not been scored yet'}
            />
            <Figure
              label="Promise adherence"
              value={formatShare(data.promises.adherence)}
              note={`${data.promises.kept} kept, ${data.promises.missed} missed, ${data.promises.open} still open`}
            />
          </SimpleGrid>
          {data.receivables.length === 0 && <Text>No open invoice.</Text>}
          {data.receivables.map((entry) => (
            <AgingCard key={entry.currency} entry={entry} />
          ))}
          <DsoCard dso={data.dso} />
          {data.coverage.scoredAt && (
            <Text size="xs" c="dimmed">
              Coverage from the collections queue scored {formatInstant(data.coverage.scoredAt)}.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <Paper withBorder p="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="xs">{note}</Text>
    </Paper>
  );
}

function AgingCard({ entry }: { entry: DashboardReceivables }) {
  const rows = entry.buckets.map((bucket) => ({ name: bucketLabels[bucket.bucket], balance: toMajor(bucket.balanceMinor, entry.currency), ...bucket }));
  return (
    <Paper withBorder p="md" component="section" aria-label={`Aging, ${entry.currency}`}>
      <Title order={3} mb="xs">
        Aging, {entry.currency}
      </Title>
      <Group align="flex-start" grow wrap="wrap">
        <div aria-hidden="true" style={{ minWidth: 280, height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" fontSize={12} />
              <YAxis fontSize={12} />
              <Tooltip formatter={(value) => formatMajor(Number(value), entry.currency)} />
              <Bar dataKey="balance" name="Open balance" fill="#1f6feb" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <Table aria-label={`Aging buckets, ${entry.currency}`} style={{ minWidth: 260 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Days past due</Table.Th>
              <Table.Th>Invoices</Table.Th>
              <Table.Th>Open balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.buckets.map((bucket) => (
              <Table.Tr key={bucket.bucket}>
                <Table.Td>{bucketLabels[bucket.bucket]}</Table.Td>
                <Table.Td>{bucket.invoices}</Table.Td>
                <Table.Td>{formatMinor(bucket.balanceMinor, entry.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Group>
    </Paper>
  );
}

function DsoCard({ dso }: { dso: Dashboard['dso'] }) {
  const currencies = [...new Set(dso.flatMap((point) => point.values.map((value) => value.currency)))];
  const rows = dso.map((point) => ({ month: point.partial ? `${point.month} (so far)` : point.month, ...Object.fromEntries(point.values.map((value) => [value.currency, value.dsoDays])) }));
  return (
    <Paper withBorder p="md" component="section" aria-label="DSO trend">
      <Title order={3}>DSO by month</Title>
      <Text size="sm" c="dimmed" mb="xs">
        Days sales outstanding: the A/R open at each month’s end ÷ what was invoiced in the three months up to it × the days of those months.
      </Text>
      {currencies.length === 0 ? (
        <Text>No invoices in the last months.</Text>
      ) : (
        <>
          <div aria-hidden="true" style={{ width: '100%', height: 260 }}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" fontSize={12} />
                <YAxis fontSize={12} unit=" d" />
                <Tooltip />
                <Legend />
                {currencies.map((currency, index) => (
                  <Line key={currency} type="monotone" dataKey={currency} name={`DSO ${currency}`} stroke={lineColors[index % lineColors.length]} connectNulls isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <VisuallyHidden>
            <Table aria-label="DSO by month">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Month</Table.Th>
                  {currencies.map((currency) => (
                    <Table.Th key={currency}>DSO {currency} (days)</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dso.map((point) => (
                  <Table.Tr key={point.month}>
                    <Table.Td>{point.partial ? `${point.month}, so far` : point.month}</Table.Td>
                    {currencies.map((currency) => {
                      const value = point.values.find((entry) => entry.currency === currency);
                      return <Table.Td key={currency}>{value?.dsoDays ?? 'nothing invoiced'}</Table.Td>;
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
