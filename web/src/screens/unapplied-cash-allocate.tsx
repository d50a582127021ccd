import { ActionIcon, Alert, Anchor, Badge, Button, Divider, FileInput, Group, List, Modal, Paper, Radio, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatAmount, parseAmount } from '../../../src/core/money/money.ts';
import { api, ApiError, newIdempotencyKey } from '../api/client.ts';
import type { AllocationAnswer, AllocationBody, CashSuggestion, InvoiceToAllocate, ShortPayOutcome, UnappliedPayment } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatMinor } from './format-figures.ts';
import { disputeReasons } from './queue-actions.tsx';

// Allocating one payment: Cash-App Assist's suggestions (each with its confidence and reasons, one
// click to use), invoice lines added from a search (several for a split), an amount and, when an
// amount leaves part of an invoice open, what happens to the rest: write it off (within the
// cadence's credit caps at once, otherwise sent for approval), a promise for the rest, a dispute
// with the remittance attached, or leave it open. One Allocate does it all in one transaction.

type Resolution = 'write_off' | 'promise' | 'dispute' | 'leave_open';

interface Line {
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  openMinor: number;
  amount: string;
  resolution: Resolution;
  reason: string;
  on: string;
  disputeReason: string | null;
  description: string;
  file: File | null;
}

export interface AllocationDone {
  title: string;
  lines: string[];
}

const resolutionWords: Record<Resolution, string> = { write_off: 'Write off the variance', promise: 'Promise for the rest', dispute: 'Dispute', leave_open: 'Leave open' };

const lineFrom = (invoice: { invoiceId: string; invoiceNumber: string; customerName: string; openMinor: number }, amount: string): Line => ({
  ...invoice,
  amount,
  resolution: 'leave_open',
  reason: '',
  on: '',
  disputeReason: null,
  description: '',
  file: null,
});

/** The remainder a line leaves on its invoice, in minor units; null while the amount is not one. */
function remainderOf(line: Line, currency: string): number | null {
  const parsed = parseAmount(line.amount, currency);
  return parsed.ok ? line.openMinor - parsed.minor : null;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let index = 0; index < bytes.length; index += 0x8000) text += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(text);
}

function describeOutcome(outcome: ShortPayOutcome): string {
  const rest = `${outcome.invoiceNumber}: ${outcome.remainder.formatted} left`;
  if (outcome.resolution === 'write_off') {
    return outcome.approval?.status === 'approved' ? `${rest}, written off within the credit caps.` : `${rest}, write-off sent for approval (${outcome.approval?.awaiting.join(', ').replaceAll('_', ' ')}).`;
  }
  if (outcome.resolution === 'promise') return `${rest}, promised for ${outcome.promisedOn}.`;
  if (outcome.resolution === 'dispute') return `${rest}, dispute #${outcome.disputeId} opened with the remittance.`;
  return `${rest} open.`;
}

