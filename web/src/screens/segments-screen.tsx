import { Alert, Badge, Button, Checkbox, Group, List, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { SegmentView } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';

// Segments as the live policy runs them: mode, health, and the gates that keep Autopilot off.
// An A/R manager switches Autopilot on or off; a Controller may override a failed gate with a reason.

const percent = (value: number | null) => (value === null ? '–' : `${Math.floor(value * 1000) / 10} %`);

export function SegmentsScreen() {
  const organisation = useOrganisation();
  const segments = useQuery({ queryKey: ['segments', organisation.id], queryFn: () => api<{ items: SegmentView[] }>('GET', `/api/orgs/${organisation.id}/segments`) });
  const [switching, setSwitching] = useState<SegmentView | null>(null);
  return (
    <Stack>
      <Title order={2}>Segments</Title>
      {segments.isError && <Alert color="red" role="alert">{segments.error.message}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {segments.data?.items.map((segment) => (
          <Paper key={segment.segment} withBorder p="md" component="section" aria-label={`Segment ${segment.segment}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3}>{segment.segment}</Title>
                <Badge color={segment.mode === 'autopilot' ? 'green' : 'gray'}>{segment.mode === 'autopilot' ? 'Autopilot' : 'Shadow'}</Badge>
              </Group>
              <Text size="sm">
                Cadence {segment.cadence}, version {segment.version}
                {segment.switchedBy ? ` · switched by ${segment.switchedBy}${segment.switchReason ? `: ${segment.switchReason}` : ''}` : ''}
              </Text>
              <SimpleGrid cols={3} spacing="xs">
                <Figure label="Contact coverage" value={percent(segment.health.coverage)} />
                <Figure label="Bounce rate" value={percent(segment.health.bounceRate)} />
                <Figure label="Promise adherence" value={percent(segment.health.promiseAdherence)} />
                <Figure label="Open invoices" value={String(segment.health.openInvoices)} />
                <Figure label="Open disputes" value={String(segment.health.openDisputes)} />
                <Figure label="Reversals (7 days)" value={percent(segment.health.reversalRate)} />
              </SimpleGrid>
              {segment.autopilotBlockers.length > 0 && (
                <Alert color="yellow" title="Autopilot stays off while">
                  <List size="sm">
                    {segment.autopilotBlockers.map((blocker) => (
                      <List.Item key={blocker}>{blocker}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {segment.publishBlocker && <Alert color="red">{segment.publishBlocker}</Alert>}
              {organisation.can('segments.mode') && (
                <Group>
                  <Button variant="light" onClick={() => setSwitching(segment)}>
                    {segment.mode === 'autopilot' ? `Back to Shadow: ${segment.segment}` : `Turn on Autopilot: ${segment.segment}`}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      {switching && <SwitchModal segment={switching} canOverride={organisation.can('segments.override')} orgId={organisation.id} onClose={() => setSwitching(null)} />}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function SwitchModal({ segment, canOverride, orgId, onClose }: { segment: SegmentView; canOverride: boolean; orgId: string; onClose: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const target = segment.mode === 'autopilot' ? 'shadow' : 'autopilot';
  const blocked = target === 'autopilot' && segment.autopilotBlockers.length > 0;
  const change = useMutation({
    mutationFn: () => api<SegmentView>('POST', `/api/orgs/${orgId}/segments/${encodeURIComponent(segment.segment)}/mode`, { mode: target, reason: reason || undefined, override }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['segments', orgId] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={target === 'autopilot' ? `Turn on Autopilot for ${segment.segment}` : `Back to Shadow Mode for ${segment.segment}`}>
      <Stack>
        <Text size="sm">
          {target === 'autopilot'
            ? 'Messages of this segment will go out by themselves, inside the guardrails, from the next planning pass.'
            : 'Messages of this segment become drafts for review from the next planning pass.'}
        </Text>
        {blocked && (
          <Alert color="yellow" title="A gate fails">
            {segment.autopilotBlockers.join('; ')}
          </Alert>
        )}
        {blocked && canOverride && <Checkbox label="Override the failed gates (Controller)" checked={override} onChange={(event) => setOverride(event.currentTarget.checked)} />}
        <Textarea label="Reason" description="Kept in the audit trail" value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
        {change.error && (
          <Alert color="red" role="alert">
            {change.error instanceof ApiError ? change.error.message : 'The switch failed; try again.'}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => change.mutate()} loading={change.isPending} disabled={blocked && !override}>
            {target === 'autopilot' ? 'Turn on Autopilot' : 'Back to Shadow'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
