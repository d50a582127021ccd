import { Alert, Autocomplete, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import type { AuditPage, MemberView } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { AuditEntryDetail } from './audit-entry-detail.tsx';
import { formatInstant } from './format-instant.ts';
import { roleNames } from '../session/role-names.ts';

// The organisation's audit log: the hash-chained trail of every change, newest first, filtered
// by person, action (or a family such as `invitation.`) and time, a page at a time; the exports
// carry each entry's hashes so the chain can be checked outside Plixo.

const pageSize = 50;

interface Filters {
  actor: string;
  action: string;
  /** Values of datetime-local inputs, in the browser's zone; '' for none. */
  from: string;
  to: string;
}

function filterParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.action) params.set('action', filters.action);
  const from = filters.from ? new Date(filters.from) : null;
  const to = filters.to ? new Date(filters.to) : null;
  if (from && !Number.isNaN(from.getTime())) params.set('since', from.toISOString());
  // The API's `until` is exclusive; "to 10:15" includes the entries of 10:15.
  if (to && !Number.isNaN(to.getTime())) params.set('until', new Date(to.getTime() + 60_000).toISOString());
  return params;
}

function roleName(role: string): string {
  return role in roleNames ? roleNames[role as keyof typeof roleNames] : role;
}

export function AuditScreen() {
  const organisation = useOrganisation();
  const [typed, setTyped] = useState<Filters>({ actor: '', action: '', from: '', to: '' });
  const [actor] = useDebouncedValue(typed.actor.trim(), 400);
  const [action] = useDebouncedValue(typed.action.trim(), 400);
  const params = filterParams({ actor, action, from: typed.from, to: typed.to });
  const query = params.toString();
  const audit = useInfiniteQuery({
    queryKey: ['audit', organisation.id, query],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(params);
      page.set('limit', String(pageSize));
      if (pageParam) page.set('cursor', pageParam);
      return api<AuditPage>('GET', `/api/orgs/${organisation.id}/audit?${page.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const members = useQuery({
    queryKey: ['members', organisation.id],
    queryFn: () => api<{ items: MemberView[] }>('GET', `/api/orgs/${organisation.id}/members`),
    enabled: organisation.can('users.manage'),
  });
  const entries = useMemo(() => audit.data?.pages.flatMap((page) => page.items) ?? [], [audit.data]);
  const people = useMemo(() => [...new Set([...(members.data?.items.map((member) => member.email) ?? []), ...entries.map((entry) => entry.actor)])].sort(), [members.data, entries]);
  const actions = useMemo(() => [...new Set(entries.flatMap((entry) => [entry.action, `${entry.action.split('.')[0]}.`]))].sort(), [entries]);
  const set = (field: keyof Filters) => (value: string) => setTyped((current) => ({ ...current, [field]: value }));
  const exportHref = (format: 'csv' | 'json') => `/api/orgs/${organisation.id}/audit/export?${new URLSearchParams([['format', format], ...params]).toString()}`;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Audit log</Title>
        <Group gap="xs">
          <Button component="a" href={exportHref('csv')} download variant="light">
            Export CSV
          </Button>
          <Button component="a" href={exportHref('json')} download variant="light">
            Export JSON
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Every change in {organisation.name}, newest first. Each entry is chained to the one before it by a hash, so none can be changed or removed unnoticed; the exports carry the hashes,
        oldest first, and apply the same filters. Times are in your browser’s zone.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} component="form" aria-label="Filter the audit log" onSubmit={(event) => event.preventDefault()}>
        <Autocomplete label="Person" description="An email, or token:name for a program" data={people} value={typed.actor} onChange={set('actor')} />
        <Autocomplete label="Action" description="Such as member.join, or a family: invitation." data={actions} value={typed.action} onChange={set('action')} />
        <TextInput label="From" description="Entries at or after" type="datetime-local" value={typed.from} onChange={(event) => set('from')(event.currentTarget.value)} />
        <TextInput label="To" description="Entries up to and including" type="datetime-local" value={typed.to} onChange={(event) => set('to')(event.currentTarget.value)} />
      </SimpleGrid>
      {audit.isError && (
        <Alert color="red" role="alert">
          {audit.error.message}
        </Alert>
      )}
      {audit.isPending && <Loader aria-label="Loading the audit log" />}
      {audit.data && entries.length === 0 && <Text c="dimmed">No entry matches these filters.</Text>}
      <Stack component="ol" aria-label="Audit log entries" role="list" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {entries.map((entry) => (
          <Paper key={entry.id} component="li" withBorder p="sm" aria-label={`${entry.action} ${entry.subject}`}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs" wrap="wrap">
                  <Badge variant="light" tt="none">
                    {entry.action}
                  </Badge>
                  <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {entry.subject}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  <time dateTime={entry.at}>{formatInstant(entry.at)}</time> · #{entry.id}
                </Text>
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                by {entry.actor}
                {typeof entry.detail.role === 'string' ? ` (${roleName(entry.detail.role)})` : ''}
              </Text>
              <AuditEntryDetail id={entry.id} detail={entry.detail} />
            </Stack>
          </Paper>
        ))}
      </Stack>
      {audit.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
