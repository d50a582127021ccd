import { Alert, Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { DisputeReasonCode, InvoiceTimeline, QueueEntry, SuppressionReason } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { splitFormError } from './field-errors.ts';

// What a person records from the inspector, each in a small dialog over the existing routes: a
// promise to pay, a dispute, a note, a pause of reminders (queue.work), and the suppression of a
// contact's address (suppressions.manage). Only the buttons the role permits are shown; the API
// refuses the rest anyway. After each, the timeline and the queue are read again.

type Action = 'promise' | 'dispute' | 'note' | 'pause' | 'suppress';

export const disputeReasons: Record<DisputeReasonCode, string> = {
  pricing: 'Pricing or discount not as agreed',
  quantity: 'Quantity short or over-billed',
  quality: 'Damaged or faulty goods or service',
  not_received: 'Goods or service not received',
  duplicate: 'Billed twice',
  terms: 'Payment terms or due date disputed',
  other: 'Other',
};

const suppressionReasons: Record<SuppressionReason, string> = {
  opted_out: 'Opted out (asked not to be emailed)',
  legal_hold: 'Legal hold',
  invalid: 'Invalid address',
};

const doneWords: Record<Action, string> = {
  promise: 'Promise to pay recorded.',
  dispute: 'Dispute opened: the invoice leaves dunning until it is resolved.',
  note: 'Note added.',
  pause: 'Reminders paused.',
  suppress: 'Address suppressed: Plixo will not write to it.',
};

export function InspectorActions({ entry, timeline }: { entry: QueueEntry; timeline: InvoiceTimeline | undefined }) {
  const organisation = useOrganisation();
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const canWork = organisation.can('queue.work');
  const canSuppress = organisation.can('suppressions.manage');
  if (!canWork && !canSuppress) return null;
  const finish = (action: Action) => {
    setOpen(null);
    setDone(action);
  };
  const props = { orgId: organisation.id, entry, timeline, onClose: () => setOpen(null) };
  return (
    <section aria-label="Actions">
      <Group gap="xs">
        {canWork && (
          <>
            <Button size="compact-sm" variant="light" onClick={() => (setDone(null), setOpen('promise'))}>
              Record a promise
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => (setDone(null), setOpen('note'))}>
              Add a note
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => (setDone(null), setOpen('pause'))}>
              Pause reminders
            </Button>
            <Button size="compact-sm" variant="light" color="orange" onClick={() => (setDone(null), setOpen('dispute'))}>
              Open a dispute
            </Button>
          </>
        )}
        {canSuppress && (
          <Button size="compact-sm" variant="light" color="red" onClick={() => (setDone(null), setOpen('suppress'))} disabled={timeline !== undefined && timeline.contacts.length === 0}>
            Suppress an address
          </Button>
        )}
      </Group>
      {done && (
        <Alert color="green" role="status" mt="xs" withCloseButton onClose={() => setDone(null)}>
          {doneWords[done]}
        </Alert>
      )}
      {open === 'promise' && <PromiseModal {...props} onDone={() => finish('promise')} />}
      {open === 'note' && <NoteModal {...props} onDone={() => finish('note')} />}
      {open === 'pause' && <PauseModal {...props} onDone={() => finish('pause')} />}
      {open === 'dispute' && <DisputeModal {...props} onDone={() => finish('dispute')} />}
      {open === 'suppress' && <SuppressModal {...props} onDone={() => finish('suppress')} />}
    </section>
  );
}

interface ModalProps {
  orgId: string;
  entry: QueueEntry;
  timeline: InvoiceTimeline | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** A POST from a dialog: one Idempotency-Key per dialog (a failed request frees it), then the timeline and the queue again. */
function useRecord(orgId: string, path: string, onDone: () => void) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: (body: object) => api('POST', `/api/orgs/${orgId}/${path}`, body, { idempotencyKey: key }),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['timeline', orgId] }), client.invalidateQueries({ queryKey: ['queue', orgId] })]);
      onDone();
    },
  });
}

