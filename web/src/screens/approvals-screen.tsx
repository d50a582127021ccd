import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, newIdempotencyKey } from '../api/client.ts';
import type { ApprovalView } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';

// The approvals inbox: the requests waiting for the person's role first, then every request.
// A decision (approve, reject, ask for more information) always carries a rationale; the API
// refuses a decision on one's own request and from a role the request does not wait for.

const kindWords: Record<ApprovalView['kind'], string> = { discount: 'Discount', credit: 'Credit', payment_plan: 'Payment plan' };
type Decision = 'approve' | 'reject' | 'ask_info';
const decisionWords: Record<Decision, string> = { approve: 'Approve', reject: 'Reject', ask_info: 'Ask for information' };

export function ApprovalsScreen() {
  const organisation = useOrganisation();
  const [view, setView] = useState<'me' | 'all'>('me');
  const approvals = useQuery({
    queryKey: ['approvals', organisation.id, view],
    queryFn: () => api<{ items: ApprovalView[] }>('GET', `/api/orgs/${organisation.id}/approvals?limit=100${view === 'me' ? '&awaiting=me' : ''}`),
  });
  const [deciding, setDeciding] = useState<{ request: ApprovalView; decision: Decision } | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Approvals</Title>
        <SegmentedControl
          aria-label="Which requests"
          value={view}
          onChange={(value) => setView(value as 'me' | 'all')}
          data={[
            { value: 'me', label: 'Waiting for me' },
            { value: 'all', label: 'All requests' },
          ]}
        />
      </Group>
      {approvals.isError && (
        <Alert color="red" role="alert">
          {approvals.error.message}
        </Alert>
      )}
      {approvals.data?.items.length === 0 && <Text c="dimmed">{view === 'me' ? 'Nothing is waiting for you.' : 'No requests yet.'}</Text>}
      <Paper withBorder>
        <Table aria-label="Approval requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Request</Table.Th>
              <Table.Th>Invoice</Table.Th>
              <Table.Th>Amount</Table.Th>
              <Table.Th>Requested by</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Decide</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {approvals.data?.items.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>
                  <Text fw={500}>
                    {kindWords[request.kind]} #{request.id}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {request.reason}
                    {request.explanation ? `: ${request.explanation}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{request.invoiceId}</Table.Td>
                <Table.Td>
                  {request.amount.value} {request.amount.currency}
                </Table.Td>
                <Table.Td>{request.requestedBy}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{request.status.replace('_', ' ')}</Badge>
                  {request.awaiting.length > 0 && (
                    <Text size="xs" c="dimmed">
                      waits for {request.awaiting.join(', ').replaceAll('_', ' ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {request.awaiting.includes(organisation.role) && (
                    <Group gap="xs" wrap="nowrap">
                      {(Object.keys(decisionWords) as Decision[]).map((decision) => (
                        <Button key={decision} size="xs" variant={decision === 'approve' ? 'filled' : 'light'} onClick={() => setDeciding({ request, decision })} aria-label={`${decisionWords[decision]} request ${request.id}`}>
                          {decisionWords[decision]}
                        </Button>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {deciding && <DecisionModal orgId={organisation.id} {...deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}

function DecisionModal({ orgId, request, decision, onClose }: { orgId: string; request: ApprovalView; decision: Decision; onClose: () => void }) {
  const client = useQueryClient();
  const [rationale, setRationale] = useState('');
  const [key] = useState(newIdempotencyKey);
  const decide = useMutation({
    mutationFn: () => api<ApprovalView>('POST', `/api/orgs/${orgId}/approvals/${request.id}/decision`, { decision, rationale }, { idempotencyKey: key }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['approvals', orgId] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`${decisionWords[decision]}: ${kindWords[request.kind].toLowerCase()} #${request.id}`}>
      <Stack>
        <Text size="sm">
          {request.amount.value} {request.amount.currency} on invoice {request.invoiceId}, requested by {request.requestedBy}.
        </Text>
        <Textarea label="Rationale" description="Required; kept in the audit trail" required value={rationale} onChange={(event) => setRationale(event.currentTarget.value)} />
        {decide.error && (
          <Alert color="red" role="alert">
            {decide.error instanceof ApiError ? decide.error.message : 'The decision was not saved; try again.'}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => decide.mutate()} loading={decide.isPending} disabled={rationale.trim() === ''}>
            {decisionWords[decision]}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
