import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { ApiAnswer } from '../api/types.ts';
import { InvoiceDetailDrawer } from './invoice-detail.tsx';

// Every invoice of the organisation, a page of 50 at a time in invoice-id order, open ones by
// default. The status and customer filters live in the address (?status=closed&customer=c1), so a
// filtered list can be shared; a customer opens their invoices in the collections queue, an
// invoice its detail (?invoice=INV-1): disputes with their files, payer link, timeline.

type InvoicePage = ApiAnswer<'/api/orgs/{orgId}/invoices'>;
type Status = 'open' | 'closed' | 'all';

export function InvoicesScreen() {
  const { orgId } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = (searchParams.get('status') ?? 'open') as Status;
  const customer = searchParams.get('customer') ?? '';
  const opened = searchParams.get('invoice');
  const [customerTyped] = useDebouncedValue(customer.trim(), 300);
  const setFilter = (key: 'status' | 'customer' | 'invoice', value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '' || (key === 'status' && value === 'open')) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const invoices = useInfiniteQuery({
    queryKey: ['invoices', orgId, status, customerTyped],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '50' });
      if (status !== 'all') query.set('status', status);
      if (customerTyped) query.set('customerId', customerTyped);
      if (pageParam) query.set('cursor', pageParam);
      return api<InvoicePage>('GET', `/api/orgs/${orgId}/invoices?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={2}>Invoices</Title>
      <Group align="end">
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setFilter('status', value)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Paid or closed' },
            { value: 'all', label: 'All' },
          ]}
        />
        <TextInput label="Customer id" placeholder="every customer" value={customer} onChange={(event) => setFilter('customer', event.currentTarget.value)} />
      </Group>
      {invoices.isError && (
        <Text role="alert" c="red">
          {invoices.error.message}
        </Text>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Invoices" highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Invoice</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Issued</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Balance</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setFilter('invoice', invoice.id)} aria-label={`Open invoice ${invoice.number}`}>
                    {invoice.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`../queue?customer=${encodeURIComponent(invoice.customerId)}`} relative="path" aria-label={`Open the queue of customer ${invoice.customerId}`}>
                    {invoice.customerId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{invoice.issuedOn}</Table.Td>
                <Table.Td>{invoice.dueOn}</Table.Td>
                <Table.Td ta="right">{invoice.amount.formatted}</Table.Td>
                <Table.Td ta="right">{invoice.balance.formatted}</Table.Td>
                <Table.Td>{invoice.status === 'open' ? <Badge variant="light">open</Badge> : <Badge color="gray">closed</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {invoices.isSuccess && rows.length === 0 && <Text c="dimmed">No invoices match these filters.</Text>}
      {invoices.hasNextPage && (
        <Button variant="light" loading={invoices.isFetchingNextPage} onClick={() => void invoices.fetchNextPage()}>
          Show more
        </Button>
      )}
      {opened && <InvoiceDetailDrawer invoiceId={opened} onClose={() => setFilter('invoice', '')} />}
    </Stack>
  );
}
