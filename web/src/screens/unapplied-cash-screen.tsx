import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { UnappliedCashPage, UnappliedPayment } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant } from './format-figures.ts';
import { AllocatePaymentModal, type AllocationDone } from './unapplied-cash-allocate.tsx';

// Unapplied Cash: the payments Cash-App Assist did not apply, newest first, 25 at a time. The
// search (payer, reference or memo; amount; currency; dates received) runs on the server, which
// also works out the suggestions for the payments shown. Opening a payment allocates it.

const confidence = (value: number) => `${Math.round(value * 100)} %`;

export function UnappliedCashScreen() {
  const organisation = useOrganisation();
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<string | null>(null);
  const [receivedFrom, setReceivedFrom] = useState('');
  const [receivedTo, setReceivedTo] = useState('');
  const [filters] = useDebouncedValue({ text: text.trim(), amount: amount.trim(), currency, receivedFrom, receivedTo }, 300);
  const [open, setOpen] = useState<UnappliedPayment | null>(null);
  const [done, setDone] = useState<AllocationDone | null>(null);
  const payments = useInfiniteQuery({
    queryKey: ['unapplied-cash', organisation.id, filters],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '25' });
      if (filters.text) query.set('q', filters.text);
      if (filters.amount) query.set('amount', filters.amount);
      if (filters.currency) query.set('currency', filters.currency);
      if (filters.receivedFrom) query.set('receivedFrom', filters.receivedFrom);
      if (filters.receivedTo) query.set('receivedTo', filters.receivedTo);
      if (pageParam) query.set('cursor', pageParam);
      return api<UnappliedCashPage>('GET', `/api/orgs/${organisation.id}/unapplied-cash?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = payments.data?.pages.flatMap((page) => page.items) ?? [];
  const currencies = payments.data?.pages[0]?.currencies ?? [];
  return (
    <Stack>
      <Title order={2}>Unapplied Cash</Title>
      <Text c="dimmed" size="sm">
        Payments Cash-App Assist could not apply with enough confidence. Open one to see its suggestions, split it across invoices and decide what happens to a short-pay.
      </Text>
      <Group align="end" component="form" role="search" aria-label="Search payments" onSubmit={(event) => event.preventDefault()}>
        <TextInput label="Search" placeholder="Payer, reference or memo" value={text} onChange={(event) => setText(event.currentTarget.value)} w={260} />
        <TextInput label="Amount" placeholder="1200.00" value={amount} onChange={(event) => setAmount(event.currentTarget.value)} inputMode="decimal" w={130} />
        <Select label="Currency" placeholder="Any" data={currencies} value={currency} onChange={setCurrency} clearable w={110} />
        <TextInput label="Received from" type="date" value={receivedFrom} onChange={(event) => setReceivedFrom(event.currentTarget.value)} />
        <TextInput label="Received to" type="date" value={receivedTo} onChange={(event) => setReceivedTo(event.currentTarget.value)} />
      </Group>
      {payments.isError && (
        <Alert color="red" role="alert">
          {payments.error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)} title={done.title}>
          {done.lines.map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label="Unapplied payments" highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Th>Payer</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Memo</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Unapplied</Table.Th>
              <Table.Th>Best suggestion</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((payment) => {
              const best = payment.suggestions[0];
              return (
                <Table.Tr key={payment.id}>
                  <Table.Td>{formatInstant(payment.receivedAt)}</Table.Td>
                  <Table.Td>{payment.payerName ?? '–'}</Table.Td>
                  <Table.Td>{payment.sourceId}</Table.Td>
                  <Table.Td maw={240} style={{ overflowWrap: 'anywhere' }}>
                    {payment.memo ?? '–'}
                  </Table.Td>
                  <Table.Td ta="right">{payment.amount.formatted}</Table.Td>
                  <Table.Td ta="right">{payment.unapplied.formatted}</Table.Td>
                  <Table.Td>
                    {best ? (
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{best.lines.map((line) => line.invoiceNumber).join(', ')}</Text>
                        <Badge variant="light" color={best.confidence >= 0.9 ? 'green' : best.confidence >= 0.6 ? 'yellow' : 'gray'}>
                          {confidence(best.confidence)}
                        </Badge>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        none
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => (setDone(null), setOpen(payment))} aria-label={`Allocate payment ${payment.sourceId}`}>
                      Allocate
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {payments.isSuccess && rows.length === 0 && <Text c="dimmed">No unapplied payments match this search.</Text>}
      {payments.hasNextPage && (
        <Button variant="light" loading={payments.isFetchingNextPage} onClick={() => void payments.fetchNextPage()}>
          Show more
        </Button>
      )}
      {open && (
        <AllocatePaymentModal
          payment={open}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            setOpen(null);
            setDone(result);
          }}
        />
      )}
    </Stack>
  );
}
