import { ActionIcon, Box, Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import type { Document } from 'yaml';
import { appendValue, removeValue, setValue } from './bundle-model.ts';

// A cadence as a form: tone, the steps on a timeline of day offsets around the due date (add,
// move, delete; an email or a task for the team), escalations, the guardrails it overrides and
// its discount and credit caps with the roles that approve an exception. Every change edits the
// cadence's YAML document in place (see bundle-model.ts).

export const roleOptions = [
  { value: 'controller', label: 'Controller' },
  { value: 'ar_manager', label: 'A/R manager' },
  { value: 'operator', label: 'A/R operator' },
  { value: 'legal', label: 'Legal' },
  { value: 'billing_admin', label: 'Billing admin' },
  { value: 'sales', label: 'Sales' },
  { value: 'csm', label: 'CSM' },
  { value: 'viewer', label: 'Viewer / CFO' },
];
export const toneOptions = [
  { value: 'formal', label: 'Formal' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'confident', label: 'Confident' },
];
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface CadenceStep {
  id: string;
  day: number;
  action?: 'email' | 'task';
  template?: string;
  tone?: string;
  attach?: string[];
  assignTo?: string;
}

export interface CadenceEscalation {
  id: string;
  day: number;
  unless?: 'response';
  assignTo?: string;
  stop?: boolean;
}

export interface Guardrails {
  sendAt?: string;
  quietHours?: { from: string; to: string } | 'none';
  days?: string[];
  holidays?: string;
  maxSendsPerDay?: number;
  minBalance?: number;
  catchUp?: string;
  consolidate?: boolean;
  replyPauseDays?: number;
  promiseGraceDays?: number;
}

export interface CapTier {
  upTo?: string | number;
  approvers?: string[];
}

export interface Cadence {
  kind: 'Cadence';
  name: string;
  description?: string;
  tone?: string;
  steps?: CadenceStep[];
  escalations?: CadenceEscalation[];
  guardrails?: Guardrails;
  caps?: { discount?: CapTier[]; credit?: CapTier[] };
}

export type DocumentChange = (change: (document: Document.Parsed) => void) => void;

interface CadenceFormProps {
  cadence: Cadence;
  templates: string[];
  /** The workspace's guardrails: what applies where the cadence says nothing. */
  defaults: Guardrails;
  readOnly: boolean;
  onChange: DocumentChange;
}

export function CadenceForm({ cadence, templates, defaults, readOnly, onChange }: CadenceFormProps) {
  const set = (path: (string | number)[], value: unknown) => onChange((document) => setValue(document, path, value));
  const steps = cadence.steps ?? [];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Cadence name" value={cadence.name} readOnly disabled={readOnly} description="Segments name it; rename in the YAML view" />
        <Select label="Tone" data={toneOptions} value={cadence.tone ?? 'neutral'} onChange={(value) => set(['tone'], value)} disabled={readOnly} allowDeselect={false} />
        <TextInput label="Description" defaultValue={cadence.description ?? ''} onBlur={(event) => set(['description'], event.currentTarget.value.trim())} disabled={readOnly} />
      </SimpleGrid>
      <StepsEditor steps={steps} templates={templates} readOnly={readOnly} onChange={onChange} />
      <EscalationsEditor escalations={cadence.escalations ?? []} readOnly={readOnly} onChange={onChange} />
      <GuardrailsEditor guardrails={cadence.guardrails ?? {}} defaults={defaults} readOnly={readOnly} onChange={onChange} />
      <CapsEditor caps={cadence.caps ?? {}} readOnly={readOnly} onChange={onChange} />
    </Stack>
  );
}

function dayWords(day: number): string {
  if (day === 0) return 'on the due date';
  return day < 0 ? `${-day} day${day === -1 ? '' : 's'} before due` : `${day} day${day === 1 ? '' : 's'} after due`;
}

