import { Alert, Badge, Button, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { MemberView, Role } from '../api/types.ts';
import { roleChoices, roleNames } from '../session/role-names.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { sessionKey, useSession } from '../session/use-session.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { formatInstant } from './format-instant.ts';
import { TeamApiTokens } from './team-api-tokens.tsx';
import { TeamInvitations } from './team-invitations.tsx';

// The team of an organisation: members and their roles, invitations by email, and API tokens
// for programs. Everything here needs `users.manage` (Controllers); the API keeps the last
// Controller from being demoted or removed and says so.

export function TeamScreen() {
  const organisation = useOrganisation();
  return (
    <Stack gap="xl">
      <Title order={2}>Team</Title>
      <TeamMembers orgId={organisation.id} />
      <TeamInvitations orgId={organisation.id} />
      <TeamApiTokens orgId={organisation.id} />
    </Stack>
  );
}

function TeamMembers({ orgId }: { orgId: string }) {
  const me = useSession().data?.user.id;
  const members = useQuery({ queryKey: ['members', orgId], queryFn: () => api<{ items: MemberView[] }>('GET', `/api/orgs/${orgId}/members`) });
  const [changing, setChanging] = useState<{ member: MemberView; role: Role } | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  return (
    <Stack component="section" aria-labelledby="members-title">
      <Title order={3} id="members-title">
        Members
      </Title>
      {members.isError && (
        <Alert color="red" role="alert">
          {members.error.message}
        </Alert>
      )}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Remove</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.items.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Td>
                    {member.name} {member.userId === me && <Badge variant="light">you</Badge>}
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    <Select aria-label={`Role of ${member.email}`} data={roleChoices} value={member.role} allowDeselect={false} onChange={(role) => role && role !== member.role && setChanging({ member, role: role as Role })} w={180} />
                  </Table.Td>
                  <Table.Td>{formatInstant(member.joinedAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${member.email}`} onClick={() => setRemoving(member)}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {changing && <ChangeRoleModal orgId={orgId} {...changing} onClose={() => setChanging(null)} />}
      {removing && <RemoveMemberModal orgId={orgId} member={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

function ChangeRoleModal({ orgId, member, role, onClose }: { orgId: string; member: MemberView; role: Role; onClose: () => void }) {
  const client = useQueryClient();
  const [rationale, setRationale] = useState('');
  const change = useMutation({
    mutationFn: () => api('PATCH', `/api/orgs/${orgId}/members/${encodeURIComponent(member.userId)}`, { role, ...(rationale.trim() ? { rationale: rationale.trim() } : {}) }),
    onSuccess: async () => {
      // A change of one's own role changes what the session may do.
      await Promise.all([client.invalidateQueries({ queryKey: ['members', orgId] }), client.invalidateQueries({ queryKey: sessionKey })]);
      onClose();
    },
  });
  return (
    <ConfirmModal title={`Make ${member.email} ${roleNames[role]}`} confirmLabel="Change role" color="blue" onConfirm={() => change.mutate()} onClose={onClose} pending={change.isPending} error={change.error}>
      <Text size="sm">
        From {roleNames[member.role]} to {roleNames[role]}, from their next request.
      </Text>
      <Textarea label="Reason" description="Optional; kept in the audit log" value={rationale} onChange={(event) => setRationale(event.currentTarget.value)} />
    </ConfirmModal>
  );
}

function RemoveMemberModal({ orgId, member, onClose }: { orgId: string; member: MemberView; onClose: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/orgs/${orgId}/members/${encodeURIComponent(member.userId)}`),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['members', orgId] }), client.invalidateQueries({ queryKey: sessionKey })]);
      onClose();
    },
  });
  return (
    <ConfirmModal title={`Remove ${member.email}`} confirmLabel="Remove member" onConfirm={() => remove.mutate()} onClose={onClose} pending={remove.isPending} error={remove.error}>
      <Text size="sm">
        {member.name} loses access to this organisation at once. Their account and what they did stay in the audit log; you can invite them again.
      </Text>
    </ConfirmModal>
  );
}
