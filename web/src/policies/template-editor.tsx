import { Alert, Button, Code, Grid, Group, List, Paper, SegmentedControl, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../api/client.ts';
import type { TemplatePreview } from '../api/types.ts';
import type { PolicyFile } from './bundle-model.ts';
import { setValue } from './bundle-model.ts';
import type { DocumentChange } from './cadence-form.tsx';
import { toneOptions } from './cadence-form.tsx';
import { CodeEditor } from './code-editor.tsx';

// A template per tone: subject and body with merge tags offered as you type "{", and a live
// preview rendered by the server for a sample invoice you choose (HTML, text and the attachments
// its steps add), from the files as they are in the editor, saved or not. "Send a test" mails the
// preview to you.

type PerTone = string | Partial<Record<'formal' | 'neutral' | 'confident', string>>;

export interface Template {
  kind: 'Template';
  name: string;
  subject?: PerTone;
  body?: PerTone;
}

interface InvoiceOption {
  id: string;
  number: string;
  customerId: string;
  balance: { formatted: string };
}

interface TemplateEditorProps {
  orgId: string;
  template: Template;
  files: readonly PolicyFile[];
  mergeTags: readonly string[];
  /** The linter's findings in this template's file. */
  findings: readonly { line: number; column: number; message: string; severity: string }[];
  readOnly: boolean;
  canSendTest: boolean;
  onChange: DocumentChange;
}

type Tone = 'formal' | 'neutral' | 'confident';

function textFor(value: PerTone | undefined, tone: Tone): { text: string; inherited: boolean } {
  if (value === undefined) return { text: '', inherited: false };
  if (typeof value === 'string') return { text: value, inherited: false };
  if (value[tone] !== undefined) return { text: value[tone]!, inherited: false };
  return { text: value.neutral ?? '', inherited: true };
}

export function TemplateEditor({ orgId, template, files, mergeTags, findings, readOnly, canSendTest, onChange }: TemplateEditorProps) {
  const [tone, setTone] = useState<Tone>('neutral');
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const invoices = useQuery({ queryKey: ['invoices', orgId, 'open-sample'], queryFn: () => api<{ items: InvoiceOption[] }>('GET', `/api/orgs/${orgId}/invoices?status=open&limit=50`) });
  const [debouncedFiles] = useDebouncedValue(files, 400);
  const request = { files: debouncedFiles, template: template.name, tone, ...(invoiceId ? { invoiceId } : {}) };
  const preview = useQuery({
    queryKey: ['template-preview', orgId, request],
    queryFn: () => api<TemplatePreview>('POST', `/api/orgs/${orgId}/policy/template-preview`, request),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const sendTest = useMutation({ mutationFn: () => api<TemplatePreview & { sentTo: string }>('POST', `/api/orgs/${orgId}/policy/template-test`, request, { idempotencyKey: newIdempotencyKey() }) });

  const edit = (field: 'subject' | 'body', text: string) =>
    onChange((document) => {
      const current = template[field];
      if (current === undefined || typeof current === 'string') setValue(document, [field], text);
      else setValue(document, [field, tone], text);
    });
  const splitByTone = () =>
    onChange((document) => {
      for (const field of ['subject', 'body'] as const) {
        const current = template[field];
        if (typeof current === 'string') setValue(document, [field], { neutral: current });
      }
    });
  const shared = typeof template.subject === 'string' && typeof template.body === 'string';
  const subject = textFor(template.subject, tone);
  const body = textFor(template.body, tone);

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack gap="sm">
          <Group justify="space-between">
            <SegmentedControl aria-label="Tone" data={toneOptions} value={tone} onChange={(value) => setTone(value as Tone)} />
            {shared && !readOnly && (
              <Button size="xs" variant="subtle" onClick={splitByTone}>
                Write a text per tone
              </Button>
            )}
          </Group>
          {shared ? (
            <Text size="sm" c="dimmed">
              One text for every tone.
            </Text>
          ) : (
            (subject.inherited || body.inherited) && (
              <Text size="sm" c="dimmed">
                No {tone} text yet: this tone sends the neutral one. Type to write it.
              </Text>
            )
          )}
          <Text size="sm" fw={500}>
            Subject
          </Text>
          <CodeEditor key={`${template.name}-${tone}-subject`} label="Subject" value={subject.text} onChange={(text) => edit('subject', text)} mergeTags={mergeTags} language="text" readOnly={readOnly} singleLine />
          <Text size="sm" fw={500}>
            Body
          </Text>
          <CodeEditor key={`${template.name}-${tone}-body`} label="Body" value={body.text} onChange={(text) => edit('body', text)} mergeTags={mergeTags} language="text" readOnly={readOnly} minHeight="240px" />
          <Text size="xs" c="dimmed">
            Light Markdown: paragraphs, *emphasis*, [links](https://…), lists. Type {'{'} for merge tags; {'{{'} and {'}}'} write literal braces.
          </Text>
          <section aria-label="Template findings">
            {findings.length === 0 ? (
              <Text size="sm" c="green.8">
                No findings in this template’s file.
              </Text>
            ) : (
              <List size="sm">
                {findings.map((finding, index) => (
                  <List.Item key={index} c={finding.severity === 'error' ? 'red.8' : 'yellow.9'}>
                    Line {finding.line}, column {finding.column}: {finding.message}
                  </List.Item>
                ))}
              </List>
            )}
          </section>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" component="section" aria-label="Preview">
          <Stack gap="xs">
            <Group justify="space-between" align="end">
              <Title order={3}>Preview</Title>
              <Select
                label="Sample invoice"
                placeholder="first open invoice"
                data={(invoices.data?.items ?? []).map((invoice) => ({ value: invoice.id, label: `${invoice.number} · ${invoice.customerId} · ${invoice.balance.formatted}` }))}
                value={invoiceId}
                onChange={setInvoiceId}
                searchable
                clearable
                w={280}
              />
            </Group>
            {preview.isError && (
              <Alert color="red" role="alert">
                {preview.error.message}
              </Alert>
            )}
            {preview.data && (
              <>
                <Text size="sm">
                  To {preview.data.to.join(', ') || 'nobody (no contact email)'} · invoice {preview.data.invoiceNumber} of {preview.data.customerName}
                </Text>
                <Text fw={600} aria-label="Preview subject">
                  {preview.data.subject}
                </Text>
                <Tabs defaultValue="html">
                  <Tabs.List>
                    <Tabs.Tab value="html">HTML</Tabs.Tab>
                    <Tabs.Tab value="text">Text</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="html" pt="xs">
                    <iframe title="HTML preview" sandbox="" srcDoc={preview.data.html} style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-gray-3)' }} />
                  </Tabs.Panel>
                  <Tabs.Panel value="text" pt="xs">
                    <Code block aria-label="Text preview">
                      {preview.data.text}
                    </Code>
                  </Tabs.Panel>
                </Tabs>
                <Text size="sm" fw={500}>
                  Attachments
                </Text>
                {preview.data.attachments.length === 0 ? (
                  <Text size="sm">None: no step that sends this template attaches a document.</Text>
                ) : (
                  <List size="sm" aria-label="Attachments">
                    {preview.data.attachments.map((attachment) => (
                      <List.Item key={attachment.filename}>
                        {attachment.filename} ({attachment.contentType}, {Math.ceil(attachment.bytes / 1024)} KB)
                      </List.Item>
                    ))}
                  </List>
                )}
              </>
            )}
            {canSendTest && (
              <Group>
                <Button variant="light" onClick={() => sendTest.mutate()} loading={sendTest.isPending} disabled={!preview.data}>
                  Send a test to me
                </Button>
                {sendTest.isSuccess && <Text size="sm" role="status">Sent to {sendTest.data.sentTo}.</Text>}
                {sendTest.isError && (
                  <Text size="sm" c="red" role="alert">
                    {sendTest.error.message}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
