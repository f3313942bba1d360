/** "in 4 minutes (at 09:14 UTC)": when a refused person may try again, in words and as a fixed-zone time. */

function roundedUp(ms: number, unitMs: number): number {
  return Math.max(1, Math.ceil(ms / unitMs));
}

export function describeRetry(retryAfterMs: number, retryAt: Date): string {
  const wait =
    retryAfterMs < 60_000
      ? `${roundedUp(retryAfterMs, 1000)} second${roundedUp(retryAfterMs, 1000) === 1 ? '' : 's'}`
      : `${roundedUp(retryAfterMs, 60_000)} minute${roundedUp(retryAfterMs, 60_000) === 1 ? '' : 's'}`;
  const clockTime = retryAt.toISOString().slice(11, 19);
  return `in ${wait} (at ${clockTime} UTC)`;
}
