import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { OperationsConsole, OperationsJob } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatAge, formatInstant } from './format-figures.ts';

// The ops console: readiness (each check marked installation or organisation), maintenance, the
// worker's jobs and this organisation's outbox. Maintenance and the jobs are the installation's:
// only a role with users.manage (a Controller) sees their switches.

const statusColor = { pass: 'green', warn: 'yellow', fail: 'red' } as const;
const jobColor = { active: 'green', paused: 'yellow', held: 'orange', failed: 'red' } as const;

type Switch = { kind: 'maintenance'; on: boolean } | { kind: 'job'; job: OperationsJob };

export function OpsScreen() {
  const organisation = useOrganisation();
  const view = useQuery({ queryKey: ['operations', organisation.id], queryFn: () => api<OperationsConsole>('GET', `/api/orgs/${organisation.id}/operations`) });
  const [switching, setSwitching] = useState<Switch | null>(null);
  const canSwitch = organisation.can('users.manage');
  const data = view.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Ops console</Title>
        {data && <Badge color={statusColor[data.status]} size="lg">Overall: {data.status}</Badge>}
      </Group>
      {view.isError && <Alert color="red" role="alert">{view.error.message}</Alert>}
      {data && (
        <>
          <Paper withBorder p="md" component="section" aria-label="Readiness">
            <Title order={3} mb="xs">Readiness</Title>
            <Text size="sm" c="dimmed" mb="xs">
              Checked {formatInstant(data.checkedAt)}. Installation checks cover this whole Plixo; organisation checks only {organisation.name}.
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Readiness checks">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Check</Table.Th>
                    <Table.Th>Scope</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Detail</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.checks.map((check) => (
                    <Table.Tr key={check.name}>
                      <Table.Td>{check.name}</Table.Td>
                      <Table.Td>{check.scope}</Table.Td>
                      <Table.Td>
                        <Badge color={statusColor[check.status]}>{check.status}</Badge>
                      </Table.Td>
                      <Table.Td>{check.detail}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>

          <Paper withBorder p="md" component="section" aria-label="Maintenance">
            <Group justify="space-between">
              <div>
                <Title order={3}>Maintenance</Title>
                <Text size="sm">
                  {data.maintenance.on ? 'On: no organisation plans or sends' : 'Off'}
                  {data.maintenance.changedAt ? ` · since ${formatInstant(data.maintenance.changedAt)}` : ''}
                  {data.maintenance.changedBy ? ` by ${data.maintenance.changedBy}` : ''}
                  {data.maintenance.reason ? `: ${data.maintenance.reason}` : ''}
                </Text>
              </div>
              {canSwitch && (
                <Button color={data.maintenance.on ? 'green' : 'orange'} onClick={() => setSwitching({ kind: 'maintenance', on: !data.maintenance.on })}>
                  {data.maintenance.on ? 'Switch maintenance off' : 'Switch maintenance on'}
                </Button>
              )}
            </Group>
          </Paper>

          <Paper withBorder p="md" component="section" aria-label="Scheduled jobs">
            <Title order={3} mb="xs">Scheduled jobs</Title>
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Scheduled jobs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Job</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Runs</Table.Th>
                    <Table.Th>Last run</Table.Th>
                    <Table.Th>Next run</Table.Th>
                    {canSwitch && <Table.Th>Switch</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.jobs.map((job) => (
                    <Table.Tr key={job.name}>
                      <Table.Td>{job.name}</Table.Td>
                      <Table.Td>
                        <Badge color={jobColor[job.state]}>{job.state}</Badge>
                        {job.pausedReason && <Text size="xs">{job.pausedReason}</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{job.schedule}</Text>
                      </Table.Td>
                      <Table.Td>
                        {formatInstant(job.lastStartedAt)}
                        {job.lastStatus && <Text size="xs">{job.lastStatus === 'ok' ? 'ok' : `failed: ${job.lastError ?? ''}`}</Text>}
                      </Table.Td>
                      <Table.Td>{job.paused ? 'paused' : job.nextRunAt ? formatInstant(job.nextRunAt) : 'next tick or message'}</Table.Td>
                      {canSwitch && (
                        <Table.Td>
                          <Button size="xs" variant="light" onClick={() => setSwitching({ kind: 'job', job })}>
                            {job.paused ? `Resume ${job.name}` : `Pause ${job.name}`}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>

          <Paper withBorder p="md" component="section" aria-label="Outbox backlog">
            <Title order={3} mb="xs">Outbox of {organisation.name}</Title>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
              <Figure label="Queued" value={String(data.outbox.queued)} />
              <Figure label="Sending" value={String(data.outbox.sending)} />
              <Figure label="Failed" value={String(data.outbox.failed)} />
              <Figure label="Held" value={String(data.outbox.held)} />
              <Figure label="Drafts" value={String(data.outbox.draft)} />
              <Figure label="Oldest due waiting" value={formatAge(data.outbox.oldestDueAgeMs)} />
            </SimpleGrid>
          </Paper>
        </>
      )}
      {switching && <SwitchModal orgId={organisation.id} target={switching} onClose={() => setSwitching(null)} />}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function SwitchModal({ orgId, target, onClose }: { orgId: string; target: Switch; onClose: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const pausing = target.kind === 'job' && !target.job.paused;
  const title =
    target.kind === 'maintenance' ? (target.on ? 'Switch maintenance on' : 'Switch maintenance off') : pausing ? `Pause the ${target.job.name} job` : `Resume the ${target.job.name} job`;
  const change = useMutation({
    mutationFn: () =>
      target.kind === 'maintenance'
        ? api('POST', `/api/orgs/${orgId}/operations/maintenance`, { on: target.on, ...(reason.trim() ? { reason: reason.trim() } : {}) })
        : api('POST', `/api/orgs/${orgId}/operations/jobs/${target.job.name}/${pausing ? 'pause' : 'resume'}`, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['operations', orgId] });
      onClose();
    },
  });
  const reasonRequired = target.kind === 'maintenance' && target.on;
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">
          {target.kind === 'maintenance'
            ? target.on
              ? 'Every organisation on this installation stops planning and sending until maintenance is off again.'
              : 'The worker resumes on its next tick and catches up per each cadence’s catch-up rule.'
            : pausing
              ? 'The worker skips this job for every organisation until it is resumed.'
              : 'The worker runs this job again from its next tick.'}
        </Text>
        <Textarea label="Reason" description={reasonRequired ? 'Required; kept in the audit trail' : 'Kept in the audit trail'} value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
        {change.error && (
          <Alert color="red" role="alert">
            {change.error instanceof ApiError ? change.error.message : 'The switch failed; try again.'}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => change.mutate()} loading={change.isPending} disabled={reasonRequired && reason.trim() === ''}>
            {target.kind === 'maintenance' ? (target.on ? 'Switch on' : 'Switch off') : pausing ? 'Pause' : 'Resume'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
