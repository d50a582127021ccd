import { Alert, Anchor, Button, Center, Divider, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { Session, SignUpBody } from '../api/types.ts';
import { useSetSession } from '../session/use-session.ts';
import { splitFormError } from './field-errors.ts';

// Sign-up: a new organisation and its first person, who is its Controller, then straight into it.
// The organisation's defaults start from the browser's zone and language.

type Field = 'organisation' | 'timeZone' | 'locale' | 'currency' | 'name' | 'email' | 'password';

// The API names a field by its place in the body; the store names the organisation's own fields.
const apiFields: Record<Field, readonly string[]> = {
  organisation: ['organisation.name', 'organisation'],
  timeZone: ['organisation.timeZone', 'timeZone'],
  locale: ['organisation.locale', 'locale'],
  currency: ['organisation.currency', 'currency'],
  name: ['name'],
  email: ['email'],
  password: ['password'],
};

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function SignUpScreen() {
  const navigate = useNavigate();
  const setSession = useSetSession();
  const [form, setForm] = useState({ organisation: '', timeZone: browserTimeZone(), locale: navigator.language || 'en-US', currency: 'USD', name: '', email: '', password: '' });
  const zones = useMemo(() => [...new Set(['UTC', form.timeZone, ...Intl.supportedValuesOf('timeZone')])].sort(), [form.timeZone]);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency'), []);
  const signUp = useMutation({
    mutationFn: () => {
      const body: SignUpBody = {
        organisation: { name: form.organisation, timeZone: form.timeZone, locale: form.locale.trim(), currency: form.currency },
        name: form.name,
        email: form.email,
        password: form.password,
      };
      return api<Session>('POST', '/api/auth/signup', body);
    },
    onSuccess: (session) => {
      setSession(session);
      const created = session.organisations[0];
      navigate(created ? `/orgs/${created.id}/queue` : '/', { replace: true });
    },
  });
  const errors = splitFormError(signUp.error, apiFields);
  const set = (field: Field) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={520} maw="100%" component="form" onSubmit={submit} aria-labelledby="sign-up-title" noValidate>
        <Stack>
          <Title order={2} id="sign-up-title">
            Create your organisation
          </Title>
          <Text size="sm" c="dimmed">
            You become its Controller: you can invite colleagues and give each a role.
          </Text>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <TextInput label="Organisation name" required autoComplete="organization" value={form.organisation} onChange={(event) => set('organisation')(event.currentTarget.value)} error={errors.field.organisation} />
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Select label="Time zone" searchable required data={zones} value={form.timeZone} onChange={(value) => value && set('timeZone')(value)} allowDeselect={false} error={errors.field.timeZone} />
            <TextInput label="Locale" description="Such as en-US or de-DE" required value={form.locale} onChange={(event) => set('locale')(event.currentTarget.value)} error={errors.field.locale} />
            <Select label="Currency" searchable required data={currencies} value={form.currency} onChange={(value) => value && set('currency')(value)} allowDeselect={false} error={errors.field.currency} />
          </SimpleGrid>
          <Divider />
          <TextInput label="Your name" autoComplete="name" value={form.name} onChange={(event) => set('name')(event.currentTarget.value)} error={errors.field.name} />
          <TextInput label="Email" type="email" required autoComplete="email" value={form.email} onChange={(event) => set('email')(event.currentTarget.value)} error={errors.field.email} />
          <PasswordInput label="Password" description="At least 12 characters" required autoComplete="new-password" value={form.password} onChange={(event) => set('password')(event.currentTarget.value)} error={errors.field.password} />
          <Button type="submit" loading={signUp.isPending}>
            Create organisation
          </Button>
          <Text size="sm">
            Already on Plixo?{' '}
            <Anchor component={Link} to="/">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
