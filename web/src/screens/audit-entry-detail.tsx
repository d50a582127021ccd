import { Table, Text } from '@mantine/core';
import type { AuditEntry } from '../api/types.ts';

// What an audit entry says beyond who, what and when: the reason given, the change as
// before → after per field, and any other detail, as words rather than raw JSON.

type Detail = AuditEntry['detail'];
type Json = Detail[string];

const shownApart = new Set(['role', 'rationale', 'before', 'after']);

function isRecord(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: Json | undefined): string {
  if (value === undefined) return '–';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function label(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').toLowerCase();
}

export function AuditEntryDetail({ id, detail }: { id: number; detail: Detail }) {
  const { rationale, before, after } = detail;
  const changed = before !== undefined || after !== undefined;
  const fields = isRecord(before) || isRecord(after) ? [...new Set([...Object.keys(isRecord(before) ? before : {}), ...Object.keys(isRecord(after) ? after : {})])] : null;
  // The role is shown beside the actor already.
  const others = Object.entries(detail).filter(([key]) => !shownApart.has(key));
  return (
    <>
      {typeof rationale === 'string' && rationale !== '' && (
        <Text size="sm" fs="italic">
          Reason: {rationale}
        </Text>
      )}
      {changed && (
        <Table aria-label={`Change in entry ${id}`} withTableBorder fz="sm" verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields ? (
              fields.map((field) => (
                <Table.Tr key={field}>
                  <Table.Td>{label(field)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(isRecord(before) ? before[field] : undefined)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(isRecord(after) ? after[field] : undefined)}</Table.Td>
                </Table.Tr>
              ))
            ) : (
              <Table.Tr>
                <Table.Td>value</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(before)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{show(after)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      {others.length > 0 && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {others.map(([key, value]) => `${label(key)}: ${show(value)}`).join(' · ')}
        </Text>
      )}
    </>
  );
}
