import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DisputeAttachment, DisputeReasonCode, DisputeView } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant } from './format-instant.ts';
import { disputeReasons } from './queue-actions.tsx';
import { timelineQueryKey } from './queue-timeline.tsx';

// An invoice's disputes, open ones first, then resolved ones: the reason, who opened it (a payer
// from the portal, or a person), the SLA, the payer's message and the files they brought, each a
// download (always as a file, under a safe name). Read with dashboards.view.

const slaWords: Record<DisputeView['sla'], { label: string; color: string }> = {
  open: { label: 'open', color: 'blue' },
  at_risk: { label: 'at risk', color: 'orange' },
  late: { label: 'late', color: 'red' },
  resolved: { label: 'resolved', color: 'gray' },
};

function openedByWords(openedBy: string): string {
  return openedBy.startsWith('payer:') ? 'the payer, from the payer portal' : openedBy;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function InvoiceDisputes({ invoiceId }: { invoiceId: string }) {
  const organisation = useOrganisation();
  const disputes = useQuery({
    queryKey: [...timelineQueryKey(organisation.id, invoiceId), 'disputes'],
    queryFn: () => api<{ items: DisputeView[] }>('GET', `/api/orgs/${organisation.id}/disputes?invoiceId=${encodeURIComponent(invoiceId)}&limit=20`),
  });
  if (disputes.isError) {
    return (
      <Alert color="red" role="alert">
        {disputes.error.message}
      </Alert>
    );
  }
  const items = disputes.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Disputes">
      <Stack gap={6}>
        <Title order={4}>Disputes</Title>
        {items.map((dispute) => (
          <Paper key={dispute.id} withBorder p="xs" component="article" aria-label={`Dispute ${dispute.id}`}>
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {disputeReasons[dispute.reason as DisputeReasonCode] ?? dispute.reason}
                </Text>
                <Badge size="sm" variant="light" color={slaWords[dispute.sla].color}>
                  {slaWords[dispute.sla].label}
                </Badge>
                {dispute.escalatedToLegal && (
                  <Badge size="sm" variant="light" color="grape">
                    with Legal
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                Opened {formatInstant(dispute.openedAt)} by {openedByWords(dispute.openedBy)}
                {dispute.resolvedAt ? ` · resolved ${formatInstant(dispute.resolvedAt)} (${dispute.resolution})` : ` · answer due ${formatInstant(dispute.dueAt)}`}
                {dispute.owner ? ` · owner ${dispute.owner}` : ''}
              </Text>
              {dispute.description && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {dispute.description}
                </Text>
              )}
              {dispute.documents.length > 0 && (
                <Text size="xs" c="dimmed">
                  This reason asks for: {dispute.documents.join(', ')}
                </Text>
              )}
              <DisputeFiles orgId={organisation.id} invoiceId={invoiceId} disputeId={dispute.id} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    </section>
  );
}

function DisputeFiles({ orgId, invoiceId, disputeId }: { orgId: string; invoiceId: string; disputeId: number }) {
  const files = useQuery({
    queryKey: [...timelineQueryKey(orgId, invoiceId), 'disputes', disputeId, 'attachments'],
    queryFn: () => api<{ items: DisputeAttachment[] }>('GET', `/api/orgs/${orgId}/disputes/${disputeId}/attachments`),
  });
  if (files.isError) return <Text size="xs" c="red">{files.error.message}</Text>;
  if (!files.data || files.data.items.length === 0) return null;
  return (
    <List size="sm" spacing={2} aria-label="Attached files">
      {files.data.items.map((file) => (
        <List.Item key={file.id}>
          {/* A plain link: the browser sends the session cookie and saves what the server names an attachment. */}
          <Anchor href={`/api/orgs/${orgId}/disputes/${disputeId}/attachments/${file.id}/download`} download aria-label={`Download ${file.filename}`}>
            {file.filename}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            {file.contentType === 'application/pdf' ? 'PDF' : file.contentType === 'image/png' ? 'PNG' : file.contentType === 'image/jpeg' ? 'JPEG' : file.contentType}, {formatSize(file.sizeBytes)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
