import { Alert, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { AcceptedInvitation } from '../api/types.ts';
import { useSession, useSetSession } from '../session/use-session.ts';
import { splitFormError } from './field-errors.ts';

// The screen an invitation email links to (/accept-invitation?token=…). Someone new gives a name
// and a password; someone with a Plixo account gives its password. Either way they are signed in
// as the invited person and land in the organisation they joined.

type Mode = 'new' | 'existing';

export function AcceptInvitationScreen() {
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const navigate = useNavigate();
  const session = useSession();
  const setSession = useSetSession();
  const [mode, setMode] = useState<Mode>('new');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () => api<AcceptedInvitation>('POST', '/api/invitations/accept', { token, password, ...(mode === 'new' && name.trim() ? { name: name.trim() } : {}) }),
    onSuccess: (accepted) => {
      setSession(accepted);
      navigate(`/orgs/${accepted.organisationId}/queue`, { replace: true });
    },
  });
  const errors = splitFormError(accept.error, { name: ['name'], password: ['password'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%" component="form" onSubmit={submit} aria-labelledby="accept-title" noValidate>
        <Stack>
          <Title order={2} id="accept-title">
            Accept your invitation
          </Title>
          {token === '' ? (
            <Alert color="red" role="alert">
              This address lacks the invitation’s token. Open the link from the invitation email again.
            </Alert>
          ) : (
            <>
              {session.data && (
                <Text size="sm" c="dimmed">
                  You are signed in as {session.data.user.email}. Joining signs you in as the person invited.
                </Text>
              )}
              {errors.form && (
                <Alert color="red" role="alert">
                  {errors.form}
                </Alert>
              )}
              <SegmentedControl
                aria-label="Your account"
                value={mode}
                onChange={(value) => setMode(value as Mode)}
                data={[
                  { value: 'new', label: 'I am new to Plixo' },
                  { value: 'existing', label: 'I have an account' },
                ]}
              />
              {mode === 'new' ? (
                <>
                  <TextInput label="Your name" autoComplete="name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.field.name} />
                  <PasswordInput label="Choose a password" description="At least 12 characters" required autoComplete="new-password" value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={errors.field.password} />
                </>
              ) : (
                <PasswordInput label="Your Plixo password" description="The password of the account with the invited email address" required autoComplete="current-password" value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={errors.field.password} />
              )}
              <Button type="submit" loading={accept.isPending}>
                Join the organisation
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
