import { Badge, Group, List, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { InvoiceTimeline, TimelineEntry } from '../api/types.ts';
import { formatInstant } from './format-instant.ts';

// The inspector's account of one invoice: its promise to pay, payment plan, pause and the tasks
// and escalations waiting (InvoiceStanding), and everything sent, skipped, held and received for
// it, newest first (InvoiceTimelineList). Both come from GET …/invoices/{id}/timeline; its disputes
// with their files are InvoiceDisputes (invoice-disputes.tsx), its payer link InvoicePayerLink.

/** The newest entries the inspector shows; the API says when older ones exist. */
const timelineLimit = 100;

export const timelineQueryKey = (orgId: string, invoiceId: string) => ['timeline', orgId, invoiceId] as const;

export function useInvoiceTimeline(orgId: string, invoiceId: string) {
  return useQuery({
    queryKey: timelineQueryKey(orgId, invoiceId),
    queryFn: () => api<InvoiceTimeline>('GET', `/api/orgs/${orgId}/invoices/${encodeURIComponent(invoiceId)}/timeline?limit=${timelineLimit}`),
  });
}

const kindWords: Record<TimelineEntry['kind'], string> = {
  send: 'Email',
  draft: 'Draft',
  held: 'Held',
  skip: 'Skipped',
  task: 'Task',
  escalation: 'Escalation',
  approved: 'Approved',
  edited: 'Edited',
  discarded: 'Discarded',
  sent: 'Sent',
  failed: 'Failed',
  withdrawn: 'Withdrawn',
  bounce: 'Bounce',
  complaint: 'Complaint',
  reply: 'Reply',
  auto_reply: 'Auto-reply',
  inbound: 'Email in',
  payment: 'Payment',
  payment_reversed: 'Reversal',
  credit: 'Credit',
  promise: 'Promise',
  plan: 'Payment plan',
  plan_cancelled: 'Plan cancelled',
  dispute: 'Dispute',
  dispute_resolved: 'Resolved',
  pause: 'Pause',
  note: 'Note',
};

const kindColors: Partial<Record<TimelineEntry['kind'], string>> = {
  held: 'red',
  failed: 'red',
  bounce: 'red',
  complaint: 'red',
  dispute: 'orange',
  task: 'yellow',
  escalation: 'orange',
  sent: 'green',
  payment: 'green',
  payment_reversed: 'red',
  credit: 'green',
  reply: 'violet',
  promise: 'teal',
  plan: 'teal',
  note: 'gray',
};

const promiseWords = { open: 'open', kept: 'kept', missed: 'broken' } as const;
type TimelinePlan = InvoiceTimeline['plans'][number];
const planWords: Record<TimelinePlan['status'], { text: string; color: string }> = {
  active: { text: 'being kept', color: 'blue' },
  completed: { text: 'completed', color: 'green' },
  broken: { text: 'broken', color: 'red' },
  cancelled: { text: 'cancelled', color: 'gray' },
  replaced: { text: 'replaced', color: 'gray' },
};
const installmentWords: Record<TimelinePlan['installments'][number]['state'], { text: string; color: string }> = {
  paid: { text: 'paid', color: 'green' },
  due: { text: 'due', color: 'blue' },
  missed: { text: 'missed', color: 'red' },
  cancelled: { text: 'called off', color: 'gray' },
};

/** The newest payment plan with each instalment's state, and how the ones before it ended. */
function PlanStanding({ plans }: { plans: InvoiceTimeline['plans'] }) {
  const [plan, ...earlier] = plans;
  if (!plan) return null;
  return (
    <>
      <Title order={4}>Payment plan</Title>
      <Text size="sm">
        {plan.paid.formatted} of {plan.total.formatted} paid since {formatInstant(plan.agreedAt)}
        {plan.approvalId !== null ? ` (approval ${plan.approvalId})` : ''}: <Badge size="sm" color={planWords[plan.status].color}>{planWords[plan.status].text}</Badge>
        {earlier.length > 0 && ` · ${earlier.length} earlier plan${earlier.length === 1 ? '' : 's'}, ${earlier.filter((item) => item.status === 'broken').length} broken`}
      </Text>
      <List size="sm" aria-label="Instalments">
        {plan.installments.map((installment) => (
          <List.Item key={installment.on}>
            {calendarDate(installment.on)} · {installment.amount.formatted} <Badge size="sm" variant="light" color={installmentWords[installment.state].color}>{installmentWords[installment.state].text}</Badge>
          </List.Item>
        ))}
      </List>
    </>
  );
}
const calendarDate = (day: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** The promise, the pause and what waits on a person. */
export function InvoiceStanding({ timeline }: { timeline: InvoiceTimeline }) {
  const [promise, ...earlier] = timeline.promises;
  return (
    <section aria-label="Standing">
      <Stack gap={6}>
        <Title order={4}>Promise to pay</Title>
        {promise ? (
          <Text size="sm">
            {promise.amount.formatted} by {calendarDate(promise.on)}: <Badge size="sm" color={promise.status === 'missed' ? 'red' : promise.status === 'kept' ? 'green' : 'blue'}>{promiseWords[promise.status]}</Badge>
            {earlier.length > 0 && ` · ${earlier.filter((item) => item.status === 'kept').length} kept and ${earlier.filter((item) => item.status === 'missed').length} broken before`}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No promise to pay on this invoice.
          </Text>
        )}
        <PlanStanding plans={timeline.plans} />
        {timeline.pause && (
          <Text size="sm">
            Reminders paused until {calendarDate(timeline.pause.until)} ({timeline.pause.scope === 'customer' ? `every invoice of ${timeline.invoice.customerName}` : 'this invoice'}), since {formatInstant(timeline.pause.since)}.
          </Text>
        )}
        <Title order={4}>Waiting on a person</Title>
        {timeline.waiting.length > 0 ? (
          <List size="sm" aria-label="Tasks and escalations">
            {timeline.waiting.map((task) => (
              <List.Item key={`${task.kind}-${task.at}-${task.summary}`}>
                {task.summary} · {formatInstant(task.at)}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No task or escalation from the last seven days.
          </Text>
        )}
      </Stack>
    </section>
  );
}

/** Everything sent, skipped, held and received for the invoice, newest first. */
export function InvoiceTimelineList({ timeline }: { timeline: InvoiceTimeline }) {
  return (
    <section aria-label="Timeline">
      <Title order={4}>Timeline</Title>
      {timeline.entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing sent, skipped or received for this invoice yet.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420}>
          <List size="sm" spacing={6} listStyleType="none" aria-label="Timeline entries">
            {timeline.entries.map((entry, index) => (
              <List.Item key={`${entry.at}-${entry.kind}-${index}`}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge size="sm" variant="light" color={kindColors[entry.kind] ?? 'blue'} style={{ flexShrink: 0 }}>
                    {kindWords[entry.kind]}
                  </Badge>
                  <div>
                    <Text size="sm">{entry.summary}</Text>
                    <Text size="xs" c="dimmed">
                      {formatInstant(entry.at)}
                      {entry.by ? ` · ${entry.by}` : ''}
                    </Text>
                  </div>
                </Group>
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
      )}
      {timeline.more && (
        <Text size="xs" c="dimmed">
          The newest {timeline.entries.length} are shown; older entries are in the audit log and the outbox.
        </Text>
      )}
    </section>
  );
}
