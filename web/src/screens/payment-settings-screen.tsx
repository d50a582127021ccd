import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { PaymentConnectors } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { connectorCards, connectorsQueryKey, PaymentConnectorCard } from './payment-connectors.tsx';
import { PortalPaymentAddress } from './portal-payment-address.tsx';

// Settings → Payments (connectors.manage: Controllers and Billing Admins): the organisation's
// payment connectors (Stripe, the generic signed webhook) with their webhook addresses, and the
// payer portal's own payment address for when Stripe takes no card payments.

export function PaymentSettingsScreen() {
  const organisation = useOrganisation();
  const connectors = useQuery({ queryKey: connectorsQueryKey(organisation.id), queryFn: () => api<PaymentConnectors>('GET', `/api/orgs/${organisation.id}/payment-connectors`) });
  const stripe = connectors.data?.items.find((item) => item.processor === 'stripe');
  return (
    <Stack gap="lg">
      <Title order={2}>Payment settings</Title>
      <Text c="dimmed" maw={760}>
        Money never passes through Plixo: payers pay through your own Stripe account or payment page, and the processor tells Plixo what happened through its webhook. Keys are shown masked once saved; every change is in the audit log.{' '}
        <Anchor component={Link} to="/docs/payments#in-the-web-app">
          The payments guide
        </Anchor>
      </Text>
      {connectors.isError && (
        <Alert color="red" role="alert">
          {connectors.error.message}
        </Alert>
      )}
      {connectors.data && connectorCards(connectors.data).map(({ endpoint, connector }) => <PaymentConnectorCard key={endpoint.processor} orgId={organisation.id} endpoint={endpoint} connector={connector} />)}
      {connectors.data && <PortalPaymentAddress orgId={organisation.id} stripeTakesPayments={Boolean(stripe?.secretKey)} />}
    </Stack>
  );
}