/** The steps on a line of day offsets, then a row per step to change it. */
function StepsEditor({ steps, templates, readOnly, onChange }: { steps: CadenceStep[]; templates: string[]; readOnly: boolean; onChange: DocumentChange }) {
  const days = steps.map((step) => step.day);
  const first = Math.min(-7, ...days);
  const last = Math.max(30, ...days);
  const at = (day: number) => `${((day - first) / (last - first)) * 100}%`;
  const freeId = () => {
    const taken = new Set(steps.map((step) => step.id));
    for (let n = steps.length + 1; ; n += 1) if (!taken.has(`step-${n}`)) return `step-${n}`;
  };
  const addStep = () =>
    onChange((document) => {
      const lastDay = Math.max(0, ...days);
      appendValue(document, ['steps'], { id: freeId(), day: steps.length === 0 ? 0 : lastDay + 7, template: templates[0] ?? 'reminder' });
    });
  const setStep = (index: number, key: keyof CadenceStep, value: unknown) => onChange((document) => setValue(document, ['steps', index, key], value));
  return (
    <Paper withBorder p="md" component="section" aria-label="Steps">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Steps</Title>
          {!readOnly && (
            <Button size="xs" variant="light" onClick={addStep}>
              Add step
            </Button>
          )}
        </Group>
        <Box pos="relative" h={56} mx="md" aria-hidden>
          <Box pos="absolute" top={27} left={0} right={0} h={2} bg="gray.4" />
          <Box pos="absolute" top={14} left={at(0)} w={2} h={28} bg="red.6" />
          <Text pos="absolute" top={40} left={at(0)} size="xs" c="red.7" style={{ transform: 'translateX(-50%)' }}>
            due
          </Text>
          {steps.map((step) => (
            <Tooltip key={step.id} label={`${step.id}: ${dayWords(step.day)}`}>
              <Box pos="absolute" top={19} left={at(step.day)} w={16} h={16} bg={step.action === 'task' ? 'orange.6' : 'blue.6'} style={{ borderRadius: step.action === 'task' ? 2 : 8, transform: 'translateX(-50%)' }} />
            </Tooltip>
          ))}
        </Box>
        <ol aria-label="Timeline" style={{ margin: 0, paddingLeft: 20 }}>
          {[...steps]
            .sort((a, b) => a.day - b.day)
            .map((step) => (
              <li key={step.id}>
                <Text size="sm">
                  Day {step.day} ({dayWords(step.day)}): {step.id}, {step.action === 'task' ? `a task for ${step.assignTo ?? 'the team'}` : `email “${step.template ?? '?'}”`}
                  {step.tone ? `, ${step.tone} tone` : ''}
                  {step.attach?.length ? `, attaches ${step.attach.join(' and ')}` : ''}
                </Text>
              </li>
            ))}
        </ol>
        <Table aria-label="Steps of the cadence">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Step</Table.Th>
              <Table.Th>Day</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Template or assignee</Table.Th>
              <Table.Th>Tone</Table.Th>
              <Table.Th>Attach</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, index) => (
              <Table.Tr key={`${index}-${step.id}`}>
                <Table.Td>
                  <TextInput aria-label={`Id of step ${index + 1}`} defaultValue={step.id} disabled={readOnly} onBlur={(event) => event.currentTarget.value.trim() !== step.id && setStep(index, 'id', event.currentTarget.value.trim())} w={120} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {!readOnly && (
                      <ActionIcon variant="subtle" aria-label={`Move ${step.id} a day earlier`} onClick={() => setStep(index, 'day', step.day - 1)}>
                        ‹
                      </ActionIcon>
                    )}
                    <NumberInput aria-label={`Day of ${step.id}`} value={step.day} allowDecimal={false} disabled={readOnly} onChange={(value) => typeof value === 'number' && setStep(index, 'day', value)} w={80} />
                    {!readOnly && (
                      <ActionIcon variant="subtle" aria-label={`Move ${step.id} a day later`} onClick={() => setStep(index, 'day', step.day + 1)}>
                        ›
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`What ${step.id} does`}
                    data={[
                      { value: 'email', label: 'Email' },
                      { value: 'task', label: 'Task' },
                    ]}
                    value={step.action ?? 'email'}
                    allowDeselect={false}
                    disabled={readOnly}
                    w={100}
                    onChange={(value) =>
                      onChange((document) => {
                        if (value === 'task') {
                          setValue(document, ['steps', index, 'action'], 'task');
                          removeValue(document, ['steps', index, 'template']);
                          setValue(document, ['steps', index, 'assignTo'], step.assignTo ?? 'operator');
                        } else {
                          removeValue(document, ['steps', index, 'action']);
                          removeValue(document, ['steps', index, 'assignTo']);
                          setValue(document, ['steps', index, 'template'], step.template ?? templates[0] ?? 'reminder');
                        }
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {step.action === 'task' ? (
                    <Select aria-label={`Who ${step.id} is for`} data={roleOptions} value={step.assignTo ?? null} onChange={(value) => setStep(index, 'assignTo', value)} disabled={readOnly} />
                  ) : (
                    <Select aria-label={`Template of ${step.id}`} data={[...new Set([...templates, ...(step.template ? [step.template] : [])])]} value={step.template ?? null} onChange={(value) => setStep(index, 'template', value)} disabled={readOnly} />
                  )}
                </Table.Td>
                <Table.Td>
                  <Select aria-label={`Tone of ${step.id}`} data={toneOptions} value={step.tone ?? null} placeholder="cadence’s" onChange={(value) => setStep(index, 'tone', value)} disabled={readOnly || step.action === 'task'} clearable w={130} />
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    aria-label={`Attachments of ${step.id}`}
                    data={[
                      { value: 'statement', label: 'Statement' },
                      { value: 'invoice', label: 'Invoice' },
                    ]}
                    value={step.attach ?? []}
                    onChange={(value) => setStep(index, 'attach', value.length > 0 ? value : undefined)}
                    disabled={readOnly || step.action === 'task'}
                    w={180}
                  />
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <Button size="xs" color="red" variant="subtle" aria-label={`Delete step ${step.id}`} onClick={() => onChange((document) => removeValue(document, ['steps', index]))}>
                      Delete
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {steps.length === 0 && <Text size="sm">No steps yet: this cadence sends nothing.</Text>}
      </Stack>
    </Paper>
  );
}

function EscalationsEditor({ escalations, readOnly, onChange }: { escalations: CadenceEscalation[]; readOnly: boolean; onChange: DocumentChange }) {
  const set = (index: number, key: keyof CadenceEscalation, value: unknown) => onChange((document) => setValue(document, ['escalations', index, key], value));
  const add = () => {
    const taken = new Set(escalations.map((escalation) => escalation.id));
    let id = 'no-response';
    for (let n = 2; taken.has(id); n += 1) id = `escalation-${n}`;
    onChange((document) => appendValue(document, ['escalations'], { id, day: 21, unless: 'response', assignTo: 'operator', stop: true }));
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Escalations">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Escalations</Title>
          {!readOnly && (
            <Button size="xs" variant="light" onClick={add}>
              Add escalation
            </Button>
          )}
        </Group>
        {escalations.length === 0 && <Text size="sm">No escalations: nobody is asked to step in when a customer stays silent.</Text>}
        {escalations.map((escalation, index) => (
          <Group key={`${index}-${escalation.id}`} align="end">
            <TextInput label="Escalation" defaultValue={escalation.id} disabled={readOnly} onBlur={(event) => event.currentTarget.value.trim() !== escalation.id && set(index, 'id', event.currentTarget.value.trim())} w={150} />
            <NumberInput label={`Day of ${escalation.id}`} value={escalation.day} allowDecimal={false} disabled={readOnly} onChange={(value) => typeof value === 'number' && set(index, 'day', value)} w={110} />
            <Select label={`Who ${escalation.id} goes to`} data={roleOptions} value={escalation.assignTo ?? null} onChange={(value) => set(index, 'assignTo', value)} disabled={readOnly} w={170} />
            <Checkbox label="Only if the customer has not responded" checked={escalation.unless === 'response'} onChange={(event) => set(index, 'unless', event.currentTarget.checked ? 'response' : undefined)} disabled={readOnly} />
            <Checkbox label="Stop automated steps" checked={escalation.stop === true} onChange={(event) => set(index, 'stop', event.currentTarget.checked ? true : undefined)} disabled={readOnly} />
            {!readOnly && (
              <Button size="xs" color="red" variant="subtle" aria-label={`Delete escalation ${escalation.id}`} onClick={() => onChange((document) => removeValue(document, ['escalations', index]))}>
                Delete
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

const inherited = (value: unknown) => (value === undefined ? 'not set' : Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? `${(value as { from: string }).from}–${(value as { to: string }).to}` : String(value));

/** A cadence's guardrail overrides, or a segment's (`scope`), whose defaults are then the cadence's over the organisation's. */
export function GuardrailsEditor({ guardrails, defaults, readOnly, onChange, scope = 'cadence' }: { guardrails: Guardrails; defaults: Guardrails; readOnly: boolean; onChange: DocumentChange; scope?: 'cadence' | 'segment' }) {
  const set = (key: keyof Guardrails | [keyof Guardrails, string], value: unknown) => onChange((document) => setValue(document, ['guardrails', ...(Array.isArray(key) ? key : [key])], value));
  const quiet = guardrails.quietHours;
  const fromDefault = (key: keyof Guardrails) => `${scope === 'segment' ? 'Cadence or organisation' : 'Organisation default'}: ${inherited(defaults[key])}`;
  return (
    <Paper withBorder p="md" component="section" aria-label="Guardrails">
      <Stack gap="sm">
        <Title order={3}>Guardrails</Title>
        <Text size="sm" c="dimmed">
          {scope === 'segment' ? 'Empty fields keep the cadence’s setting, or else the organisation’s default.' : 'Empty fields keep the organisation’s default; a segment may override again.'}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Send at (customer’s local time)" placeholder={defaults.sendAt ?? '09:00'} description={fromDefault('sendAt')} defaultValue={guardrails.sendAt ?? ''} onBlur={(event) => set('sendAt', event.currentTarget.value.trim())} disabled={readOnly} />
          <TextInput
            label="Quiet hours from"
            placeholder={typeof defaults.quietHours === 'object' ? defaults.quietHours.from : ''}
            description={fromDefault('quietHours')}
            defaultValue={typeof quiet === 'object' ? quiet.from : ''}
            onBlur={(event) => {
              const from = event.currentTarget.value.trim();
              if (from === '') set('quietHours', undefined);
              else set('quietHours', { from, to: typeof quiet === 'object' ? quiet.to : typeof defaults.quietHours === 'object' ? defaults.quietHours.to : '08:00' });
            }}
            disabled={readOnly || quiet === 'none'}
          />
          <TextInput
            label="Quiet hours to"
            placeholder={typeof defaults.quietHours === 'object' ? defaults.quietHours.to : ''}
            defaultValue={typeof quiet === 'object' ? quiet.to : ''}
            onBlur={(event) => {
              const to = event.currentTarget.value.trim();
              if (to !== '' && typeof quiet === 'object') set(['quietHours', 'to'], to);
              else if (to !== '') set('quietHours', { from: typeof defaults.quietHours === 'object' ? defaults.quietHours.from : '20:00', to });
            }}
            disabled={readOnly || quiet === 'none'}
          />
        </SimpleGrid>
        <Switch label={`No quiet hours for this ${scope}`} checked={quiet === 'none'} onChange={(event) => set('quietHours', event.currentTarget.checked ? 'none' : undefined)} disabled={readOnly} />
        <Checkbox.Group label="Sending days" description={fromDefault('days')} value={guardrails.days ?? []} onChange={(value) => set('days', value.length > 0 ? weekdays.filter((day) => value.includes(day)) : undefined)}>
          <Group mt={4}>
            {weekdays.map((day) => (
              <Checkbox key={day} value={day} label={day} disabled={readOnly} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Holidays" placeholder="none, US, DE-BY, GB-ENG…" description={fromDefault('holidays')} defaultValue={guardrails.holidays ?? ''} onBlur={(event) => set('holidays', event.currentTarget.value.trim())} disabled={readOnly} />
          <NumberInput label="Daily cap per customer" description={fromDefault('maxSendsPerDay')} min={1} allowDecimal={false} value={guardrails.maxSendsPerDay ?? ''} onChange={(value) => set('maxSendsPerDay', typeof value === 'number' ? value : undefined)} disabled={readOnly} />
          <NumberInput label="Minimum balance" description={fromDefault('minBalance')} min={0} value={guardrails.minBalance ?? ''} onChange={(value) => set('minBalance', typeof value === 'number' ? value : undefined)} disabled={readOnly} />
          <Select
            label="Catch-up"
            description={fromDefault('catchUp')}
            data={[
              { value: 'latest', label: 'Latest late step only' },
              { value: 'sequential', label: 'Every late step, a day apart' },
              { value: 'skip', label: 'Skip late steps' },
            ]}
            value={guardrails.catchUp ?? null}
            onChange={(value) => set('catchUp', value)}
            clearable
            disabled={readOnly}
          />
          <Select
            label="Consolidation"
            description={fromDefault('consolidate')}
            data={[
              { value: 'true', label: 'One message per customer per day' },
              { value: 'false', label: 'A message per invoice' },
            ]}
            value={guardrails.consolidate === undefined ? null : String(guardrails.consolidate)}
            onChange={(value) => set('consolidate', value === null ? undefined : value === 'true')}
            clearable
            disabled={readOnly}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function CapsEditor({ caps, readOnly, onChange }: { caps: NonNullable<Cadence['caps']>; readOnly: boolean; onChange: DocumentChange }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Caps">
      <Stack gap="sm">
        <Title order={3}>Caps and approvers</Title>
        <Text size="sm" c="dimmed">
          An exception up to a tier’s bound needs that tier’s approvers; the last tier, without a bound, covers everything above. Discount bounds are a % of the invoice; credit bounds are amounts in its currency.
        </Text>
        {(['discount', 'credit'] as const).map((kind) => {
          const tiers = caps[kind] ?? [];
          return (
            <Stack key={kind} gap={4}>
              <Group justify="space-between">
                <Text fw={500}>{kind === 'discount' ? 'Discounts' : 'Credits'}</Text>
                {!readOnly && (
                  <Button size="xs" variant="light" onClick={() => onChange((document) => appendValue(document, ['caps', kind], { upTo: kind === 'discount' ? '5%' : 500, approvers: ['controller'] }))}>
                    Add {kind} tier
                  </Button>
                )}
              </Group>
              {tiers.length === 0 && <Text size="sm">No {kind} caps: every {kind} request needs the Controller.</Text>}
              {tiers.map((tier, index) => (
                <Group key={index} align="end">
                  <TextInput
                    label={`${kind} tier ${index + 1} up to`}
                    placeholder="above the last bound"
                    defaultValue={tier.upTo === undefined ? '' : String(tier.upTo)}
                    onBlur={(event) => {
                      const text = event.currentTarget.value.trim();
                      onChange((document) => setValue(document, ['caps', kind, index, 'upTo'], text === '' ? undefined : /^\d+(\.\d+)?$/.test(text) ? Number(text) : text));
                    }}
                    disabled={readOnly}
                    w={200}
                  />
                  <MultiSelect
                    label={`${kind} tier ${index + 1} approvers`}
                    placeholder={tier.approvers?.length ? '' : 'no approval needed'}
                    data={roleOptions}
                    value={tier.approvers ?? []}
                    onChange={(value) => onChange((document) => setValue(document, ['caps', kind, index, 'approvers'], value.length > 0 ? value : undefined))}
                    disabled={readOnly}
                    miw={260}
                  />
                  {!readOnly && (
                    <Button size="xs" color="red" variant="subtle" aria-label={`Delete ${kind} tier ${index + 1}`} onClick={() => onChange((document) => removeValue(document, ['caps', kind, index]))}>
                      Delete
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

export function newCadenceText(name: string, template: string | undefined): string {
  return `kind: Cadence\nname: ${name}\ntone: neutral\nsteps:\n  - id: due\n    day: 0\n    template: ${template ?? 'reminder'}\n`;
}

