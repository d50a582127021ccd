import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api/client.ts';
import type { PublishPreview } from '../api/types.ts';

// Publishing a version: choose the segments (or all), see the impact first (how many invoices'
// next action changes, with a before/after sample from the engine, and anything that blocks the
// publish), then publish. Publishing an earlier version is a rollback. The preview pins the
// policy's revision: if someone publishes in between, this publish is refused and asks for a new
// preview.

interface PublishDialogProps {
  orgId: string;
  version: number;
  /** Segments the version defines and the ones running now. */
  segments: string[];
  rollback: boolean;
  onClose: () => void;
  onPublished: (kind: 'publish' | 'rollback') => void;
}

function describeNext(next: PublishPreview['sample'][number]['before']['next']): string {
  if (!next) return 'nothing planned';
  const at = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(next.at));
  return `${next.type}${next.step ? ` ${next.step}` : ''} on ${at}`;
}

export function PublishDialog({ orgId, version, segments, rollback, onClose, onPublished }: PublishDialogProps) {
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const target = all ? 'all' : chosen;
  const preview = useMutation({ mutationFn: () => api<PublishPreview>('POST', `/api/orgs/${orgId}/policy/versions/${version}/preview`, { segments: target, sampleSize: 10 }) });
  const publish = useMutation({
    mutationFn: (answer: PublishPreview) =>
      api<{ kind: 'publish' | 'rollback' }>(
        'POST',
        `/api/orgs/${orgId}/policy/versions/${version}/publish`,
        { segments: answer.segments, expectedRevision: answer.expectedRevision, ...(answer.expectedDraftRevision !== null ? { expectedDraftRevision: answer.expectedDraftRevision } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
        { idempotencyKey: newIdempotencyKey() },
      ),
    onSuccess: (answer) => onPublished(answer.kind),
  });
  const shown = preview.data;
  const stale = shown && JSON.stringify(shown.segments) !== JSON.stringify(target);
  return (
    <Modal opened onClose={onClose} title={rollback ? `Roll back to version ${version}` : `Publish version ${version}`} size="xl">
      <Stack>
        <Checkbox label="All segments" checked={all} onChange={(event) => setAll(event.currentTarget.checked)} />
        {!all && <MultiSelect label="Segments" data={segments} value={chosen} onChange={setChosen} placeholder="Choose the segments this version runs for" searchable />}
        <Group>
          <Button variant="light" onClick={() => preview.mutate()} loading={preview.isPending} disabled={!all && chosen.length === 0}>
            Preview impact
          </Button>
        </Group>
        {preview.isError && (
          <Alert color="red" role="alert">
            {preview.error.message}
          </Alert>
        )}
        {shown && (
          <section aria-label="Impact">
            <Stack gap="xs">
              <Text role="status">
                {shown.changed} of {shown.considered} open invoices change their next action (next {Math.round((Date.parse(shown.horizon.to) - Date.parse(shown.horizon.from)) / 86_400_000)} days).
              </Text>
              <Table aria-label="Impact by segment">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Segment</Table.Th>
                    <Table.Th ta="right">Invoices</Table.Th>
                    <Table.Th ta="right">Changed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.bySegment.map((row) => (
                    <Table.Tr key={row.segment}>
                      <Table.Td>{row.segment}</Table.Td>
                      <Table.Td ta="right">{row.considered}</Table.Td>
                      <Table.Td ta="right">{row.changed}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {shown.sample.length > 0 && (
                <Table aria-label="Before and after">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Invoice</Table.Th>
                      <Table.Th>Before</Table.Th>
                      <Table.Th>After</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.sample.map((row) => (
                      <Table.Tr key={row.invoiceId}>
                        <Table.Td>{row.invoiceNumber}</Table.Td>
                        <Table.Td>
                          {describeNext(row.before.next)}
                          {row.before.version !== null ? ` (v${row.before.version})` : ''}
                        </Table.Td>
                        <Table.Td>
                          {describeNext(row.after.next)}
                          {row.after.version !== null ? ` (v${row.after.version})` : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {shown.blockers.length > 0 && (
                <Alert color="red" title="This publish would be refused">
                  {shown.blockers.join(' ')}
                </Alert>
              )}
            </Stack>
          </section>
        )}
        <Textarea label="Note for the audit trail" value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} />
        {publish.isError && (
          <Alert color="red" role="alert">
            {publish.error instanceof ApiError && publish.error.status === 409 ? `${publish.error.message} Preview again to see the policy as it is now.` : publish.error.message}
          </Alert>
        )}
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => shown && publish.mutate(shown)} disabled={!shown || stale === true || shown.blockers.length > 0} loading={publish.isPending}>
            {rollback ? 'Roll back' : 'Publish'}
          </Button>
        </Group>
        {stale && <Text size="sm">The segments changed since the preview: preview again.</Text>}
      </Stack>
    </Modal>
  );
}
