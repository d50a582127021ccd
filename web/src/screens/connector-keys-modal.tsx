import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { PaymentConnector, PaymentProcessorName } from '../api/types.ts';
import { splitFormError } from './field-errors.ts';

// Setting or replacing a connector's keys. Plixo never shows a stored key in full, so replacing
// means giving every key again; the API checks each one's shape and names the field it refuses.

/** 48 random characters from a URL-safe alphabet (288 bits): a shared secret to paste into the sender. */
function generateSharedSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(36));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

export function ConnectorKeysModal({ orgId, processor, replacing, onClose, onSaved }: { orgId: string; processor: PaymentProcessorName; replacing: boolean; onClose: () => void; onSaved: () => void }) {
  const [secretKey, setSecretKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [visible, setVisible] = useState(false);
  const save = useMutation({
    mutationFn: () => api<PaymentConnector>('PUT', `/api/orgs/${orgId}/payment-connectors/${processor}`, processor === 'stripe' ? { secretKey: secretKey.trim() || null, webhookSecret: webhookSecret.trim() } : { webhookSecret: webhookSecret.trim() }),
    onSuccess: onSaved,
  });
  const errors = splitFormError(save.error, { secretKey: ['secretKey'], webhookSecret: ['webhookSecret'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = `${replacing ? 'Replace' : 'Set up'} ${processor === 'stripe' ? 'the Stripe keys' : 'the generic webhook'}`;
  return (
    <Modal opened onClose={onClose} title={title} closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {replacing && <Text size="sm">The keys given here replace the stored ones as a whole, at once.</Text>}
          {processor === 'stripe' ? (
            <>
              <PasswordInput
                label="Secret key"
                description="sk_live_… or sk_test_…, or a restricted key (rk_…) that may create Checkout Sessions. Empty: webhooks only, and payers pay through the payment address."
                value={secretKey}
                onChange={(event) => setSecretKey(event.currentTarget.value)}
                error={errors.field.secretKey}
                // PasswordInput marks its inner input only with data-invalid; assistive technology reads aria-invalid.
                aria-invalid={errors.field.secretKey !== undefined}
                autoComplete="off"
                data-autofocus
              />
              <PasswordInput
                label="Webhook signing secret"
                description="whsec_…, from the endpoint in Stripe’s dashboard"
                required
                value={webhookSecret}
                onChange={(event) => setWebhookSecret(event.currentTarget.value)}
                error={errors.field.webhookSecret}
                aria-invalid={errors.field.webhookSecret !== undefined}
                autoComplete="off"
              />
            </>
          ) : (
            <Stack gap={4}>
              <PasswordInput
                label="Shared secret"
                description="At least 32 printable characters; the sender signs every delivery with it"
                required
                value={webhookSecret}
                onChange={(event) => setWebhookSecret(event.currentTarget.value)}
                visible={visible}
                onVisibilityChange={setVisible}
                error={errors.field.webhookSecret}
                aria-invalid={errors.field.webhookSecret !== undefined}
                autoComplete="off"
                data-autofocus
              />
              <Group gap="xs">
                <Button size="xs" variant="subtle" onClick={() => (setWebhookSecret(generateSharedSecret()), setVisible(true))}>
                  Generate a secret
                </Button>
                <Text size="xs" c="dimmed">
                  Copy it into the sender before saving: Plixo will not show it again.
                </Text>
              </Group>
            </Stack>
          )}
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save keys
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
