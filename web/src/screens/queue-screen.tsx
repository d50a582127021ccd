import { Alert, Anchor, Badge, Button, Code, Grid, Group, List, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { DraftDetail, OutboxMessage, QueueEntry, QueuePage } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { InspectorActions } from './queue-actions.tsx';
import { InvoiceDisputes } from './invoice-disputes.tsx';
import { InvoicePayerLink } from './invoice-payer-link.tsx';
import { InvoiceStanding, InvoiceTimelineList, timelineQueryKey, useInvoiceTimeline } from './queue-timeline.tsx';
import { describeMove } from '../../../src/core/planning/move-reason-words.ts';

// The collections queue: open invoices in the order to work them, today's focus first, each with
// the reasons for its place; the inspector shows the selected one's next planned action and why it
// waits, the draft waiting for review, its promise, pause, disputes and waiting tasks, its
// timeline, and the actions the role permits (promise, note, pause, dispute, suppression). J and K
// move the selection; S approves the draft shown, which then goes out at the first instant the
// customer's guardrails allow.

/** Keys do nothing while a person types in a field or works in a dialog. */
function isBusyTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null);
}

/** The queue's balance (a decimal string in its currency) for a person; the timeline's own formatting is preferred. */
function formatBalance(value: string, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(value));
}

