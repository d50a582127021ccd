import { Alert, Anchor, Badge, Drawer, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useOrganisation } from '../session/use-organisation.ts';
import { InvoiceDisputes } from './invoice-disputes.tsx';
import { InvoicePayerLink } from './invoice-payer-link.tsx';
import { InvoiceStanding, InvoiceTimelineList, useInvoiceTimeline } from './queue-timeline.tsx';

// One invoice opened from the invoice list, open or paid: what it owes, its promise, pause and
// waiting tasks, its disputes with the payer's files, its payer link and its timeline. The queue's
// inspector shows the same parts beside the actions of working it.

export function InvoiceDetailDrawer({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const organisation = useOrganisation();
  const timeline = useInvoiceTimeline(organisation.id, invoiceId);
  const invoice = timeline.data?.invoice;
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={invoice ? `Invoice ${invoice.number} · ${invoice.customerName}` : 'Invoice'}>
      <Stack gap="sm">
        {timeline.isError && (
          <Alert color="red" role="alert">
            {timeline.error.message}
          </Alert>
        )}
        {invoice && (
          <>
            <Group gap="xs">
              <Text>
                {invoice.balance.formatted} open · due {invoice.dueOn}
              </Text>
              <Badge variant="light" color={invoice.status === 'open' ? 'blue' : 'gray'}>
                {invoice.status}
              </Badge>
            </Group>
            <Anchor component={Link} to={`/orgs/${organisation.id}/queue?customer=${encodeURIComponent(invoice.customerId)}`} size="sm">
              Work {invoice.customerName}’s invoices in the collections queue
            </Anchor>
            <InvoiceStanding timeline={timeline.data!} />
            <InvoiceDisputes invoiceId={invoiceId} />
            <InvoicePayerLink invoiceId={invoiceId} invoiceNumber={invoice.number} />
            <InvoiceTimelineList timeline={timeline.data!} />
          </>
        )}
      </Stack>
    </Drawer>
  );
}
