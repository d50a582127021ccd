import { describe, expect, it } from 'vitest';
import { explainHolidayCalendar } from './check-settings.ts';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const issue = (file: string, line: number, column: number, code: string, severity = 'error') => ({ file, line, column, code, severity });

function workspace(fields: { timezone?: string; locale?: string; currency?: string; guardrails?: string }): string {
  return [
    'kind: Workspace',
    `timezone: ${fields.timezone ?? 'America/New_York'}`,
    `locale: ${fields.locale ?? 'en-US'}`,
    `currency: ${fields.currency ?? 'USD'}`,
    'plan: growth',
    ...(fields.guardrails === undefined ? [] : ['guardrails:', fields.guardrails]),
    '',
  ].join('\n');
}

const lintWorkspace = (text: string) => locateIssues(loadPolicyBundle(buildPolicyFiles({ 'workspace.yaml': text })).issues);

describe('workspace settings', () => {
  it.each([
    ['America/New_Yrok', 'invalid-time-zone'],
    ['Mars/Olympus', 'invalid-time-zone'],
    ['+01:00', 'invalid-time-zone'],
  ])('rejects the time zone %s', (timezone, code) => {
    expect(lintWorkspace(workspace({ timezone }))).toEqual([issue('workspace.yaml', 2, 11, code)]);
  });

  it.each(['UTC', 'Europe/Berlin', 'Pacific/Chatham', 'Asia/Kathmandu'])('accepts the time zone %s', (timezone) => {
    expect(lintWorkspace(workspace({ timezone }))).toEqual([]);
  });

  it('rejects a locale that is not BCP 47, and warns about one no formatter knows', () => {
    expect(lintWorkspace(workspace({ locale: 'en_US' }))).toEqual([issue('workspace.yaml', 3, 9, 'invalid-locale')]);
    expect(lintWorkspace(workspace({ locale: 'english' }))).toEqual([issue('workspace.yaml', 3, 9, 'invalid-locale', 'warning')]);
    expect(lintWorkspace(workspace({ locale: 'de-DE' }))).toEqual([]);
  });

  it('rejects a currency that is not ISO 4217', () => {
    expect(lintWorkspace(workspace({ currency: 'USX' }))).toEqual([issue('workspace.yaml', 4, 11, 'invalid-currency')]);
    expect(lintWorkspace(workspace({ currency: 'JPY' }))).toEqual([]);
  });

  it('still checks the time zone when another key of the workspace is wrong', () => {
    const text = workspace({ timezone: 'Europe/Berln' }).replace('plan: growth', 'plan: grow');
    expect(lintWorkspace(text).map((found) => found.code)).toEqual(['invalid-time-zone', 'invalid-value']);
  });

  it('rejects a sending domain listed twice', () => {
    const text = `${workspace({})}senders:\n  - domain: ar.acme.example\n  - domain: AR.acme.example\n`;
    expect(lintWorkspace(text)).toEqual([issue('workspace.yaml', 8, 13, 'duplicate-sender')]);
  });
});

describe('holiday calendars', () => {
  it.each(['US', 'DE', 'DE-BY', 'GB-ENG', 'US-CA', 'DE-BY-A'])('knows %s', (code) => {
    expect(explainHolidayCalendar(code)).toBeNull();
  });

  it.each(['XX', 'DE-XX', 'DE-BY-XX', 'US-CA-XX'])('does not know %s', (code) => {
    expect(explainHolidayCalendar(code)).not.toBeNull();
  });

  it('checks holidays in workspace, cadence and segment guardrails', () => {
    const files = buildPolicyFiles({
      'workspace.yaml': workspace({ guardrails: '  holidays: DE-BX' }),
      'cadence.yaml': 'kind: Cadence\nname: standard\nguardrails: { holidays: UK }\nsteps:\n  - { id: due, day: 0, template: reminder }\n',
      'segments.yaml': 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadow\nguardrails:\n  holidays: GB-ENG\n',
    });
    expect(locateIssues(loadPolicyBundle(files).issues)).toEqual([
      issue('cadence.yaml', 3, 25, 'invalid-holiday-calendar'),
      issue('workspace.yaml', 7, 13, 'invalid-holiday-calendar'),
    ]);
  });
});

describe('quiet hours', () => {
  it('rejects a window that starts and ends at the same time', () => {
    const text = workspace({ guardrails: '  quietHours: { from: "20:00", to: "20:00" }' });
    expect(lintWorkspace(text)).toEqual([issue('workspace.yaml', 7, 15, 'invalid-quiet-hours')]);
  });

  it('accepts none and windows across midnight', () => {
    expect(lintWorkspace(workspace({ guardrails: '  quietHours: none' }))).toEqual([]);
    expect(lintWorkspace(workspace({ guardrails: '  quietHours: { from: "22:00", to: "06:30" }' }))).toEqual([]);
  });
});