export function AllocatePaymentModal({ payment, onClose, onDone }: { payment: UnappliedPayment; onClose: () => void; onDone: (done: AllocationDone) => void }) {
  const organisation = useOrganisation();
  const client = useQueryClient();
  const currency = payment.amount.currency;
  const [lines, setLines] = useState<Line[]>([]);
  const [note, setNote] = useState('');
  const [key] = useState(newIdempotencyKey);
  const canWriteOff = organisation.can('exceptions.request');
  const canWorkQueue = organisation.can('queue.work');
  const choices = (['write_off', 'promise', 'dispute', 'leave_open'] as const).filter((choice) => (choice === 'write_off' ? canWriteOff : choice === 'leave_open' ? true : canWorkQueue));

  const totalMinor = lines.reduce((sum, line) => {
    const parsed = parseAmount(line.amount, currency);
    return sum + (parsed.ok ? parsed.minor : 0);
  }, 0);
  const leftMinor = payment.unapplied.minor - totalMinor;
  const update = (index: number, change: Partial<Line>) => setLines((current) => current.map((line, at) => (at === index ? { ...line, ...change } : line)));
  const applySuggestion = (suggestion: CashSuggestion) =>
    setLines(suggestion.lines.map((line) => lineFrom({ invoiceId: line.invoiceId, invoiceNumber: line.invoiceNumber, customerName: line.customerName, openMinor: line.open.minor }, formatAmount(line.amount.minor, currency))));
  const addInvoice = (invoice: InvoiceToAllocate) => {
    const amountMinor = Math.max(0, Math.min(invoice.open.minor, leftMinor));
    setLines((current) => [...current, lineFrom({ invoiceId: invoice.id, invoiceNumber: invoice.number, customerName: invoice.customerName, openMinor: invoice.open.minor }, formatAmount(amountMinor, currency))]);
  };

  const allocate = useMutation({
    mutationFn: async () => {
      const shortPays: NonNullable<AllocationBody['shortPays']> = [];
      for (const line of lines) {
        const remainder = remainderOf(line, currency);
        if (remainder === null || remainder <= 0) continue;
        if (line.resolution === 'write_off') shortPays.push({ invoiceId: line.invoiceId, resolution: 'write_off', ...(line.reason.trim() ? { reason: line.reason.trim() } : {}) });
        else if (line.resolution === 'promise') shortPays.push({ invoiceId: line.invoiceId, resolution: 'promise', on: line.on });
        else if (line.resolution === 'dispute') {
          shortPays.push({
            invoiceId: line.invoiceId,
            resolution: 'dispute',
            ...(line.disputeReason ? { reason: line.disputeReason } : {}),
            ...(line.description.trim() ? { description: line.description.trim() } : {}),
            ...(line.file ? { attachment: { filename: line.file.name, contentBase64: await toBase64(line.file) } } : {}),
          });
        } else shortPays.push({ invoiceId: line.invoiceId, resolution: 'leave_open' });
      }
      const body: AllocationBody = { allocations: lines.map((line) => ({ invoiceId: line.invoiceId, amount: line.amount.trim() })), ...(note.trim() ? { note: note.trim() } : {}), shortPays };
      return api<AllocationAnswer>('POST', `/api/orgs/${organisation.id}/payments/${payment.id}/allocations`, body, { idempotencyKey: key });
    },
    onSuccess: async (answer) => {
      await Promise.all([client.invalidateQueries({ queryKey: ['unapplied-cash', organisation.id] }), client.invalidateQueries({ queryKey: ['approvals', organisation.id] })]);
      onDone({
        title: `Payment ${payment.sourceId}: ${formatMinor(totalMinor, currency)} allocated, ${answer.unapplied.formatted} left unapplied.`,
        lines: answer.shortPays.map(describeOutcome),
      });
    },
  });
  const error = allocate.error instanceof ApiError ? allocate.error : allocate.error ? new ApiError(0, 'unknown', 'Plixo could not be reached. Try again in a moment.', null) : null;
  // An error naming a line's field is shown beside it; shortPays are listed in line order, for the lines left short.
  const shortLines = lines.map((line, index) => ({ index, remainder: remainderOf(line, currency) })).filter((each) => each.remainder !== null && each.remainder > 0);
  const errorFor = (index: number, field: string): string | undefined => {
    if (!error?.field) return undefined;
    if (error.field === `allocations[${index}].${field}`) return error.message;
    const position = shortLines.findIndex((each) => each.index === index);
    return position >= 0 && error.field === `shortPays[${position}].${field}` ? error.message : undefined;
  };
  const lineFields = ['amount', 'invoiceId', 'reason', 'on', 'attachment', 'resolution', 'description'];
  const formError = error && !lines.some((_line, index) => lineFields.some((field) => errorFor(index, field) !== undefined)) ? error.message : null;
  const ready = lines.length > 0 && lines.every((line) => remainderOf(line, currency) !== null) && totalMinor > 0 && leftMinor >= 0;

  return (
    <Modal opened onClose={onClose} size="xl" title={`Allocate payment ${payment.sourceId}`}>
      <Stack>
        <Paper withBorder p="sm">
          <Group justify="space-between" align="start">
            <Stack gap={2}>
              <Text fw={500}>{payment.payerName ?? 'Payer not given'}</Text>
              <Text size="sm" c="dimmed">
                Memo: {payment.memo ?? '–'}
              </Text>
            </Stack>
            <Stack gap={2} align="end">
              <Text>Received {payment.amount.formatted}</Text>
              <Text size="sm">Unapplied {payment.unapplied.formatted}</Text>
            </Stack>
          </Group>
        </Paper>
        <Suggestions payment={payment} onUse={applySuggestion} />
        <Divider label="Invoices" labelPosition="left" />
        {lines.length === 0 && (
          <Text size="sm" c="dimmed">
            Use a suggestion, or find invoices below and add them.
          </Text>
        )}
        {lines.map((line, index) => {
          const remainder = remainderOf(line, currency);
          return (
            <Paper key={line.invoiceId} withBorder p="sm" component="section" aria-label={`Line ${line.invoiceNumber}`}>
              <Group align="end" wrap="nowrap">
                <Stack gap={0} style={{ flex: 1 }}>
                  <Text fw={500}>{line.invoiceNumber}</Text>
                  <Text size="sm" c="dimmed">
                    {line.customerName} · owes {formatMinor(line.openMinor, currency)}
                  </Text>
                </Stack>
                <TextInput label={`Amount for ${line.invoiceNumber}`} value={line.amount} onChange={(event) => update(index, { amount: event.currentTarget.value })} inputMode="decimal" w={200} error={errorFor(index, 'amount') ?? (remainder !== null && remainder < 0 ? 'More than the invoice owes' : undefined)} />
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${line.invoiceNumber}`} onClick={() => setLines((current) => current.filter((_each, at) => at !== index))}>
                  ×
                </ActionIcon>
              </Group>
              {remainder !== null && remainder > 0 && (
                <Stack gap="xs" mt="xs">
                  <Radio.Group label={`${formatMinor(remainder, currency)} of ${line.invoiceNumber} stays open: what about the rest?`} value={line.resolution} onChange={(value) => update(index, { resolution: value as Resolution })} error={errorFor(index, 'resolution')}>
                    <Group mt={4}>
                      {choices.map((choice) => (
                        <Radio key={choice} value={choice} label={resolutionWords[choice]} />
                      ))}
                    </Group>
                  </Radio.Group>
                  {line.resolution === 'write_off' && (
                    <TextInput label="Why the variance is accepted" description="Optional. Within the cadence's credit caps it is credited at once; above them it goes to the approvers." value={line.reason} onChange={(event) => update(index, { reason: event.currentTarget.value })} error={errorFor(index, 'reason')} />
                  )}
                  {line.resolution === 'promise' && <TextInput label="Promised for" type="date" description="The cadence waits until this date and the policy's grace days" value={line.on} onChange={(event) => update(index, { on: event.currentTarget.value })} error={errorFor(index, 'on')} />}
                  {line.resolution === 'dispute' && (
                    <>
                      <Select label="Dispute reason" data={Object.entries(disputeReasons).map(([value, label]) => ({ value, label }))} value={line.disputeReason} onChange={(value) => update(index, { disputeReason: value })} error={errorFor(index, 'reason')} />
                      <Textarea label="What the customer says" description="The payment's memo and details are attached as the remittance" value={line.description} onChange={(event) => update(index, { description: event.currentTarget.value })} error={errorFor(index, 'description')} />
                      <FileInput label="Remittance file" placeholder="Optional: PDF, PNG or JPEG, up to 2 MB" accept="application/pdf,image/png,image/jpeg" value={line.file} onChange={(file) => update(index, { file })} clearable error={errorFor(index, 'attachment')} />
                    </>
                  )}
                </Stack>
              )}
            </Paper>
          );
        })}
        <InvoiceSearch orgId={organisation.id} currency={currency} taken={new Set(lines.map((line) => line.invoiceId))} onAdd={addInvoice} />
        <Textarea label="Note" description="Kept with the allocation and in the audit trail" value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} />
        <Text size="sm">
          The payer sent a remittance advice?{' '}
          <Anchor component={Link} to={`/orgs/${organisation.id}/payments/${payment.id}/remittance`}>
            Upload it for a proposal line by line
          </Anchor>
        </Text>
        <Group justify="space-between">
          <Text size="sm" aria-label="Allocation total">
            Allocating {formatMinor(totalMinor, currency)} · {leftMinor >= 0 ? `${formatMinor(leftMinor, currency)} left unapplied` : `${formatMinor(-leftMinor, currency)} more than the payment has unapplied`}
          </Text>
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => allocate.mutate()} loading={allocate.isPending} disabled={!ready}>
              Allocate
            </Button>
          </Group>
        </Group>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}

function Suggestions({ payment, onUse }: { payment: UnappliedPayment; onUse: (suggestion: CashSuggestion) => void }) {
  if (payment.suggestions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No suggestion: {payment.nothingFound ?? 'nothing fits'}.
      </Text>
    );
  }
  return (
    <section aria-label="Suggestions">
      <Title order={4} mb={4}>
        Suggestions
      </Title>
      <Stack gap="xs">
        {payment.suggestions.map((suggestion, index) => {
          const name = suggestion.lines.map((line) => line.invoiceNumber).join(', ');
          return (
            <Paper key={index} withBorder p="xs">
              <Group justify="space-between" align="start" wrap="nowrap">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={500}>{suggestion.lines.map((line) => `${line.invoiceNumber} ${line.amount.formatted}`).join(' + ')}</Text>
                    <Badge variant="light">{Math.round(suggestion.confidence * 100)} %</Badge>
                    {suggestion.short.minor > 0 && <Badge color="orange" variant="light">short {suggestion.short.formatted}</Badge>}
                  </Group>
                  <List size="xs" c="dimmed">
                    {suggestion.reasons.map((reason) => (
                      <List.Item key={reason.code}>
                        {reason.text} ({reason.points > 0 ? '+' : ''}
                        {reason.points})
                      </List.Item>
                    ))}
                    {suggestion.blockers.map((blocker) => (
                      <List.Item key={blocker.code} c="orange">
                        {blocker.text}
                      </List.Item>
                    ))}
                  </List>
                </Stack>
                <Button size="compact-sm" variant="light" onClick={() => onUse(suggestion)} aria-label={`Use suggestion ${name}`}>
                  Use
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </section>
  );
}

function InvoiceSearch({ orgId, currency, taken, onAdd }: { orgId: string; currency: string; taken: ReadonlySet<string>; onAdd: (invoice: InvoiceToAllocate) => void }) {
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [query] = useDebouncedValue({ text: text.trim(), amount: amount.trim() }, 300);
  const searching = query.text !== '' || query.amount !== '';
  const invoices = useQuery({
    queryKey: ['invoices-to-allocate', orgId, currency, query],
    enabled: searching,
    queryFn: () => {
      const params = new URLSearchParams({ currency, limit: '10' });
      if (query.text) params.set('q', query.text);
      if (query.amount) params.set('amount', query.amount);
      return api<{ items: InvoiceToAllocate[] }>('GET', `/api/orgs/${orgId}/unapplied-cash/invoices?${params}`);
    },
  });
  return (
    <section aria-label="Find invoices">
      <Group align="end">
        <TextInput label="Find an invoice" placeholder="Number or customer" value={text} onChange={(event) => setText(event.currentTarget.value)} w={260} />
        <TextInput label="Invoice amount" placeholder="Any" value={amount} onChange={(event) => setAmount(event.currentTarget.value)} inputMode="decimal" w={140} />
      </Group>
      {invoices.isError && (
        <Text c="red" size="sm" role="alert">
          {invoices.error.message}
        </Text>
      )}
      {searching && invoices.data && (
        <Table aria-label="Invoices found" mt="xs">
          <Table.Tbody>
            {invoices.data.items.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Td>{invoice.number}</Table.Td>
                <Table.Td>{invoice.customerName}</Table.Td>
                <Table.Td>due {invoice.dueOn}</Table.Td>
                <Table.Td ta="right">owes {invoice.open.formatted}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" disabled={taken.has(invoice.id)} onClick={() => onAdd(invoice)} aria-label={`Add invoice ${invoice.number}`}>
                    Add
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {invoices.data.items.length === 0 && (
              <Table.Tr>
                <Table.Td c="dimmed">No open invoice in {currency} matches.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