function RecordModal(props: { title: string; submitLabel: string; onClose: () => void; onSubmit: () => void; pending: boolean; error: string | null; ready: boolean; children: ReactNode }) {
  return (
    <Modal opened onClose={props.onClose} title={props.title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (props.ready) props.onSubmit();
        }}
      >
        <Stack>
          {props.children}
          {props.error && (
            <Alert color="red" role="alert">
              {props.error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={props.pending} disabled={!props.ready}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PromiseModal({ orgId, entry, timeline, onClose, onDone }: ModalProps) {
  const [amount, setAmount] = useState('');
  const [on, setOn] = useState('');
  const [contact, setContact] = useState<string | null>(null);
  const record = useRecord(orgId, 'promises', onDone);
  const errors = splitFormError(record.error, { amount: ['amount'], on: ['on'], contact: ['contact'] });
  return (
    <RecordModal
      title={`Record a promise to pay on ${entry.invoiceNumber}`}
      submitLabel="Record promise"
      onClose={onClose}
      onSubmit={() => record.mutate({ invoiceId: entry.invoiceId, amount: amount.trim(), on, ...(contact ? { contact } : {}) })}
      pending={record.isPending}
      error={errors.form}
      ready={amount.trim() !== '' && on !== ''}
    >
      <TextInput
        label="Amount"
        description={`In ${entry.balance.currency}, at most the open ${timeline?.invoice.balance.formatted ?? `${entry.balance.value} ${entry.balance.currency}`}`}
        value={amount}
        onChange={(event) => setAmount(event.currentTarget.value)}
        error={errors.field.amount}
        inputMode="decimal"
        data-autofocus
      />
      <TextInput label="Promised for" type="date" description="The cadence waits until this date and the policy's grace days" value={on} onChange={(event) => setOn(event.currentTarget.value)} error={errors.field.on} />
      <Select label="Payer contact" placeholder="Optional" clearable data={(timeline?.contacts ?? []).map((item) => item.email)} value={contact} onChange={setContact} error={errors.field.contact} />
    </RecordModal>
  );
}

function NoteModal({ orgId, entry, onClose, onDone }: ModalProps) {
  const [body, setBody] = useState('');
  const record = useRecord(orgId, 'notes', onDone);
  const errors = splitFormError(record.error, { body: ['body'] });
  return (
    <RecordModal
      title={`Add a note on ${entry.invoiceNumber}`}
      submitLabel="Add note"
      onClose={onClose}
      onSubmit={() => record.mutate({ customerId: entry.customerId, invoiceId: entry.invoiceId, body: body.trim() })}
      pending={record.isPending}
      error={errors.form}
      ready={body.trim() !== ''}
    >
      <Textarea label="Note" description="Internal; @name mentions a member, who is emailed a link" autosize minRows={3} value={body} onChange={(event) => setBody(event.currentTarget.value)} error={errors.field.body} data-autofocus />
    </RecordModal>
  );
}

function PauseModal({ orgId, entry, onClose, onDone }: ModalProps) {
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<string | null>('invoice');
  const record = useRecord(orgId, 'pauses', onDone);
  const errors = splitFormError(record.error, { until: ['until'], reason: ['reason'], scope: ['customerId', 'invoiceId'] });
  return (
    <RecordModal
      title={`Pause reminders on ${entry.invoiceNumber}`}
      submitLabel="Pause"
      onClose={onClose}
      onSubmit={() => record.mutate({ ...(scope === 'customer' ? { customerId: entry.customerId } : { invoiceId: entry.invoiceId }), until, reason: reason.trim() })}
      pending={record.isPending}
      error={errors.form}
      ready={until !== '' && reason.trim() !== ''}
    >
      <Select
        label="Pause"
        data={[
          { value: 'invoice', label: `This invoice (${entry.invoiceNumber})` },
          { value: 'customer', label: `Every invoice of ${entry.customerName}` },
        ]}
        value={scope}
        onChange={setScope}
        allowDeselect={false}
        error={errors.field.scope}
      />
      <TextInput label="Until" type="date" description="Nothing automated goes out before the start of this date in the customer's time zone" value={until} onChange={(event) => setUntil(event.currentTarget.value)} error={errors.field.until} />
      <Textarea label="Reason" description="Kept in the audit trail" value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={errors.field.reason} />
    </RecordModal>
  );
}

function DisputeModal({ orgId, entry, onClose, onDone }: ModalProps) {
  const [reason, setReason] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const record = useRecord(orgId, 'disputes', onDone);
  const errors = splitFormError(record.error, { reason: ['reason'], description: ['description'] });
  return (
    <RecordModal
      title={`Open a dispute on ${entry.invoiceNumber}`}
      submitLabel="Open dispute"
      onClose={onClose}
      onSubmit={() => record.mutate({ invoiceId: entry.invoiceId, reason, description: description.trim() })}
      pending={record.isPending}
      error={errors.form}
      ready={reason !== null}
    >
      <Select label="Reason" data={Object.entries(disputeReasons).map(([value, label]) => ({ value, label }))} value={reason} onChange={setReason} error={errors.field.reason} />
      <Textarea label="What the customer says" value={description} onChange={(event) => setDescription(event.currentTarget.value)} error={errors.field.description} />
    </RecordModal>
  );
}

function SuppressModal({ orgId, timeline, onClose, onDone }: ModalProps) {
  const contacts = timeline?.contacts ?? [];
  const [email, setEmail] = useState<string | null>(contacts.find((contact) => contact.suppressed === null)?.email ?? null);
  const [reason, setReason] = useState<string | null>('opted_out');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const record = useRecord(orgId, 'suppressions', onDone);
  const errors = splitFormError(record.error, { email: ['email'], reason: ['reason'], until: ['until'], note: ['note'] });
  return (
    <RecordModal
      title="Suppress a contact's address"
      submitLabel="Suppress"
      onClose={onClose}
      onSubmit={() => record.mutate({ email, reason, ...(note.trim() ? { note: note.trim() } : {}), ...(until ? { until: new Date(`${until}T00:00:00`).toISOString() } : {}) })}
      pending={record.isPending}
      error={errors.form}
      ready={email !== null && reason !== null}
    >
      <Select
        label="Address"
        data={contacts.map((contact) => ({ value: contact.email, label: `${contact.name ? `${contact.name} · ` : ''}${contact.email}${contact.suppressed ? ` (suppressed: ${contact.suppressed.reason.replace('_', ' ')})` : ''}` }))}
        value={email}
        onChange={setEmail}
        error={errors.field.email}
      />
      <Select label="Reason" data={Object.entries(suppressionReasons).map(([value, label]) => ({ value, label }))} value={reason} onChange={setReason} allowDeselect={false} error={errors.field.reason} />
      <TextInput label="Until" type="date" description="Optional: the address is written to again from this date" value={until} onChange={(event) => setUntil(event.currentTarget.value)} error={errors.field.until} />
      <Textarea label="Note" description="Optional; kept with the suppression and in the audit trail" value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.field.note} />
    </RecordModal>
  );
}
