import { Alert, Badge, Button, Code, Group, Paper, ScrollArea, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { PolicyDiff, PolicyOverview, PolicyVersion } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';

// Admin → Policies: which version each segment runs, every version with its status, and a diff
// between any two. A live version is never edited: "New draft" and "Edit" both start a draft (a
// copy), which the editor opens.

export function formatInstant(iso: string | null): string {
  return iso === null ? '–' : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function PoliciesScreen() {
  const organisation = useOrganisation();
  const navigate = useNavigate();
  const overview = useQuery({ queryKey: ['policy', organisation.id], queryFn: () => api<PolicyOverview>('GET', `/api/orgs/${organisation.id}/policy`) });
  const startDraft = useMutation({
    mutationFn: (basedOn: number | null) =>
      api<PolicyVersion>('POST', `/api/orgs/${organisation.id}/policy/versions`, basedOn === null ? {} : { basedOn }, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: (draft) => void navigate(`/orgs/${organisation.id}/policies/${draft.version}`),
  });
  const canEdit = organisation.can('policy.edit');
  const versions = overview.data?.versions ?? [];
  const drafts = versions.filter((version) => version.status === 'draft');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Policies</Title>
        {canEdit && (
          <Button onClick={() => startDraft.mutate(null)} loading={startDraft.isPending}>
            New draft
          </Button>
        )}
      </Group>
      {overview.isError && (
        <Alert color="red" role="alert">
          {overview.error.message}
        </Alert>
      )}
      {startDraft.isError && (
        <Alert color="red" role="alert">
          {startDraft.error.message}
        </Alert>
      )}
      {overview.data?.problem && (
        <Alert color="yellow" role="alert" title="The live policy does not run">
          {overview.data.problem}
        </Alert>
      )}
      {overview.data && (
        <Paper withBorder p="md" component="section" aria-label="What runs now">
          <Title order={3}>What runs now</Title>
          <Table aria-label="Segments and their cadences">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Segment</Table.Th>
                <Table.Th>Cadence</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Mode</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.data.segments.map((segment) => (
                <Table.Tr key={segment.segment}>
                  <Table.Td>{segment.segment}</Table.Td>
                  <Table.Td>{segment.cadence}</Table.Td>
                  <Table.Td>{segment.version}</Table.Td>
                  <Table.Td>{segment.mode === 'autopilot' ? 'Autopilot' : 'Shadow'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {drafts.length > 0 && (
        <Text size="sm">
          {drafts.length === 1 ? 'One draft is' : `${drafts.length} drafts are`} being worked on: {drafts.map((draft) => `version ${draft.version}`).join(', ')}.
        </Text>
      )}
      <ScrollArea>
        <Table aria-label="Policy versions" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Runs for</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...versions].reverse().map((version) => (
              <Table.Tr key={version.version}>
                <Table.Td>{version.version}</Table.Td>
                <Table.Td>
                  {version.status === 'draft' ? <Badge color="yellow">Draft</Badge> : version.live ? <Badge color="green">Live</Badge> : <Badge color="gray">Published</Badge>}
                </Table.Td>
                <Table.Td>{version.live ? 'every other segment' : version.segments.join(', ') || '–'}</Table.Td>
                <Table.Td>
                  {formatInstant(version.createdAt)}
                  {version.createdBy ? ` by ${version.createdBy}` : ''}
                </Table.Td>
                <Table.Td>
                  {version.publishedAt ? `${formatInstant(version.publishedAt)}${version.publishedBy ? ` by ${version.publishedBy}` : ''}` : '–'}
                </Table.Td>
                <Table.Td>{version.note ?? ''}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => void navigate(`/orgs/${organisation.id}/policies/${version.version}`)} aria-label={`Open version ${version.version}`}>
                      Open
                    </Button>
                    {canEdit && version.status === 'published' && (
                      <Button size="xs" variant="subtle" onClick={() => startDraft.mutate(version.version)} aria-label={`Edit a copy of version ${version.version}`}>
                        Edit
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {versions.length > 1 && <VersionDiff orgId={organisation.id} versions={versions.map((version) => version.version)} />}
    </Stack>
  );
}

/** What changed between two versions, file by file. */
export function VersionDiff({ orgId, versions, initial }: { orgId: string; versions: number[]; initial?: { from: number; to: number } }) {
  const sorted = [...versions].sort((a, b) => a - b);
  const [from, setFrom] = useState<string | null>(String(initial?.from ?? sorted.at(-2) ?? sorted[0]));
  const [to, setTo] = useState<string | null>(String(initial?.to ?? sorted.at(-1)));
  const diff = useQuery({
    queryKey: ['policy-diff', orgId, from, to],
    queryFn: () => api<PolicyDiff>('GET', `/api/orgs/${orgId}/policy/diff?from=${from}&to=${to}`),
    enabled: from !== null && to !== null && from !== to,
  });
  const options = sorted.map((version) => ({ value: String(version), label: `Version ${version}` }));
  return (
    <Paper withBorder p="md" component="section" aria-label="Compare versions">
      <Stack gap="xs">
        <Title order={3}>Compare versions</Title>
        <Group>
          <Select label="From" data={options} value={from} onChange={setFrom} allowDeselect={false} />
          <Select label="To" data={options} value={to} onChange={setTo} allowDeselect={false} />
        </Group>
        {from === to && <Text size="sm">Pick two different versions.</Text>}
        {diff.isError && (
          <Alert color="red" role="alert">
            {diff.error.message}
          </Alert>
        )}
        {diff.data && diff.data.files.length === 0 && <Text size="sm">The two versions are the same.</Text>}
        {diff.data?.files.map((file) => (
          <div key={file.path}>
            <Text fw={500} size="sm">
              {file.path} · {file.change} (+{file.added} −{file.removed})
            </Text>
            <Code block aria-label={`Changes to ${file.path}`}>
              {file.patch.split('\n').map((line, index) => (
                <span key={index} style={{ display: 'block', background: line.startsWith('+') ? 'var(--mantine-color-green-light)' : line.startsWith('-') ? 'var(--mantine-color-red-light)' : undefined }}>
                  {line || ' '}
                </span>
              ))}
            </Code>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
