const instantFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant from the API (ISO 8601, UTC) in the browser's zone and language; '–' for none. */
export function formatInstant(iso: string | null): string {
  return iso === null ? '–' : instantFormat.format(new Date(iso));
}
