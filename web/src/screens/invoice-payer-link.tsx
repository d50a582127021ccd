import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { PayerLinkStatus, RegeneratedPayerLink } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { ConfirmModal } from './confirm-modal.tsx';
import { formatInstant } from './format-instant.ts';
import { timelineQueryKey } from './queue-timeline.tsx';

// The invoice's payer link, for those who work the queue: whether the link messages carry opens
// (live, expired after seven idle days, used for a payment), its last use and expiry, its address
// to copy, and "Regenerate link", which revokes it at once (a forwarded email, a link seen by the
// wrong person). Audited as portal.link_regenerate.

type Link = NonNullable<PayerLinkStatus['link']>;

const stateWords: Record<Link['state'], { label: string; color: string }> = {
  live: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  spent: { label: 'Used for a payment', color: 'blue' },
};

export function InvoicePayerLink({ invoiceId, invoiceNumber }: { invoiceId: string; invoiceNumber: string }) {
  const organisation = useOrganisation();
  const client = useQueryClient();
  const queryKey = [...timelineQueryKey(organisation.id, invoiceId), 'payer-link'];
  const status = useQuery({ queryKey, queryFn: () => api<PayerLinkStatus>('GET', `/api/orgs/${organisation.id}/invoices/${encodeURIComponent(invoiceId)}/payer-link`), enabled: organisation.can('queue.work') });
  const [confirming, setConfirming] = useState(false);
  const regenerate = useMutation({
    mutationFn: () => api<RegeneratedPayerLink>('POST', `/api/orgs/${organisation.id}/invoices/${encodeURIComponent(invoiceId)}/payer-link`, {}),
    onSuccess: async () => {
      setConfirming(false);
      await client.invalidateQueries({ queryKey });
    },
  });
  if (!organisation.can('queue.work')) return null;
  const link = status.data?.link ?? null;
  return (
    <section aria-label="Payer link">
      <Stack gap={6}>
        <Group gap="xs">
          <Title order={4}>Payer link</Title>
          {status.data && (link ? <Badge variant="light" color={stateWords[link.state].color}>{stateWords[link.state].label}</Badge> : <Badge variant="light" color="gray">None yet</Badge>)}
        </Group>
        {status.isError && (
          <Alert color="red" role="alert">
            {status.error.message}
          </Alert>
        )}
        {regenerate.data && (
          <Alert color="green" role="status" withCloseButton onClose={() => regenerate.reset()}>
            {regenerate.data.revokedPrevious ? 'New link made: the old one no longer opens. The next message carries the new one.' : 'Link made: the next message carries it.'}
          </Alert>
        )}
        {status.data && !link && (
          <Text size="sm" c="dimmed">
            No message has carried a link for this invoice yet; the first one issues it.
          </Text>
        )}
        {link && (
          <>
            <Text size="sm">
              {link.state === 'spent'
                ? `A payment started through it completed on ${formatInstant(link.spentAt)}; it opens nothing any more.`
                : `Last used ${formatInstant(link.lastUsedAt)} · ${link.state === 'live' ? 'expires' : 'expired'} ${formatInstant(link.expiresAt)}${link.state === 'live' ? ' unless used again' : ''}.`}{' '}
              Issued {formatInstant(link.createdAt)}.
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Code block aria-label="Payer link address" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }}>
                {link.url}
              </Code>
              {window.isSecureContext && (
                <CopyButton value={link.url}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" color={copied ? 'green' : 'blue'} onClick={copy}>
                      {copied ? 'Copied' : 'Copy link'}
                    </Button>
                  )}
                </CopyButton>
              )}
            </Group>
          </>
        )}
        {status.data && (
          <Group>
            <Button size="compact-sm" variant="light" color="orange" onClick={() => (regenerate.reset(), setConfirming(true))}>
              {link ? 'Regenerate link' : 'Create a link'}
            </Button>
          </Group>
        )}
      </Stack>
      {confirming && (
        <ConfirmModal title={`Regenerate the payer link of ${invoiceNumber}`} confirmLabel="Regenerate link" color="orange" onConfirm={() => regenerate.mutate()} onClose={() => setConfirming(false)} pending={regenerate.isPending} error={regenerate.error}>
          <Text size="sm">
            {link
              ? 'The current link stops working at once: a payer who opens it is told it was replaced and can ask for a fresh one by email. The next message carries the new link.'
              : 'A new link is issued now; the next message carries it.'}{' '}
            Recorded in the audit log.
          </Text>
        </ConfirmModal>
      )}
    </section>
  );
}
