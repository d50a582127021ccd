import { Alert, Badge, Button, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { PolicyOverview, SimulatedAction, Simulation } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { describeMove } from '../../../src/core/planning/move-reason-words.ts';

// The simulator: pick a segment or a customer and a date range, and see the timeline the engine
// would produce with today's invoices and events, under the live policy or any version (a draft
// too), with the reason for each move. Nothing is recorded or sent.

const typeWords: Record<string, string> = { send: 'Email', draft: 'Draft for review', task: 'Task', escalate: 'Escalation', skip: 'Skipped' };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function formatAt(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function SimulatorScreen() {
  const organisation = useOrganisation();
  const overview = useQuery({ queryKey: ['policy', organisation.id], queryFn: () => api<PolicyOverview>('GET', `/api/orgs/${organisation.id}/policy`) });
  const [scope, setScope] = useState<'segment' | 'customer'>('segment');
  const [segment, setSegment] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState('');
  const [version, setVersion] = useState<string | null>(null);
  const [from, setFrom] = useState(day(0));
  const [to, setTo] = useState(day(30));
  const run = useMutation({
    mutationFn: () =>
      api<Simulation>('POST', `/api/orgs/${organisation.id}/simulate`, {
        from: `${from}T00:00:00Z`,
        to: `${to}T00:00:00Z`,
        ...(scope === 'segment' && segment ? { segment } : {}),
        ...(scope === 'customer' && customerId.trim() ? { customerId: customerId.trim() } : {}),
        ...(version ? { version: Number(version) } : {}),
      }),
  });
  const segments = overview.data?.segments.map((entry) => entry.segment) ?? [];
  const versions = overview.data?.versions ?? [];
  const actions = run.data?.actions ?? [];
  const moved = actions.filter((action) => action.moves.length > 0);
  return (
    <Stack>
      <Title order={2}>Simulator</Title>
      <Text size="sm" c="dimmed">
        What the engine would do over a range, with the invoices and events as they are now. Nothing is recorded or sent. Times are in your browser’s time zone; each customer’s messages are placed in theirs.
      </Text>
      <Paper withBorder p="md" component="form" aria-label="What to simulate" onSubmit={(event) => (event.preventDefault(), run.mutate())}>
        <Group align="end">
          <SegmentedControl
            aria-label="Simulate for"
            data={[
              { value: 'segment', label: 'A segment' },
              { value: 'customer', label: 'A customer' },
            ]}
            value={scope}
            onChange={(value) => setScope(value as 'segment' | 'customer')}
          />
          {scope === 'segment' ? (
            <Select label="Segment" data={segments} value={segment} onChange={setSegment} placeholder="Choose a segment" w={200} />
          ) : (
            <TextInput label="Customer id" value={customerId} onChange={(event) => setCustomerId(event.currentTarget.value)} w={200} />
          )}
          <TextInput label="From" type="date" value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
          <TextInput label="To" type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
          <Select
            label="Policy"
            data={[{ value: '', label: 'The live policy' }, ...versions.map((entry) => ({ value: String(entry.version), label: `Version ${entry.version}${entry.status === 'draft' ? ' (draft)' : ''}` }))]}
            value={version ?? ''}
            onChange={(value) => setVersion(value || null)}
            allowDeselect={false}
            w={200}
          />
          <Button type="submit" loading={run.isPending} disabled={scope === 'segment' ? !segment : !customerId.trim()}>
            Simulate
          </Button>
        </Group>
      </Paper>
      {run.isError && (
        <Alert color="red" role="alert">
          {run.error.message}
        </Alert>
      )}
      {run.data && (
        <>
          <Text role="status">
            {actions.length} action{actions.length === 1 ? '' : 's'}
            {run.data.truncated ? ' (the first ones only: narrow the range or pick a customer)' : ''}; {moved.length} moved by the guardrails.
          </Text>
          <ScrollArea>
            <Table aria-label="Simulated timeline" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Invoices and steps</Table.Th>
                  <Table.Th>Segment</Table.Th>
                  <Table.Th>Planned for</Table.Th>
                  <Table.Th>Why it moved or why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {actions.map((action, index) => (
                  <ActionRow key={index} action={action} />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}

function ActionRow({ action }: { action: SimulatedAction }) {
  const steps = action.steps.length > 0 ? action.steps.map((step) => `${step.invoice} ${step.step}`).join(', ') : action.invoices.join(', ');
  return (
    <Table.Tr>
      <Table.Td>{formatAt(action.at)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={action.type === 'skip' ? 'gray' : action.type === 'escalate' ? 'red' : action.type === 'task' ? 'orange' : 'blue'}>
          {typeWords[action.type] ?? action.type}
        </Badge>
      </Table.Td>
      <Table.Td>{action.customer}</Table.Td>
      <Table.Td>
        {steps}
        {action.template ? ` · ${action.template}` : ''}
      </Table.Td>
      <Table.Td>{action.segment ?? '–'}</Table.Td>
      <Table.Td>{action.plannedAt && action.plannedAt !== action.at ? formatAt(action.plannedAt) : '–'}</Table.Td>
      <Table.Td>{action.moves.length > 0 ? action.moves.map(describeMove).join(', then ') : (action.reason?.replace(/_/g, ' ') ?? '')}</Table.Td>
    </Table.Tr>
  );
}
