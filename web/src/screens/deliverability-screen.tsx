import { Alert, Badge, Button, FileInput, Group, List, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api/client.ts';
import type { SendingDomain, SendingDomains, SuppressionEntry, SuppressionImport, SuppressionPage } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant, formatShare } from './format-figures.ts';

// Deliverability: each sending domain's DNS checks, warm-up, bounce and complaint rates against
// the thresholds, with pause and resume (operations.manage); the suppression list with search,
// pages, removal and a CSV bulk import previewed before it runs (suppressions.manage).

const resultColor = { pass: 'green', warn: 'yellow', fail: 'red' } as const;
const errorText = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

export function DeliverabilityScreen() {
  const organisation = useOrganisation();
  const domains = useQuery({ queryKey: ['sending-domains', organisation.id], queryFn: () => api<SendingDomains>('GET', `/api/orgs/${organisation.id}/sending-domains`) });
  const [changing, setChanging] = useState<SendingDomain | null>(null);
  return (
    <Stack>
      <Title order={2}>Deliverability</Title>
      {domains.isError && <Alert color="red" role="alert">{domains.error.message}</Alert>}
      {domains.data && domains.data.items.length === 0 && <Text>The live policy names no sending domain.</Text>}
      {domains.data?.items.map((domain) => (
        <DomainCard key={domain.domain} domain={domain} thresholds={domains.data.thresholds} canChange={organisation.can('operations.manage')} onChange={() => setChanging(domain)} />
      ))}
      {changing && <DomainModal orgId={organisation.id} domain={changing} onClose={() => setChanging(null)} />}
      {organisation.can('suppressions.manage') && (
        <>
          <SuppressionList orgId={organisation.id} />
          <SuppressionImporter orgId={organisation.id} />
        </>
      )}
    </Stack>
  );
}

