import { Alert, Anchor, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { PaymentUrlPreview, PortalSettings } from '../api/types.ts';
import { splitFormError } from './field-errors.ts';
import { formatInstant } from './format-instant.ts';

// The payer portal's own payment address: where "Pay" sends a payer when Stripe takes no card
// payments for the organisation. A URL template checked by the server as it is typed (the error
// under the field) and previewed with one of the open invoices, then saved or removed. Audited.

const settingsKey = (orgId: string) => ['portal-settings', orgId] as const;

export function PortalPaymentAddress({ orgId, stripeTakesPayments }: { orgId: string; stripeTakesPayments: boolean }) {
  const settings = useQuery({ queryKey: settingsKey(orgId), queryFn: () => api<PortalSettings>('GET', `/api/orgs/${orgId}/portal-settings`) });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="payment-address-title">
      <Stack gap="sm">
        <Title order={3} id="payment-address-title">
          Payment address
        </Title>
        <Text size="sm">
          Where the payer portal’s Pay button sends a payer when Stripe takes no card payments here: your own payment page, with <Code>{'{invoice_number}'}</Code>, <Code>{'{amount}'}</Code> (such as 1234.50) and <Code>{'{currency}'}</Code> filled in.
        </Text>
        {stripeTakesPayments && (
          <Alert color="blue">Stripe takes the payments now (its connector has a secret key), so this address is not used. It takes over if Stripe’s key is removed.</Alert>
        )}
        {settings.isError && (
          <Alert color="red" role="alert">
            {settings.error.message}
          </Alert>
        )}
        {settings.data && <PaymentAddressForm orgId={orgId} settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function PaymentAddressForm({ orgId, settings }: { orgId: string; settings: PortalSettings }) {
  const client = useQueryClient();
  const [template, setTemplate] = useState(settings.paymentUrlTemplate ?? '');
  const [saved, setSaved] = useState<'saved' | 'removed' | null>(null);
  useEffect(() => setTemplate(settings.paymentUrlTemplate ?? ''), [settings.paymentUrlTemplate]);
  const [typed] = useDebouncedValue(template.trim(), 300);
  const preview = useQuery({
    queryKey: ['payment-url-preview', orgId, typed],
    queryFn: () => api<PaymentUrlPreview>('POST', `/api/orgs/${orgId}/portal-settings/preview`, { paymentUrlTemplate: typed }),
    enabled: typed !== '',
    retry: false,
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: (value: string | null) => api<PortalSettings>('PUT', `/api/orgs/${orgId}/portal-settings`, { paymentUrlTemplate: value }),
    onSuccess: async (answer) => {
      setSaved(answer.paymentUrlTemplate === null ? 'removed' : 'saved');
      await client.invalidateQueries({ queryKey: settingsKey(orgId) });
    },
  });
  // The preview's refusal while typing, or the save's: the same check, under the field.
  const previewError = typed !== '' && typed === template.trim() && preview.error instanceof ApiError ? preview.error : null;
  const errors = splitFormError(save.error ?? previewError, { template: ['paymentUrlTemplate'] });
  const shown = preview.data && !previewError && typed !== '' ? preview.data : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.mutate(template.trim() === '' ? null : template.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Payment address">
      <Stack gap="sm">
        <TextInput
          label="Payment address template"
          description="An https address; any other {…} is refused"
          placeholder="https://pay.example.com/invoice/{invoice_number}?amount={amount}&currency={currency}"
          value={template}
          onChange={(event) => {
            setTemplate(event.currentTarget.value);
            setSaved(null);
            save.reset();
          }}
          error={errors.field.template}
          spellCheck={false}
        />
        {shown && (
          <Stack gap={4} aria-label="Preview" role="region">
            <Text size="sm">
              For invoice {shown.invoice.number} ({shown.invoice.amount} {shown.invoice.currency}){shown.invoice.sample ? ', a sample: no invoice is open' : ''}, a payer goes to:
            </Text>
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label="Preview address">
              {shown.url}
            </Code>
            <Anchor href={shown.url} target="_blank" rel="noopener noreferrer" size="sm">
              Open the preview address
            </Anchor>
          </Stack>
        )}
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        {saved && (
          <Alert color="green" role="status">
            {saved === 'saved' ? 'Payment address saved: the payer portal uses it from now on.' : 'Payment address removed: without Stripe, the portal says online payment is not available.'}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending && save.variables !== null}>
            Save address
          </Button>
          {settings.paymentUrlTemplate !== null && (
            <Button variant="subtle" color="red" loading={save.isPending && save.variables === null} onClick={() => (setSaved(null), setTemplate(''), save.mutate(null))}>
              Remove address
            </Button>
          )}
        </Group>
        {settings.updatedAt && (
          <Text size="xs" c="dimmed">
            Last changed {formatInstant(settings.updatedAt)} by {settings.updatedBy}
          </Text>
        )}
      </Stack>
    </form>
  );
}
