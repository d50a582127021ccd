import { Alert, Badge, Button, Code, CopyButton, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { ConnectorCheck, PaymentConnector, PaymentConnectors, PaymentProcessorName, PaymentWebhookEndpoint } from '../api/types.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { ConnectorKeysModal } from './connector-keys-modal.tsx';
import { formatInstant } from './format-instant.ts';

// One payment connector of the organisation: Stripe (its secret key for checkouts, the webhook
// signing secret) or the generic signed webhook (a shared secret). Shown masked, as the API answers
// it, with the webhook address to give the processor, a test that moves no money, and removal.

export const processorNames: Record<PaymentProcessorName, string> = { stripe: 'Stripe', webhook: 'Generic signed webhook' };

/** The Stripe events Plixo acts on (docs/payments.md). */
const stripeEvents = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'payment_intent.succeeded', 'charge.refunded', 'charge.dispute.created', 'charge.dispute.closed'];

const outcomeWords: Record<ConnectorCheck['items'][number]['outcome'], { label: string; color: string }> = {
  passed: { label: 'Passed', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  unknown: { label: 'Not known yet', color: 'gray' },
};
const fieldWords: Record<ConnectorCheck['items'][number]['field'], string> = { secretKey: 'Secret key', webhookSecret: 'Webhook secret' };

export const connectorsQueryKey = (orgId: string) => ['payment-connectors', orgId] as const;

export function PaymentConnectorCard({ orgId, endpoint, connector }: { orgId: string; endpoint: PaymentWebhookEndpoint; connector: PaymentConnector | undefined }) {
  const client = useQueryClient();
  const processor = endpoint.processor;
  const name = processorNames[processor];
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [saved, setSaved] = useState(false);
  const check = useMutation({ mutationFn: () => api<ConnectorCheck>('POST', `/api/orgs/${orgId}/payment-connectors/${processor}/check`, {}) });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/orgs/${orgId}/payment-connectors/${processor}`),
    onSuccess: async () => {
      setRemoving(false);
      setSaved(false);
      check.reset();
      await client.invalidateQueries({ queryKey: connectorsQueryKey(orgId) });
    },
  });
  const titleId = `connector-${processor}-title`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id={titleId}>
            {name}
          </Title>
          <Badge variant="light" color={connector ? 'green' : 'gray'}>
            {connector ? 'Set up' : 'Not set up'}
          </Badge>
        </Group>
        {saved && (
          <Alert color="green" role="status" withCloseButton onClose={() => setSaved(false)}>
            Saved. From now on Plixo shows only the start and the last four characters of each key.
          </Alert>
        )}
        {connector && <ConnectorKeys connector={connector} />}
        <WebhookAddress endpoint={endpoint} />
        {processor === 'stripe' ? <StripeSteps /> : <SigningSteps url={endpoint.webhookUrl} />}
        <Group gap="xs">
          <Button variant={connector ? 'light' : 'filled'} onClick={() => (setSaved(false), setEditing(true))}>
            {connector ? 'Replace keys' : processor === 'stripe' ? 'Set up Stripe' : 'Set up the webhook'}
          </Button>
          {connector && (
            <>
              <Button variant="light" onClick={() => check.mutate()} loading={check.isPending}>
                Test connection
              </Button>
              <Button variant="subtle" color="red" onClick={() => setRemoving(true)}>
                Remove
              </Button>
            </>
          )}
        </Group>
        {check.isError && (
          <Alert color="red" role="alert">
            {check.error.message}
          </Alert>
        )}
        {check.data && <CheckResult check={check.data} />}
      </Stack>
      {editing && (
        <ConnectorKeysModal
          orgId={orgId}
          processor={processor}
          replacing={connector !== undefined}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            setSaved(true);
            check.reset();
            await client.invalidateQueries({ queryKey: connectorsQueryKey(orgId) });
          }}
        />
      )}
      {removing && (
        <ConfirmModal title={`Remove the ${name} connector`} confirmLabel="Remove connector" onConfirm={() => remove.mutate()} onClose={() => setRemoving(false)} pending={remove.isPending} error={remove.error}>
          <Text size="sm">
            {processor === 'stripe'
              ? 'Stripe’s webhooks are refused from now on, and payers can no longer pay by card through Stripe: the portal sends them to the payment address if one is set. Payments already recorded stay.'
              : 'Deliveries to the generic webhook are refused from now on. Payments already recorded stay.'}
          </Text>
        </ConfirmModal>
      )}
    </Paper>
  );
}

function ConnectorKeys({ connector }: { connector: PaymentConnector }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder aria-label={`Keys of ${processorNames[connector.processor]}`}>
      <Table.Tbody>
        {connector.processor === 'stripe' && (
          <Table.Tr>
            <Table.Th w={220}>Secret key</Table.Th>
            <Table.Td>{connector.secretKey ? <Code>{connector.secretKey}</Code> : 'None: webhooks only, no card payments from the portal'}</Table.Td>
          </Table.Tr>
        )}
        <Table.Tr>
          <Table.Th w={220}>{connector.processor === 'stripe' ? 'Webhook signing secret' : 'Shared secret'}</Table.Th>
          <Table.Td>
            {connector.unreadable ? (
              <Text c="red" size="sm" role="alert">
                These keys do not open with this installation’s secret (PLIXO_SECRET changed). Replace the keys to mend the connector.
              </Text>
            ) : (
              <Code>{connector.webhookSecret}</Code>
            )}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Set</Table.Th>
          <Table.Td>
            {formatInstant(connector.setAt)} by {connector.setBy}
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Last verified delivery</Table.Th>
          <Table.Td>{connector.lastDeliveryAt ? formatInstant(connector.lastDeliveryAt) : 'None since these keys were set'}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function WebhookAddress({ endpoint }: { endpoint: PaymentWebhookEndpoint }) {
  // Processors post from the internet: an address without HTTPS or on this machine only is not one they can reach.
  const unreachable = !endpoint.webhookUrl.startsWith('https:') || /^https?:\/\/(localhost|127\.|\[::1\])/.test(endpoint.webhookUrl);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`webhook-url-${endpoint.processor}`}>
        Webhook address
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block aria-labelledby={`webhook-url-${endpoint.processor}`} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }}>
          {endpoint.webhookUrl}
        </Code>
        {/* The clipboard is there only on HTTPS (and loopback); elsewhere the address is selected by hand. */}
        {window.isSecureContext && (
          <CopyButton value={endpoint.webhookUrl}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" color={copied ? 'green' : 'blue'} onClick={copy} aria-label={`Copy the ${processorNames[endpoint.processor]} webhook address`}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        )}
      </Group>
      {unreachable && (
        <Text size="xs" c="orange">
          Processors send webhooks only to an HTTPS address they can reach from the internet. Set PLIXO_PUBLIC_URL to this Plixo’s public address and the address here follows.
        </Text>
      )}
    </Stack>
  );
}

function StripeSteps() {
  return (
    <List size="sm" type="ordered" spacing={2}>
      <List.Item>In Stripe’s dashboard, open Developers → Webhooks and add an endpoint at the webhook address above.</List.Item>
      <List.Item>
        Select the events {stripeEvents.map((event, index) => <span key={event}>{index > 0 && ', '}<Code>{event}</Code></span>)}.
      </List.Item>
      <List.Item>Reveal the endpoint’s signing secret (whsec_…) and give it here with the secret key (sk_… or a restricted rk_… that may create Checkout Sessions).</List.Item>
      <List.Item>Send a test event from Stripe, then Test connection: the delivery shows that the signing secret works.</List.Item>
    </List>
  );
}

function SigningSteps({ url }: { url: string }) {
  const example = `secret='your-shared-secret'
body='{"id":"evt-1","type":"payment.received","createdAt":"2026-12-02T10:00:00Z","payment":{"id":"RCPT-1","amount":"100.00","currency":"EUR","invoices":[{"invoice":"INV-1"}]}}'
t=$(date +%s)
sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')
curl -X POST '${url}' -H 'Content-Type: application/json' -H "Plixo-Signature: t=$t,v1=$sig" --data-binary "$body"`;
  return (
    <Stack gap={4}>
      <Text size="sm">
        For other processors, banks and ERPs. Each delivery carries <Code>{'Plixo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">'}</Code> made with the shared secret over the body exactly as sent; a timestamp more than five minutes off is refused. The events and their fields are in the payments guide.
      </Text>
      <Code block aria-label="Signing a delivery from a shell" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {example}
      </Code>
    </Stack>
  );
}

function CheckResult({ check }: { check: ConnectorCheck }) {
  return (
    <Alert color={check.ok ? 'green' : 'red'} role="status" title={check.ok ? 'Nothing failed' : 'The connection test failed'}>
      <List size="sm" spacing={4} listStyleType="none" aria-label="Test results">
        {check.items.map((item) => (
          <List.Item key={item.field}>
            <Badge size="sm" variant="light" color={outcomeWords[item.outcome].color} mr={6}>
              {outcomeWords[item.outcome].label}
            </Badge>
            {fieldWords[item.field]}: {item.message}
            {item.field === 'webhookSecret' && check.lastDeliveryAt ? ` (last on ${formatInstant(check.lastDeliveryAt)})` : ''}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The connectors in the order of the endpoints (every processor, set up or not). */
export function connectorCards(data: PaymentConnectors): { endpoint: PaymentWebhookEndpoint; connector: PaymentConnector | undefined }[] {
  return data.endpoints.map((endpoint) => ({ endpoint, connector: data.items.find((item) => item.processor === endpoint.processor) }));
}