function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function QueueScreen() {
  const { orgId } = useParams();
  // ?customer= narrows the queue to one customer's invoices, as the inspector's link does.
  const [searchParams, setSearchParams] = useSearchParams();
  const customerId = searchParams.get('customer');
  const queue = useInfiniteQuery({
    queryKey: ['queue', orgId, customerId],
    queryFn: ({ pageParam }) =>
      api<QueuePage>('GET', `/api/orgs/${orgId}/queue?limit=50${customerId ? `&customerId=${encodeURIComponent(customerId)}` : ''}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [customerId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isBusyTarget(event.target)) return;
      if (event.key === 'j') setSelected((index) => Math.min(index + 1, Math.max(entries.length - 1, 0)));
      if (event.key === 'k') setSelected((index) => Math.max(index - 1, 0));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entries.length]);

  const current: QueueEntry | undefined = entries[selected];
  const refreshedAt = queue.data?.pages[0]?.refreshedAt ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Collections queue</Title>
        <Text size="sm" c="dimmed">
          {refreshedAt ? `Scored ${formatInstant(refreshedAt)}` : 'Not scored yet: the worker scores the queue after planning'} · J/K to move, S to send the draft
        </Text>
      </Group>
      {customerId && (
        <Group gap="xs" role="group" aria-label="Filter">
          <Badge variant="light">Customer: {entries[0]?.customerName ?? customerId}</Badge>
          <Button size="compact-sm" variant="subtle" onClick={() => setSearchParams({})}>
            Show every customer
          </Button>
        </Group>
      )}
      {queue.isError && (
        <Text role="alert" c="red">
          {queue.error.message}
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ScrollArea.Autosize mah="calc(100vh - 160px)">
            <Table highlightOnHover aria-label="Collections queue" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th ta="right">Balance</Table.Th>
                  <Table.Th ta="right">Days late</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry, index) => (
                  <Table.Tr
                    key={entry.invoiceId}
                    aria-selected={index === selected}
                    onClick={() => setSelected(index)}
                    bg={index === selected ? 'var(--mantine-color-blue-light)' : undefined}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      {entry.rank} {entry.focus && <Badge size="xs">focus</Badge>}
                    </Table.Td>
                    <Table.Td>{entry.invoiceNumber}</Table.Td>
                    <Table.Td>{entry.customerName}</Table.Td>
                    <Table.Td ta="right">
                      {entry.balance.value} {entry.balance.currency}
                    </Table.Td>
                    <Table.Td ta="right">{entry.daysPastDue}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {queue.hasNextPage && (
              <Button variant="light" fullWidth mt="sm" loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
                Show more
              </Button>
            )}
          </ScrollArea.Autosize>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{current && <Inspector entry={current} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}

function Inspector({ entry }: { entry: QueueEntry }) {
  const organisation = useOrganisation();
  const timeline = useInvoiceTimeline(organisation.id, entry.invoiceId);
  const next = entry.next;
  return (
    <Paper withBorder p="md" component="section" aria-label="Inspector">
      <Stack gap="xs">
        <Title order={3}>
          {entry.invoiceNumber} · {entry.customerName}
        </Title>
        <Anchor component={Link} to={`?customer=${encodeURIComponent(entry.customerId)}`} size="sm">
          Every open invoice of {entry.customerName}
        </Anchor>
        <Text>
          {timeline.data?.invoice.balance.formatted ?? formatBalance(entry.balance.value, entry.balance.currency)} open, {entry.daysPastDue} days past due · score {entry.score}
        </Text>
        <Title order={4}>Why it is here</Title>
        <List size="sm">
          {entry.reasons.map((reason) => (
            <List.Item key={reason.code}>
              {reason.text} (+{reason.points})
            </List.Item>
          ))}
        </List>
        <Title order={4}>Next</Title>
        {next?.at ? (
          <Text size="sm">
            {next.type === 'draft' ? 'A draft for review' : next.type === 'send' ? 'Sends' : (next.type ?? 'Action')} {next.step ? `(${next.step})` : ''} on {formatInstant(next.at)}
            {next.moves && next.moves.length > 0 ? `, waiting for ${next.moves.map(describeMove).join(', ')}` : ''}
            {next.segment ? ` · segment ${next.segment}` : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Nothing planned in the next 30 days.
          </Text>
        )}
        <InspectorActions key={entry.invoiceId} entry={entry} timeline={timeline.data} />
        {timeline.isError && (
          <Alert color="red" role="alert">
            {timeline.error.message}
          </Alert>
        )}
        {timeline.data && <InvoiceStanding timeline={timeline.data} />}
        <InvoiceDisputes invoiceId={entry.invoiceId} />
        <InvoicePayerLink invoiceId={entry.invoiceId} invoiceNumber={entry.invoiceNumber} />
        <DraftPanel entry={entry} />
        {timeline.data && <InvoiceTimelineList timeline={timeline.data} />}
      </Stack>
    </Paper>
  );
}

/** The draft for review on this invoice: its text, and Send (S) for those who review drafts. */
function DraftPanel({ entry }: { entry: QueueEntry }) {
  const organisation = useOrganisation();
  const client = useQueryClient();
  const canReview = organisation.can('drafts.review');
  const drafts = useQuery({
    queryKey: ['drafts', organisation.id, entry.customerId],
    queryFn: () => api<{ items: OutboxMessage[] }>('GET', `/api/orgs/${organisation.id}/outbox?status=draft&customerId=${encodeURIComponent(entry.customerId)}&limit=20`),
  });
  const draft = drafts.data?.items.find((message) => message.invoiceIds.includes(entry.invoiceId));
  const detail = useQuery({
    queryKey: ['draft', organisation.id, draft?.id],
    queryFn: () => api<DraftDetail>('GET', `/api/orgs/${organisation.id}/drafts/${draft!.id}`),
    enabled: draft !== undefined && canReview,
  });
  const approve = useMutation({
    mutationFn: (id: number) => api<OutboxMessage>('POST', `/api/orgs/${organisation.id}/drafts/${id}/approve`, {}, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['drafts', organisation.id, entry.customerId] });
      void client.invalidateQueries({ queryKey: timelineQueryKey(organisation.id, entry.invoiceId) });
    },
  });
  useEffect(() => {
    if (!draft || !canReview) return;
    const onKey = (event: KeyboardEvent) => {
      if (isBusyTarget(event.target)) return;
      if (event.key === 's' && !event.ctrlKey && !event.metaKey && !approve.isPending) approve.mutate(draft.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, canReview, approve]);

  const sent = approve.data;
  return (
    <section aria-label="Draft">
      <Title order={4}>Draft</Title>
      {sent && (
        <Alert color="green" role="status">
          Approved: it goes out {formatInstant(sent.notBefore)} or at the first moment the customer’s guardrails allow.
        </Alert>
      )}
      {approve.isError && (
        <Alert color="red" role="alert">
          {approve.error.message}
        </Alert>
      )}
      {!draft && !sent && (
        <Text size="sm" c="dimmed">
          No draft waits for review on this invoice.
        </Text>
      )}
      {draft && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {draft.subject ?? '(no subject)'}
          </Text>
          <Text size="sm">To {draft.to.join(', ')}</Text>
          {detail.data?.text && (
            <Code block aria-label="Draft text" mah={200} style={{ overflow: 'auto' }}>
              {detail.data.text}
            </Code>
          )}
          {canReview && (
            <Group>
              <Button onClick={() => approve.mutate(draft.id)} loading={approve.isPending}>
                Send (S)
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
