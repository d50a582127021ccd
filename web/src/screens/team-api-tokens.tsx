import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { ApiTokenView, CreatedApiToken, Role } from '../api/types.ts';
import { roleChoices, roleNames } from '../session/role-names.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { splitFormError } from './field-errors.ts';
import { formatInstant } from './format-instant.ts';

// API tokens let a program (policy-as-code in CI, an integration) act in this organisation with
// one role. Plixo keeps only a token's hash, so its secret is shown once, right after it is made.

function isActive(token: ApiTokenView, now: number): boolean {
  return token.revokedAt === null && (token.expiresAt === null || Date.parse(token.expiresAt) > now);
}

export function TeamApiTokens({ orgId }: { orgId: string }) {
  const tokens = useQuery({ queryKey: ['api-tokens', orgId], queryFn: () => api<{ items: ApiTokenView[] }>('GET', `/api/orgs/${orgId}/api-tokens`) });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const now = Date.now();
  return (
    <Stack component="section" aria-labelledby="api-tokens-title">
      <Title order={3} id="api-tokens-title">
        API tokens
      </Title>
      <CreateTokenForm orgId={orgId} onCreated={setCreated} />
      {tokens.isError && (
        <Alert color="red" role="alert">
          {tokens.error.message}
        </Alert>
      )}
      {tokens.data?.items.length === 0 ? (
        <Text c="dimmed">No API tokens yet.</Text>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="API tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Revoke</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data?.items.map((token) => {
                  const active = isActive(token, now);
                  return (
                    <Table.Tr key={token.id}>
                      <Table.Td>{token.name}</Table.Td>
                      <Table.Td>{roleNames[token.role]}</Table.Td>
                      <Table.Td>{formatInstant(token.createdAt)}</Table.Td>
                      <Table.Td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : 'never'}</Table.Td>
                      <Table.Td>{token.expiresAt ? formatInstant(token.expiresAt) : 'never'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={active ? 'green' : 'gray'}>
                          {token.revokedAt !== null ? 'Revoked' : active ? 'Active' : 'Expired'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {token.revokedAt === null && (
                          <Button size="xs" variant="subtle" color="red" aria-label={`Revoke the token ${token.name}`} onClick={() => setRevoking(token)}>
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {created && <SecretModal token={created} onClose={() => setCreated(null)} />}
      {revoking && <RevokeTokenModal orgId={orgId} token={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}

function CreateTokenForm({ orgId, onCreated }: { orgId: string; onCreated: (token: CreatedApiToken) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expiresOn, setExpiresOn] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const create = useMutation({
    // A date without a time: the token works to the end of that day, in the browser's zone.
    mutationFn: () => api<CreatedApiToken>('POST', `/api/orgs/${orgId}/api-tokens`, { name, role, ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59.999`).toISOString() } : {}) }, { idempotencyKey: key }),
    onSuccess: async (token) => {
      setName('');
      setExpiresOn('');
      setKey(newIdempotencyKey());
      onCreated(token);
      await client.invalidateQueries({ queryKey: ['api-tokens', orgId] });
    },
  });
  const errors = splitFormError(create.error, { name: ['name'], role: ['role'], expiresOn: ['expiresAt'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Create an API token" noValidate>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Token name" description="What uses it, such as “CI policy publish”" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.field.name} w={260} maw="100%" />
          <Select label="Acts as" description="The role the token has" data={roleChoices} value={role} onChange={(value) => value && setRole(value as Role)} allowDeselect={false} error={errors.field.role} w={200} />
          <TextInput label="Expires on" description="Optional; empty: never" type="date" value={expiresOn} onChange={(event) => setExpiresOn(event.currentTarget.value)} error={errors.field.expiresOn} w={180} />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

function SecretModal({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={`The token ${token.name}`} closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow">Copy it now: Plixo keeps only its fingerprint and cannot show it again.</Alert>
        <Code block aria-label="The token’s secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.secret}
        </Code>
        <Text size="sm">
          A program sends it as <Code>Authorization: Bearer …</Code> and acts as {roleNames[token.role]}.
        </Text>
        <Group justify="flex-end">
          {/* The clipboard is there only on HTTPS (and loopback); elsewhere the secret is selected by hand. */}
          {window.isSecureContext && (
            <CopyButton value={token.secret}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'green' : 'blue'} onClick={copy}>
                  {copied ? 'Copied' : 'Copy the token'}
                </Button>
              )}
            </CopyButton>
          )}
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RevokeTokenModal({ orgId, token, onClose }: { orgId: string; token: ApiTokenView; onClose: () => void }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api('DELETE', `/api/orgs/${orgId}/api-tokens/${encodeURIComponent(token.id)}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['api-tokens', orgId] });
      onClose();
    },
  });
  return (
    <ConfirmModal title={`Revoke the token ${token.name}`} confirmLabel="Revoke token" onConfirm={() => revoke.mutate()} onClose={onClose} pending={revoke.isPending} error={revoke.error}>
      <Text size="sm">Programs using it are refused from their next request.</Text>
    </ConfirmModal>
  );
}
