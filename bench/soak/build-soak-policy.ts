import { parseAllDocuments } from 'yaml';
import type { PolicyFile } from '../../src/app/ports/store.ts';
import { formatCalendarDay, type EpochDay } from '../../src/core/time/calendar-day.ts';
import type { SoakOrganisation } from './soak-organisations.ts';

// An organisation's policy: the example bundle (examples/acme: its cadences, templates and
// segments), with the organisation's zone, sending domain and caps, and its segments on
// autopilot so the engine's messages are really sent. The bundle's PolicyTests stay out: they
// test Acme's own data.

export function buildSoakPolicy(input: { files: readonly PolicyFile[]; organisation: SoakOrganisation; startDay: EpochDay }): PolicyFile[] {
  const { organisation, startDay } = input;
  return input.files
    .filter((file) => !file.path.startsWith('tests/'))
    .map((file) => {
      const documents = parseAllDocuments(file.text);
      if (!Array.isArray(documents)) return file;
      for (const document of documents) {
        const kind = document.get('kind');
        if (kind === 'Workspace') editWorkspace(document, organisation, startDay);
        if (kind === 'Segment') editSegment(document, organisation);
      }
      return { path: file.path, text: documents.map((document) => document.toString()).join('') };
    });
}

type YamlDocument = ReturnType<typeof parseAllDocuments> extends infer T ? (T extends readonly (infer D)[] ? D : never) : never;

function editWorkspace(document: YamlDocument, organisation: SoakOrganisation, startDay: EpochDay): void {
  document.set('name', organisation.id);
  document.set('timezone', organisation.timeZone);
  document.set('locale', organisation.locale);
  document.set('currency', organisation.currency);
  document.setIn(['guardrails', 'maxSendsPerDay'], organisation.maxSendsPerDay);
  // The week of warm-up starts five days before the simulation, so the ramp steps up two
  // simulated days into the run: both sides of a step are counted.
  const warmupStart = organisation.warmupWeek === null ? null : formatCalendarDay(startDay - (organisation.warmupWeek - 1) * 7 - 5);
  document.set('senders', [
    { domain: organisation.domain, ...(warmupStart ? { warmupStart } : {}), address: `ar@${organisation.domain}` },
  ]);
  document.setIn(['branding', 'companyName'], organisation.name);
}

function editSegment(document: YamlDocument, organisation: SoakOrganisation): void {
  const name = document.get('name');
  document.set('mode', name === 'default' && organisation.shadowDefault ? 'shadow' : 'autopilot');
  if (name !== 'smb') return;
  if (organisation.smbSendCap === null) document.delete('sendCap');
  else document.set('sendCap', organisation.smbSendCap);
}
