import Holidays from 'date-holidays';
import { isValidTimeZone } from '../time/time-zone.ts';
import { describeContext, reportAt, type BundleDocument } from './bundle-document.ts';
import { readKey } from './describe-path.ts';
import type { ParsedDocument } from './parse-bundle-files.ts';
import type { PolicyIssue } from './policy-issue.ts';
import { formatSuggestion } from './suggest-closest.ts';

// Settings checked against the world rather than the bundle: time zones, locales and currencies
// against the runtime's Intl data, holiday calendars against date-holidays, so a typo is caught
// at lint time instead of failing (or silently doing nothing) in the engine. These read the raw
// data: each setting stands alone, so it is checked even when another key of its document is wrong.

let holidayData: Holidays | null = null;

function readHolidayData(): Holidays {
  holidayData ??= new Holidays();
  return holidayData;
}

export function checkSettings(documents: readonly ParsedDocument[]): PolicyIssue[] {
  const checkable = documents.filter((document) => !document.broken);
  return [
    ...checkable.filter((document) => document.kind === 'Workspace').flatMap(checkWorkspace),
    ...checkable.filter((document) => ['Workspace', 'Cadence', 'Segment'].includes(document.kind)).flatMap(checkGuardrails),
  ];
}

function readText(value: unknown, key: string): string | null {
  const text = readKey(value, key);
  return typeof text === 'string' ? text : null;
}

function checkWorkspace(workspace: BundleDocument): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const context = describeContext(workspace, []);
  const timezone = readText(workspace.value, 'timezone');
  const locale = readText(workspace.value, 'locale');
  const currency = readText(workspace.value, 'currency');
  if (timezone !== null && !isValidTimeZone(timezone)) {
    const suggestion = formatSuggestion(timezone, [...Intl.supportedValuesOf('timeZone'), 'UTC']);
    const message = `${context}: timezone "${timezone}" is not a known time zone${suggestion}; use an IANA name such as America/New_York`;
    issues.push(reportAt(workspace, ['timezone'], { code: 'invalid-time-zone', message }));
  }
  if (locale !== null) issues.push(...checkLocale(workspace, locale));
  // Only a well-formed code: the schema already reports anything else.
  if (currency !== null && /^[A-Z]{3}$/.test(currency) && !Intl.supportedValuesOf('currency').includes(currency)) {
    const suggestion = formatSuggestion(currency, Intl.supportedValuesOf('currency'));
    const message = `${context}: currency "${currency}" is not an ISO 4217 currency code${suggestion}`;
    issues.push(reportAt(workspace, ['currency'], { code: 'invalid-currency', message }));
  }
  const domains = new Set<string>();
  const senders = readKey(workspace.value, 'senders');
  (Array.isArray(senders) ? senders : []).forEach((sender: unknown, index) => {
    const written = readText(sender, 'domain');
    if (written === null) return;
    const domain = written.toLowerCase();
    if (domains.has(domain)) {
      const message = `${context}: the sending domain "${written}" is listed twice`;
      issues.push(reportAt(workspace, ['senders', index, 'domain'], { code: 'duplicate-sender', message }));
    }
    domains.add(domain);
  });
  return issues;
}

function checkLocale(workspace: BundleDocument, locale: string): PolicyIssue[] {
  const context = describeContext(workspace, []);
  try {
    Intl.getCanonicalLocales(locale);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const underscored = locale.replaceAll('_', '-');
    const hint = underscored !== locale && isWellFormedLocale(underscored) ? ` (did you mean "${underscored}"?)` : '';
    const message = `${context}: locale "${locale}" is not a BCP 47 language tag${hint}; write one such as en-US or de-DE`;
    return [reportAt(workspace, ['locale'], { code: 'invalid-locale', message })];
  }
  // Well formed but unknown ("english", "xx"): amounts and dates would fall back to another locale.
  if (Intl.NumberFormat.supportedLocalesOf([locale]).length === 0) {
    const message = `${context}: locale "${locale}" is not a language Plixo can format amounts and dates in; write one such as en-US or de-DE`;
    return [reportAt(workspace, ['locale'], { code: 'invalid-locale', message, severity: 'warning' })];
  }
  return [];
}

function isWellFormedLocale(locale: string): boolean {
  try {
    Intl.getCanonicalLocales(locale);
    return true;
  } catch {
    return false;
  }
}

const localTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const calendarCode = /^[A-Z]{2}(-[A-Za-z0-9]+){0,2}$/;

function checkGuardrails(owner: BundleDocument): PolicyIssue[] {
  const guardrails = readKey(owner.value, 'guardrails');
  if (guardrails === null || typeof guardrails !== 'object') return [];
  const issues: PolicyIssue[] = [];
  const context = describeContext(owner, []);
  const holidays = readText(guardrails, 'holidays');
  // Malformed codes are the schema's to report; here only well-formed ones are looked up.
  if (holidays !== null && holidays !== 'none' && calendarCode.test(holidays)) {
    const problem = explainHolidayCalendar(holidays);
    if (problem !== null) {
      const message = `${context}: guardrails.holidays "${holidays}" is not a known holiday calendar: ${problem}`;
      issues.push(reportAt(owner, ['guardrails', 'holidays'], { code: 'invalid-holiday-calendar', message }));
    }
  }
  const quietHours = readKey(guardrails, 'quietHours');
  const from = readText(quietHours, 'from');
  if (from !== null && localTime.test(from) && from === readText(quietHours, 'to')) {
    const message = `${context}: guardrails.quietHours starts and ends at ${from}, which is ambiguous; write quietHours: none to allow every hour`;
    issues.push(reportAt(owner, ['guardrails', 'quietHours'], { code: 'invalid-quiet-hours', message }));
  }
  return issues;
}

/** Why a calendar code is unknown to date-holidays, or null when it is known. */
export function explainHolidayCalendar(code: string): string | null {
  const [country = '', state, region] = code.split('-');
  const data = readHolidayData();
  const countries = Object.keys(data.getCountries() ?? {});
  if (!countries.includes(country)) return `there is no country "${country}"${formatSuggestion(country, countries)}`;
  if (state === undefined) return null;
  const states = Object.keys(data.getStates(country) ?? {});
  if (!states.includes(state)) {
    if (states.length === 0) return `${country} has no regional calendars; use ${country}`;
    return `${country} has no region "${state}"${formatSuggestion(state, states)}`;
  }
  if (region === undefined) return null;
  const regions = Object.keys(data.getRegions(country, state) ?? {});
  if (!regions.includes(region)) {
    if (regions.length === 0) return `${country}-${state} has no local calendars; use ${country}-${state}`;
    return `${country}-${state} has no local calendar "${region}"${formatSuggestion(region, regions)}`;
  }
  return null;
}
