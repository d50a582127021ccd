import { Alert, Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { CreatedInvitation, InvitationView, Role } from '../api/types.ts';
import { roleChoices, roleNames } from '../session/role-names.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { splitFormError } from './field-errors.ts';
import { formatInstant } from './format-instant.ts';

// Invitations by email with a role. The link in the email works once, for seven days; inviting the
// same address again replaces the open invitation.

type Status = 'pending' | 'accepted' | 'revoked' | 'expired';
const statusWords: Record<Status, string> = { pending: 'Pending', accepted: 'Accepted', revoked: 'Revoked', expired: 'Expired' };
const statusColours: Record<Status, string> = { pending: 'blue', accepted: 'green', revoked: 'gray', expired: 'gray' };

function statusOf(invitation: InvitationView, now: number): Status {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  return Date.parse(invitation.expiresAt) <= now ? 'expired' : 'pending';
}

export function TeamInvitations({ orgId }: { orgId: string }) {
  const invitations = useQuery({ queryKey: ['invitations', orgId], queryFn: () => api<{ items: InvitationView[] }>('GET', `/api/orgs/${orgId}/invitations`) });
  const [showPast, setShowPast] = useState(false);
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const now = Date.now();
  const shown = (invitations.data?.items ?? []).map((invitation) => ({ invitation, status: statusOf(invitation, now) })).filter(({ status }) => showPast || status === 'pending');
  return (
    <Stack component="section" aria-labelledby="invitations-title">
      <Title order={3} id="invitations-title">
        Invitations
      </Title>
      <InviteForm orgId={orgId} />
      {invitations.isError && (
        <Alert color="red" role="alert">
          {invitations.error.message}
        </Alert>
      )}
      <Switch label="Show accepted, revoked and expired invitations" checked={showPast} onChange={(event) => setShowPast(event.currentTarget.checked)} />
      {invitations.data && shown.length === 0 ? (
        <Text c="dimmed">{showPast ? 'No invitations yet.' : 'No invitation is waiting to be accepted.'}</Text>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Revoke</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map(({ invitation, status }) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>{invitation.email}</Table.Td>
                    <Table.Td>{roleNames[invitation.role]}</Table.Td>
                    <Table.Td>{formatInstant(invitation.createdAt)}</Table.Td>
                    <Table.Td>{formatInstant(invitation.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColours[status]}>
                        {statusWords[status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {status === 'pending' && (
                        <Button size="xs" variant="subtle" color="red" aria-label={`Revoke the invitation of ${invitation.email}`} onClick={() => setRevoking(invitation)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {revoking && <RevokeInvitationModal orgId={orgId} invitation={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}

function InviteForm({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  // One key per invitation meant, so a retried click sends one email.
  const [key, setKey] = useState(newIdempotencyKey);
  const invite = useMutation({
    mutationFn: () => api<CreatedInvitation>('POST', `/api/orgs/${orgId}/invitations`, { email, role }, { idempotencyKey: key }),
    onSuccess: async () => {
      setEmail('');
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: ['invitations', orgId] });
    },
  });
  const errors = splitFormError(invite.error, { email: ['email'], role: ['role'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Invite a colleague" noValidate>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Colleague’s email" type="email" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={errors.field.email} w={300} maw="100%" />
          <Select label="Their role" data={roleChoices} value={role} onChange={(value) => value && setRole(value as Role)} allowDeselect={false} error={errors.field.role} w={200} />
          <Button type="submit" loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        {invite.data && (
          <Alert color={invite.data.emailed ? 'green' : 'yellow'} role="status">
            {invite.data.emailed
              ? `Invitation sent to ${invite.data.email} as ${roleNames[invite.data.role]}.`
              : `The invitation for ${invite.data.email} is saved, but its email could not be sent: check the mail settings, then invite again.`}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

function RevokeInvitationModal({ orgId, invitation, onClose }: { orgId: string; invitation: InvitationView; onClose: () => void }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api('DELETE', `/api/orgs/${orgId}/invitations/${encodeURIComponent(invitation.id)}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['invitations', orgId] });
      onClose();
    },
  });
  return (
    <ConfirmModal title={`Revoke the invitation of ${invitation.email}`} confirmLabel="Revoke invitation" onConfirm={() => revoke.mutate()} onClose={onClose} pending={revoke.isPending} error={revoke.error}>
      <Text size="sm">The link in their email stops working at once.</Text>
    </ConfirmModal>
  );
}
