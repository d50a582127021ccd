import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { ApiAnswer } from '../api/types.ts';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant } from './format-instant.ts';

// The review of a payer's remittance advice for one payment: upload the file (CSV, PDF or text),
// see each line with the invoice Plixo matched, the amount it would apply, its confidence and its
// problems, and the advice's totals against the payment; choose lines, set amounts, accept. The
// component takes the organisation and the payment, so the Unapplied Cash screen can hold it.

type Remittance = ApiAnswer<'/api/orgs/{orgId}/payments/{paymentId}/remittances/{remittanceId}'>;
type RemittanceList = ApiAnswer<'/api/orgs/{orgId}/payments/{paymentId}/remittances'>;
type Accepted = ApiAnswer<'/api/orgs/{orgId}/payments/{paymentId}/remittances/{remittanceId}/accept', 'post'>;
type Line = Remittance['lines'][number];

const maxBytes = 10 * 1024 * 1024;
// Problems after which a line has nothing a person could apply.
const unselectable = new Set<Line['problems'][number]['code']>(['currency_mismatch', 'credit_line', 'nothing_paid']);
const matchWords: Record<NonNullable<Line['match']>, string> = { exact: 'as written', normalised: 'by its number', typo: 'typo corrected' };

export function RemittanceReview({ orgId, paymentId }: { orgId: string; paymentId: number }) {
  const base = `/api/orgs/${orgId}/payments/${paymentId}/remittances`;
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<Remittance | null>(null);
  const [done, setDone] = useState<Accepted | null>(null);
  const existing = useQuery({ queryKey: ['remittances', orgId, paymentId], queryFn: () => api<RemittanceList>('GET', base) });
  const shown = current ?? existing.data?.items[0] ?? null;

  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > maxBytes) throw new Error(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: a remittance file may be up to 10 MB.`);
      return api<Remittance>('POST', base, { fileName: file.name, contentBase64: await toBase64(file) }, { idempotencyKey: newIdempotencyKey() });
    },
    onSuccess: (remittance) => {
      setCurrent(remittance);
      setDone(null);
      void queryClient.invalidateQueries({ queryKey: ['remittances', orgId, paymentId] });
    },
  });

  return (
    <Stack component="section" aria-label="Remittance advice">
      <Title order={3}>Remittance advice</Title>
      <Text size="sm">Upload the payer’s remittance advice (CSV, PDF or text, up to 10 MB). Plixo matches each line to an open invoice; nothing is applied until you accept.</Text>
      <FileInput label="Remittance file" placeholder="Choose a file" accept=".csv,.pdf,.txt,text/csv,application/pdf,text/plain" onChange={(file) => file && upload.mutate(file)} clearable w={320} disabled={upload.isPending} />
      {upload.isPending && <Text size="sm">Reading the file…</Text>}
      {upload.isError && (
        <Alert color="red" role="alert">
          {upload.error.message}
        </Alert>
      )}
      {existing.isError && (
        <Alert color="red" role="alert">
          {existing.error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status">
          Applied {done.accepted?.lines.length ?? 0} {done.accepted?.lines.length === 1 ? 'line' : 'lines'} of {done.fileName}. The payment has {done.payment.unapplied.formatted} unapplied.
        </Alert>
      )}
      {shown && (
        <Proposal
          key={`${shown.id}-${shown.status}`}
          remittance={shown}
          base={base}
          onAccepted={(accepted) => {
            setCurrent(accepted);
            setDone(accepted);
            void queryClient.invalidateQueries({ queryKey: ['remittances', orgId, paymentId] });
            void queryClient.invalidateQueries({ queryKey: ['payments', orgId] });
          }}
        />
      )}
    </Stack>
  );
}

function Proposal({ remittance, base, onAccepted }: { remittance: Remittance; base: string; onAccepted: (accepted: Accepted) => void }) {
  const open = remittance.status === 'proposed';
  const [chosen, setChosen] = useState<Record<number, boolean>>(() => Object.fromEntries(remittance.lines.map((line) => [line.number, line.selected])));
  const [amounts, setAmounts] = useState<Record<number, string>>(() => Object.fromEntries(remittance.lines.map((line) => [line.number, toDecimal(line.proposed.minor, line.proposed.currency)])));
  const accept = useMutation({
    mutationFn: () => {
      const lines = remittance.lines.filter((line) => chosen[line.number]).map((line) => ({ number: line.number, amount: amounts[line.number]!.trim() }));
      if (lines.length === 0) throw new Error('Choose at least one line to apply.');
      return api<Accepted>('POST', `${base}/${remittance.id}/accept`, { lines }, { idempotencyKey: newIdempotencyKey() });
    },
    onSuccess: onAccepted,
  });
  const selectedCount = remittance.lines.filter((line) => chosen[line.number]).length;
  const { totals } = remittance;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between">
          <Text fw={500}>
            {remittance.fileName} ({remittance.format.toUpperCase()}), {remittance.lines.length} {remittance.lines.length === 1 ? 'line' : 'lines'}
          </Text>
          <Group gap="xs">
            <Badge color={open ? 'blue' : 'green'}>{open ? 'For review' : 'Accepted'}</Badge>
            <Anchor href={`${base}/${remittance.id}/file`} download size="sm">
              Download the file
            </Anchor>
          </Group>
        </Group>
        <Text size="sm" aria-label="Totals">
          Lines {totals.lines.formatted}
          {totals.stated ? ` · stated total ${totals.stated.formatted}` : ''} · proposed {totals.proposed.formatted} · the payment had {totals.unapplied.formatted} unapplied
        </Text>
        {!open && remittance.acceptedAt && (
          <Text size="sm">
            Accepted by {remittance.acceptedBy} on {formatInstant(remittance.acceptedAt)}
            {remittance.accepted?.note ? `: ${remittance.accepted.note}` : ''}
          </Text>
        )}
        {remittance.problems.length > 0 && (
          <Alert color="yellow" title="Check the advice">
            <Stack gap={4}>
              {remittance.problems.map((problem) => (
                <Text key={problem.code} size="sm">
                  {capitalise(problem.text)}.
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {remittance.issues.length > 0 && (
          <Stack gap={2} aria-label="Lines not read">
            {remittance.issues.map((issue, index) => (
              <Text key={index} size="sm" c={issue.outcome === 'skipped' ? 'red' : 'orange'}>
                {issue.outcome === 'skipped' ? 'Not read' : 'Read with a doubt'}: {issue.page === null ? '' : `page ${issue.page}, `}line {issue.line}, {issue.field} “{issue.value}”: {issue.reason}
              </Text>
            ))}
          </Stack>
        )}
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Remittance lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Apply</Table.Th>
                <Table.Th>Line</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Invoice</Table.Th>
                <Table.Th>Open</Table.Th>
                <Table.Th>Paid</Table.Th>
                <Table.Th>Amount to apply</Table.Th>
                <Table.Th>Confidence</Table.Th>
                <Table.Th>Problems</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {remittance.lines.map((line) => {
                const selectable = open && line.invoice !== null && !line.problems.some((problem) => unselectable.has(problem.code));
                return (
                  <Table.Tr key={line.number} aria-label={`Line ${line.number}`}>
                    <Table.Td>
                      <Checkbox aria-label={`Apply line ${line.number}`} checked={chosen[line.number] ?? false} disabled={!selectable} onChange={(event) => setChosen({ ...chosen, [line.number]: event.currentTarget.checked })} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{line.number}</Text>
                      <Text size="xs" c="dimmed">
                        {line.page === null ? '' : `p. ${line.page}, `}l. {line.line}
                      </Text>
                    </Table.Td>
                    <Table.Td>{line.reference}</Table.Td>
                    <Table.Td>
                      {line.invoice ? (
                        <>
                          <Text size="sm">{line.invoice.number}</Text>
                          <Text size="xs" c="dimmed">
                            {line.invoice.customerName || line.invoice.customerId}
                            {line.match ? ` · ${matchWords[line.match]}` : ''}
                          </Text>
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          none
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{line.invoice?.open.formatted ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{line.paid.formatted}</Text>
                      {(line.discount.minor > 0 || line.deduction.minor > 0) && (
                        <Text size="xs" c="dimmed">
                          less {[line.discount.minor > 0 ? `${line.discount.formatted} discount` : '', line.deduction.minor > 0 ? `${line.deduction.formatted} deduction` : ''].filter(Boolean).join(', ')}
                          {line.reason ? ` (${line.reason})` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Amount for line ${line.number}`} value={amounts[line.number] ?? ''} disabled={!selectable || !chosen[line.number]} onChange={(event) => setAmounts({ ...amounts, [line.number]: event.currentTarget.value })} w={120} size="xs" />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={line.confidence >= 0.9 ? 'green' : line.confidence >= 0.6 ? 'yellow' : 'gray'} variant="light" title={line.reasons.join('; ')}>
                        {Math.round(line.confidence * 100)} %
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {line.problems.map((problem) => (
                          <Text key={problem.code} size="xs" c={line.selected ? 'orange' : 'red'}>
                            {capitalise(problem.text)}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {accept.isError && (
          <Alert color="red" role="alert">
            {accept.error.message}
          </Alert>
        )}
        {open && (
          <Group>
            <Button onClick={() => accept.mutate()} loading={accept.isPending} disabled={selectedCount === 0}>
              Accept {selectedCount} selected {selectedCount === 1 ? 'line' : 'lines'}
            </Button>
            <Text size="xs" c="dimmed">
              Amounts in {remittance.totals.unapplied.currency}, as 1200.50. Each line is applied to its invoice with a note citing this advice.
            </Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** On its own address (/orgs/{org}/payments/{payment}/remittance), opened from a payment in Unapplied Cash. */
export function RemittanceReviewScreen() {
  const organisation = useOrganisation();
  const { paymentId } = useParams();
  const id = Number(paymentId);
  if (!Number.isSafeInteger(id) || id <= 0) {
    return (
      <Alert color="red" role="alert">
        “{paymentId}” is not a payment.
      </Alert>
    );
  }
  return (
    <Stack>
      <Title order={2}>Payment {id}</Title>
      <RemittanceReview orgId={organisation.id} paymentId={id} />
    </Stack>
  );
}

/** Minor units as the decimal the API reads ("1200.50"). */
function toDecimal(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}
