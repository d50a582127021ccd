import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { useSetSession } from '../session/use-session.ts';

export function SignInScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setSession = useSetSession();
  // On an install where sign-up is closed, people join by invitation only: no link to a form that refuses them.
  const options = useQuery({ queryKey: ['auth-options'], queryFn: () => api<{ signUpOpen: boolean }>('GET', '/api/auth/options'), staleTime: Infinity });
  const signIn = useMutation({
    mutationFn: () => api<Session>('POST', '/api/auth/signin', { email, password }),
    onSuccess: (session) => setSession(session),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = signIn.error instanceof ApiError ? signIn.error.message : signIn.error ? 'Plixo could not be reached. Try again in a moment.' : null;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit} aria-labelledby="sign-in-title">
        <Stack>
          <Title order={2} id="sign-in-title">
            Sign in to Plixo
          </Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          {options.data?.signUpOpen === true && (
            <Text size="sm">
              New to Plixo?{' '}
              <Anchor component={Link} to="/signup">
                Create an organisation
              </Anchor>
            </Text>
          )}
          {options.data?.signUpOpen === false && <Text size="sm">New here? Ask a Controller of your organisation for an invitation.</Text>}
        </Stack>
      </Paper>
    </Center>
  );
}
