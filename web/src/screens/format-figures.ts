// Figures as the screens show them: money from minor units in its own currency (never summed
// across currencies), shares as percentages, instants and durations for people.

const digitsCache = new Map<string, number>();

function digitsOf(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function formatMinor(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 10 ** digitsOf(currency));
}

export function formatMajor(major: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(major);
}

/** The major-unit value of minor units, for charts. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** digitsOf(currency);
}

export function formatShare(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 1000) / 10} %`;
}

export function formatInstant(iso: string | null): string {
  return iso === null ? '–' : new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatAge(ms: number | null): string {
  if (ms === null) return '–';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 2) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}