function DomainCard({ domain, thresholds, canChange, onChange }: { domain: SendingDomain; thresholds: SendingDomains['thresholds']; canChange: boolean; onChange: () => void }) {
  const warmup = domain.warmup;
  return (
    <Paper withBorder p="md" component="section" aria-label={`Domain ${domain.domain}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>{domain.domain}</Title>
          <Group gap="xs">
            <Badge color={domain.status ? resultColor[domain.status] : 'gray'}>{domain.status ? `DNS ${domain.status}` : 'DNS not checked'}</Badge>
            <Badge color={domain.paused ? 'red' : 'green'}>{domain.paused ? 'Paused' : 'Sending'}</Badge>
          </Group>
        </Group>
        {domain.paused && (
          <Text size="sm">
            Paused {formatInstant(domain.pausedAt)}: {domain.pausedReason}
          </Text>
        )}
        {!domain.inPolicy && <Text size="sm">No longer in the live policy; kept while it has a state.</Text>}
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={`DNS records of ${domain.domain}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Finding</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['spf', 'dkim', 'dmarc'] as const).map((name) => {
                const record = domain.dns[name];
                return (
                  <Table.Tr key={name}>
                    <Table.Td>{name.toUpperCase()}</Table.Td>
                    <Table.Td>
                      <Badge color={record.result ? resultColor[record.result] : 'gray'}>{record.result ?? 'not checked'}</Badge>
                    </Table.Td>
                    <Table.Td>{record.message ?? '–'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          Last checked {formatInstant(domain.lastCheckedAt)}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Text size="xs" c="dimmed">
              Warm-up
            </Text>
            <Text fw={600}>
              {warmup === null
                ? 'Not warming up'
                : warmup.day < 1
                  ? `Starts ${warmup.startOn}`
                  : warmup.day > warmup.rampDays
                    ? `Done (day ${warmup.day}, no cap)`
                    : `Day ${warmup.day} of ${warmup.rampDays}`}
            </Text>
            {warmup && <Text size="sm">{warmup.allowanceToday === null ? `${warmup.sentToday} sent today, no cap` : `${warmup.sentToday} of ${warmup.allowanceToday} sent today`}</Text>}
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Bounce rate (last {domain.health.sends} sends)
            </Text>
            <Text fw={600} c={domain.health.bounceRate >= thresholds.bounceRateTarget && domain.health.bounces > 0 ? 'red' : undefined}>
              {formatShare(domain.health.bounceRate)} ({domain.health.bounces})
            </Text>
            <Text size="sm">
              Target under {formatShare(thresholds.bounceRateTarget)}; pauses past {thresholds.pauseAfterBounces} bounces in the last {thresholds.window}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Complaint rate
            </Text>
            <Text fw={600} c={domain.health.complaintRate >= thresholds.complaintRateTarget && domain.health.complaints > 0 ? 'red' : undefined}>
              {formatShare(domain.health.complaintRate)} ({domain.health.complaints})
            </Text>
            <Text size="sm">Target under {formatShare(thresholds.complaintRateTarget)}</Text>
          </div>
        </SimpleGrid>
        {canChange && (
          <Group>
            <Button variant="light" color={domain.paused ? 'green' : 'red'} onClick={onChange}>
              {domain.paused ? `Resume ${domain.domain}` : `Pause ${domain.domain}`}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function DomainModal({ orgId, domain, onClose }: { orgId: string; domain: SendingDomain; onClose: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const action = domain.paused ? 'resume' : 'pause';
  const change = useMutation({
    mutationFn: () => api('POST', `/api/orgs/${orgId}/sending-domains/${encodeURIComponent(domain.domain)}/${action}`, action === 'pause' || reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['sending-domains', orgId] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={domain.paused ? `Resume ${domain.domain}` : `Pause ${domain.domain}`}>
      <Stack>
        <Text size="sm">{domain.paused ? 'Its queued messages go out from the next claim.' : 'Its messages stay queued; nothing more is sent from it until it is resumed.'}</Text>
        <Textarea label="Reason" description={domain.paused ? 'Kept in the audit trail' : 'Required; kept in the audit trail'} value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
        {change.error && <Alert color="red" role="alert">{errorText(change.error, 'The change failed; try again.')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => change.mutate()} loading={change.isPending} disabled={!domain.paused && reason.trim() === ''}>
            {domain.paused ? 'Resume' : 'Pause'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SuppressionList({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // The cursors of the pages before this one, so "Previous page" goes back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const [removing, setRemoving] = useState<SuppressionEntry | null>(null);
  const page = useQuery({
    queryKey: ['suppressions', orgId, debounced, cursor],
    queryFn: () => {
      const query = new URLSearchParams({ limit: '25', ...(debounced.trim() ? { search: debounced.trim() } : {}), ...(cursor ? { cursor } : {}) });
      return api<SuppressionPage>('GET', `/api/orgs/${orgId}/suppressions/search?${query}`);
    },
  });
  const remove = useMutation({
    mutationFn: (email: string) => api('DELETE', `/api/orgs/${orgId}/suppressions/${encodeURIComponent(email)}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['suppressions', orgId] });
      setRemoving(null);
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-label="Suppression list">
      <Stack gap="xs">
        <Title order={3}>Suppression list</Title>
        <TextInput
          label="Search addresses"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setCursors([null]);
          }}
        />
        {page.isError && <Alert color="red" role="alert">{page.error.message}</Alert>}
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Suppressed addresses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Address</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Until</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Remove</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data?.items.map((entry) => (
                <Table.Tr key={entry.email}>
                  <Table.Td>{entry.email}</Table.Td>
                  <Table.Td>{entry.reason.replace('_', ' ')}</Table.Td>
                  <Table.Td>{entry.untilAt ? formatInstant(entry.untilAt) : 'until removed'}</Table.Td>
                  <Table.Td>{entry.note ?? ''}</Table.Td>
                  <Table.Td>{formatInstant(entry.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(entry)}>
                      Remove {entry.email}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {page.data?.items.length === 0 && <Text size="sm">{debounced ? 'No suppressed address matches.' : 'No address is suppressed.'}</Text>}
        <Group>
          <Button variant="default" disabled={cursors.length < 2} onClick={() => setCursors((list) => list.slice(0, -1))}>
            Previous page
          </Button>
          <Button variant="default" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((list) => [...list, page.data.nextCursor])}>
            Next page
          </Button>
        </Group>
      </Stack>
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={`Remove ${removing.email} from the suppression list`}>
          <Stack>
            <Text size="sm">Plixo will write to this address again. The removal is kept in the audit trail.</Text>
            {remove.error && <Alert color="red" role="alert">{errorText(remove.error, 'The removal failed; try again.')}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
              <Button color="red" onClick={() => remove.mutate(removing.email)} loading={remove.isPending}>
                Remove
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}

function SuppressionImporter({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<SuppressionImport | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const previewing = useMutation({
    mutationFn: () => api<SuppressionImport>('POST', `/api/orgs/${orgId}/suppressions/import`, { csv, dryRun: true }),
    onSuccess: (answer) => {
      setPreview(answer);
      setDone(null);
    },
  });
  const importing = useMutation({
    mutationFn: () => api<SuppressionImport>('POST', `/api/orgs/${orgId}/suppressions/import`, { csv }, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: async (answer) => {
      setDone(`Imported ${answer.added} address${answer.added === 1 ? '' : 'es'}${answer.alreadySuppressed > 0 ? `; ${answer.alreadySuppressed} already suppressed, kept as they were` : ''}.`);
      setPreview(null);
      setCsv('');
      await client.invalidateQueries({ queryKey: ['suppressions', orgId] });
    },
  });
  const readFile = async (file: File | null) => {
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Bulk import">
      <Stack gap="xs">
        <Title order={3}>Bulk import</Title>
        <Text size="sm">
          One address a line: <code>email,reason[,note[,until]]</code>. Reasons: invalid, opted_out, legal_hold. A header line is optional; until is a date (YYYY-MM-DD).
        </Text>
        <Textarea
          label="CSV to import"
          autosize
          minRows={4}
          maxRows={14}
          value={csv}
          onChange={(event) => {
            setCsv(event.currentTarget.value);
            setPreview(null);
          }}
        />
        <FileInput label="Or upload a CSV file" accept=".csv,text/csv,text/plain" onChange={(file) => void readFile(file)} clearable />
        <Group>
          <Button variant="light" onClick={() => previewing.mutate()} loading={previewing.isPending} disabled={csv.trim() === ''}>
            Preview import
          </Button>
          {preview && (
            <Button onClick={() => importing.mutate()} loading={importing.isPending} disabled={preview.issues.length > 0 || preview.toAdd === 0}>
              Import {preview.toAdd} address{preview.toAdd === 1 ? '' : 'es'}
            </Button>
          )}
        </Group>
        {(previewing.error ?? importing.error) && <Alert color="red" role="alert">{errorText(previewing.error ?? importing.error, 'The import failed; nothing was imported.')}</Alert>}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        {preview && preview.issues.length > 0 && (
          <Alert color="red" role="alert" title="Nothing can be imported until these lines are fixed">
            <List size="sm">
              {preview.issues.map((issue) => (
                <List.Item key={`${issue.line}-${issue.field}`}>{issue.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {preview && preview.rows.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Import preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Note</Table.Th>
                  <Table.Th>Will be</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>{row.email}</Table.Td>
                    <Table.Td>{row.reason.replace('_', ' ')}</Table.Td>
                    <Table.Td>{row.note ?? ''}</Table.Td>
                    <Table.Td>{row.alreadySuppressed ? 'kept: already suppressed' : 'added'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
