/** ISO 8601 durations as used by DEFENDER_REQUEST_TTL: PnW, PnD, PTnH, PTnM, PTnS and their combinations. */
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in the duration, or undefined when the text is not one we accept (months and years are refused: their length varies). */
export function parseIsoDurationMs(text: string): number | undefined {
  const match = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase().endsWith('T') || text.trim().toUpperCase() === 'P') return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const totalSeconds =
    Number(weeks ?? 0) * 604800 + Number(days ?? 0) * 86400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  return Math.round(totalSeconds * 1000);
}
