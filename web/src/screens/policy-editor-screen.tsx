import { Alert, Badge, Button, Group, List, Paper, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../api/client.ts';
import type { LintAnswer, OrganisationDetail, PolicyIssue, PolicyOverview, PolicyVersion } from '../api/types.ts';
import { freeName, freePath, listDocuments, readDocument, updateDocument, type PolicyFile } from '../policies/bundle-model.ts';
import { CadenceForm, newCadenceText, type Cadence, type DocumentChange, type Guardrails } from '../policies/cadence-form.tsx';
import { CodeEditor } from '../policies/code-editor.tsx';
import { PublishDialog } from '../policies/publish-dialog.tsx';
import { defaultSegmentPriority, newSegmentText, SegmentForm, type SegmentValue } from '../policies/segment-form.tsx';
import { TemplateEditor, type Template } from '../policies/template-editor.tsx';
import { useOrganisation } from '../session/use-organisation.ts';
import { formatInstant, VersionDiff } from './policies-screen.tsx';

// One policy version. A draft is edited here: cadences as forms, templates with a live preview,
// segments as forms beside the invoices they would govern, and (Growth and up) the YAML of every
// file, all on the same files; the linter runs as you type and every save comes back with its
// findings. A published version is read-only: "Edit a copy" starts a draft from it. Publishing
// opens the impact preview.

export function PolicyEditorScreen() {
  const organisation = useOrganisation();
  const { version: versionParam } = useParams();
  const version = Number(versionParam);
  const navigate = useNavigate();
  const client = useQueryClient();
  const stored = useQuery({ queryKey: ['policy-version', organisation.id, version], queryFn: () => api<PolicyVersion>('GET', `/api/orgs/${organisation.id}/policy/versions/${version}`) });
  const overview = useQuery({ queryKey: ['policy', organisation.id], queryFn: () => api<PolicyOverview>('GET', `/api/orgs/${organisation.id}/policy`) });
  const detail = useQuery({ queryKey: ['organisation', organisation.id], queryFn: () => api<OrganisationDetail>('GET', `/api/orgs/${organisation.id}`) });

  const [files, setFiles] = useState<PolicyFile[] | null>(null);
  const [revision, setRevision] = useState(0);
  /** Bumped when the text changes from outside a form (load, save, the YAML view), so forms re-read it. */
  const [generation, setGeneration] = useState(0);
  const [tab, setTab] = useState<string | null>('cadences');
  const [cadence, setCadence] = useState<string | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  const [segment, setSegment] = useState<string | null>(null);
  const [yamlPath, setYamlPath] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<string | null>(null);

  useEffect(() => {
    if (stored.data && (files === null || stored.data.revision !== revision)) {
      setFiles(stored.data.files.map(({ path, text }) => ({ path, text })));
      setRevision(stored.data.revision);
      setGeneration((n) => n + 1);
    }
    // Only a newly read version replaces the files being edited.
  }, [stored.data]);

  const isDraft = stored.data?.status === 'draft';
  const canEdit = organisation.can('policy.edit');
  const readOnly = !isDraft || !canEdit;
  const yamlAllowed = detail.data?.plan.features.includes('policy_as_code') ?? false;
  const dirty = files !== null && stored.data !== undefined && JSON.stringify(files) !== JSON.stringify(stored.data.files.map(({ path, text }) => ({ path, text })));

  const [lintFiles] = useDebouncedValue(files, 300);
  const lint = useQuery({
    queryKey: ['policy-lint', organisation.id, lintFiles],
    queryFn: () => api<LintAnswer>('POST', `/api/orgs/${organisation.id}/policy/lint`, { files: lintFiles }),
    enabled: lintFiles !== null && lintFiles.length > 0,
    placeholderData: (previous) => previous,
  });
  const issues: PolicyIssue[] = lint.data?.issues ?? stored.data?.issues ?? [];
  const errors = issues.filter((issue) => issue.severity === 'error');

  const save = useMutation({
    mutationFn: () => api<PolicyVersion>('PUT', `/api/orgs/${organisation.id}/policy/versions/${version}`, { files, revision }),
    onSuccess: (saved) => {
      client.setQueryData(['policy-version', organisation.id, version], saved);
      void client.invalidateQueries({ queryKey: ['policy', organisation.id] });
    },
  });
  const copy = useMutation({
    mutationFn: () => api<PolicyVersion>('POST', `/api/orgs/${organisation.id}/policy/versions`, { basedOn: version }, { idempotencyKey: newIdempotencyKey() }),
    onSuccess: (draft) => void navigate(`/orgs/${organisation.id}/policies/${draft.version}`),
  });

  const documents = useMemo(() => listDocuments(files ?? []), [files]);
  const cadences = documents.filter((document) => document.kind === 'Cadence');
  const templates = documents.filter((document) => document.kind === 'Template');
  const segmentNames = [...new Set([...documents.filter((document) => document.kind === 'Segment').map((document) => document.name), ...(overview.data?.segments.map((segment) => segment.segment) ?? [])])];
  const workspaceDocument = documents.find((document) => document.kind === 'Workspace');
  const defaults = (workspaceDocument && files ? readDocument<{ guardrails?: Guardrails }>(files, workspaceDocument.path, workspaceDocument.index)?.guardrails : undefined) ?? {};
  const currentCadence = cadences.find((document) => document.name === cadence) ?? cadences[0];
  const currentTemplate = templates.find((document) => document.name === template) ?? templates[0];
  const segmentDocuments = documents.filter((document) => document.kind === 'Segment');
  const segmentValues = files ? segmentDocuments.map((document) => ({ document, value: readDocument<SegmentValue>(files, document.path, document.index) })) : [];
  const segmentOrder = segmentValues
    .map(({ document, value }) => ({ name: document.name, priority: typeof value?.priority === 'number' ? value.priority : defaultSegmentPriority }))
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const currentSegment = segmentDocuments.find((document) => document.name === segment) ?? segmentDocuments[0];

  if (stored.isError) {
    return (
      <Alert color="red" role="alert">
        {stored.error.message}
      </Alert>
    );
  }
  if (!stored.data || files === null) return <Text>Loading version {version}…</Text>;

  const change =
    (path: string, index: number): DocumentChange =>
    (edit) =>
      setFiles((current) => (current === null ? current : updateDocument(current, path, index, edit)));
  const addCadence = () => {
    const name = freeName(documents, 'Cadence', 'new-cadence');
    const path = freePath(files, 'cadences', name);
    setFiles([...files, { path, text: newCadenceText(name, templates[0]?.name) }]);
    setCadence(name);
  };
  const addTemplate = () => {
    const name = freeName(documents, 'Template', 'new-template');
    const path = freePath(files, 'templates', name);
    setFiles([...files, { path, text: `kind: Template\nname: ${name}\nsubject:\n  neutral: "Invoice {invoice_number}"\nbody:\n  neutral: |\n    Hi {contact_name},\n\n    Invoice {invoice_number} for {invoice_balance} was due on {due_date}.\n    You can pay it here: {pay_link}\n` }]);
    setTemplate(name);
  };
  const addSegment = () => {
    const name = freeName(documents, 'Segment', 'new-segment');
    // Tried after the segments with filters, before a catch-all; a priority of its own.
    const taken = new Set(segmentOrder.map((entry) => entry.priority));
    const filtered = segmentValues.filter(({ value }) => value?.match && Object.keys(value.match).length > 0).map(({ value }) => value?.priority ?? defaultSegmentPriority);
    let priority = (filtered.length > 0 ? Math.max(...filtered) : 0) + 10;
    while (taken.has(priority)) priority += 1;
    const text = newSegmentText(name, priority, cadences[0]?.name);
    const home = segmentDocuments[0]?.path;
    if (home) setFiles(files.map((file) => (file.path === home ? { path: home, text: `${file.text}${file.text.endsWith('\n') ? '' : '\n'}---\n${text}` } : file)));
    else setFiles([...files, { path: freePath(files, 'segments', name), text }]);
    setSegment(name);
  };
  const fileIssues = (path: string) => issues.filter((issue) => issue.file === path);
  const yamlFile = files.find((file) => file.path === yamlPath) ?? files[0];

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>Policy version {version}</Title>
          {isDraft ? <Badge color="yellow">Draft</Badge> : stored.data.live ? <Badge color="green">Live</Badge> : <Badge color="gray">Published</Badge>}
          {dirty && <Badge color="orange">Unsaved changes</Badge>}
        </Group>
        <Group>
          <Button variant="subtle" onClick={() => void navigate(`/orgs/${organisation.id}/policies`)}>
            All versions
          </Button>
          {!isDraft && canEdit && (
            <Button variant="light" onClick={() => copy.mutate()} loading={copy.isPending}>
              Edit a copy
            </Button>
          )}
          {isDraft && canEdit && (
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
              Save draft
            </Button>
          )}
          {organisation.can('policy.publish') && !stored.data.live && (
            <Button color="green" onClick={() => setPublishing(true)} disabled={dirty || errors.length > 0}>
              {isDraft ? 'Publish…' : 'Roll back to this version…'}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Created {formatInstant(stored.data.createdAt)}
        {stored.data.createdBy ? ` by ${stored.data.createdBy}` : ''}
        {stored.data.basedOn !== null ? `, a copy of version ${stored.data.basedOn}` : ''}
        {stored.data.publishedAt ? ` · published ${formatInstant(stored.data.publishedAt)}${stored.data.publishedBy ? ` by ${stored.data.publishedBy}` : ' from policy files (plixo policy apply)'}` : ''} · revision {stored.data.revision}
      </Text>
      {!isDraft && <Alert color="blue">A published version never changes. “Edit a copy” starts a draft from it; the live policy keeps running until a draft is published.</Alert>}
      {published && (
        <Alert color="green" role="status">
          {published}
        </Alert>
      )}
      {(save.isError || copy.isError) && (
        <Alert color="red" role="alert">
          {(save.error ?? copy.error)?.message}
          {save.error instanceof ApiError && save.error.status === 409 ? ' Reload to see the newer revision.' : ''}
        </Alert>
      )}
      {dirty && errors.length > 0 && <Text size="sm">Fix the errors below before publishing; a draft may be saved with them.</Text>}
      <Paper withBorder p="sm" component="section" aria-label="Findings">
        {issues.length === 0 ? (
          <Text size="sm" c="green.8">
            The linter finds nothing to fix.
          </Text>
        ) : (
          <List size="sm">
            {issues.map((issue, index) => (
              <List.Item key={index} c={issue.severity === 'error' ? 'red.8' : 'yellow.9'}>
                {issue.file}:{issue.line}:{issue.column} {issue.severity}: {issue.message}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="cadences">Cadences</Tabs.Tab>
          <Tabs.Tab value="templates">Templates</Tabs.Tab>
          <Tabs.Tab value="segments">Segments</Tabs.Tab>
          {yamlAllowed && <Tabs.Tab value="yaml">YAML</Tabs.Tab>}
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cadences" pt="md">
          <Stack>
            <Group align="end">
              <Select label="Cadence" data={cadences.map((document) => document.name)} value={currentCadence?.name ?? null} onChange={setCadence} allowDeselect={false} />
              {!readOnly && (
                <Button variant="light" onClick={addCadence}>
                  New cadence
                </Button>
              )}
            </Group>
            {currentCadence &&
              (() => {
                const value = readDocument<Cadence>(files, currentCadence.path, currentCadence.index);
                return value ? (
                  <CadenceForm
                    key={`${currentCadence.path}:${currentCadence.index}:${generation}`}
                    cadence={value}
                    templates={templates.map((document) => document.name)}
                    defaults={defaults}
                    readOnly={readOnly}
                    onChange={change(currentCadence.path, currentCadence.index)}
                  />
                ) : null;
              })()}
            {cadences.length === 0 && <Text>No cadence yet.</Text>}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="md">
          <Stack>
            <Group align="end">
              <Select label="Template" data={templates.map((document) => document.name)} value={currentTemplate?.name ?? null} onChange={setTemplate} allowDeselect={false} />
              {!readOnly && (
                <Button variant="light" onClick={addTemplate}>
                  New template
                </Button>
              )}
            </Group>
            {currentTemplate &&
              (() => {
                const value = readDocument<Template>(files, currentTemplate.path, currentTemplate.index);
                return value ? (
                  <TemplateEditor
                    key={`${currentTemplate.path}:${currentTemplate.index}:${generation}`}
                    orgId={organisation.id}
                    template={value}
                    files={files}
                    mergeTags={lint.data?.mergeTags ?? []}
                    findings={fileIssues(currentTemplate.path)}
                    readOnly={readOnly}
                    canSendTest={canEdit}
                    onChange={change(currentTemplate.path, currentTemplate.index)}
                  />
                ) : null;
              })()}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="segments" pt="md">
          <Stack>
            <Group align="end">
              <Select label="Segment" data={segmentDocuments.map((document) => document.name)} value={currentSegment?.name ?? null} onChange={setSegment} allowDeselect={false} />
              {!readOnly && (
                <Button variant="light" onClick={addSegment}>
                  New segment
                </Button>
              )}
            </Group>
            {currentSegment &&
              (() => {
                const value = segmentValues.find(({ document }) => document === currentSegment)?.value;
                if (!value) return null;
                const cadenceDocument = cadences.find((document) => document.name === value.cadence);
                const cadenceGuardrails = cadenceDocument ? readDocument<Cadence>(files, cadenceDocument.path, cadenceDocument.index)?.guardrails : undefined;
                return (
                  <SegmentForm
                    key={`${currentSegment.path}:${currentSegment.index}:${generation}`}
                    orgId={organisation.id}
                    segment={value}
                    files={files}
                    cadences={cadences.map((document) => document.name)}
                    fields={lint.data?.segmentFields ?? []}
                    order={segmentOrder}
                    defaults={{ ...defaults, ...cadenceGuardrails }}
                    readOnly={readOnly}
                    onChange={change(currentSegment.path, currentSegment.index)}
                  />
                );
              })()}
            {segmentDocuments.length === 0 && <Text>No segment yet: no invoice gets outreach.</Text>}
          </Stack>
        </Tabs.Panel>
        {yamlAllowed && (
          <Tabs.Panel value="yaml" pt="md">
            <Stack>
              <Group align="end">
                <Select label="File" data={files.map((file) => file.path)} value={yamlFile?.path ?? null} onChange={setYamlPath} allowDeselect={false} searchable />
                {!readOnly && <NewFile files={files} onAdd={(path) => (setFiles([...files, { path, text: '' }]), setYamlPath(path))} />}
              </Group>
              {yamlFile && (
                <CodeEditor
                  key={`${yamlFile.path}:${generation}`}
                  label={`YAML of ${yamlFile.path}`}
                  value={yamlFile.text}
                  onChange={(text) => setFiles((current) => current?.map((file) => (file.path === yamlFile.path ? { ...file, text } : file)) ?? current)}
                  issues={fileIssues(yamlFile.path)}
                  mergeTags={lint.data?.mergeTags ?? []}
                  readOnly={readOnly}
                  minHeight="420px"
                />
              )}
            </Stack>
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history" pt="md">
          {overview.data && overview.data.versions.length > 1 ? (
            <VersionDiff orgId={organisation.id} versions={overview.data.versions.map((entry) => entry.version)} initial={{ from: stored.data.basedOn ?? Math.max(1, version - 1), to: version }} />
          ) : (
            <Text>This is the only version.</Text>
          )}
        </Tabs.Panel>
      </Tabs>
      {publishing && (
        <PublishDialog
          orgId={organisation.id}
          version={version}
          segments={segmentNames}
          rollback={!isDraft}
          onClose={() => setPublishing(false)}
          onPublished={(kind) => {
            setPublishing(false);
            setPublished(kind === 'rollback' ? `Version ${version} runs again (a rollback).` : `Version ${version} is published.`);
            void client.invalidateQueries({ queryKey: ['policy-version', organisation.id, version] });
            void client.invalidateQueries({ queryKey: ['policy', organisation.id] });
            void client.invalidateQueries({ queryKey: ['segments', organisation.id] });
          }}
        />
      )}
    </Stack>
  );
}

function NewFile({ files, onAdd }: { files: readonly PolicyFile[]; onAdd: (path: string) => void }) {
  const [path, setPath] = useState('');
  const taken = files.some((file) => file.path === path);
  const valid = /^[\w./-]+\.ya?ml$/.test(path) && !taken;
  return (
    <Group align="end">
      <TextInput label="New file" placeholder="segments/enterprise.yaml" value={path} onChange={(event) => setPath(event.currentTarget.value)} error={taken ? 'A file has this path' : undefined} />
      <Button variant="light" disabled={!valid} onClick={() => (onAdd(path), setPath(''))}>
        Add file
      </Button>
    </Group>
  );
}
