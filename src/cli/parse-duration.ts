const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "1h", "2d", "30s" → milliseconds; null if not a positive duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * units[match[2]!]!;
  return value > 0 ? value : null;
}
