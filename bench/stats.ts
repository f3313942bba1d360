/** Percentiles and medians over latency samples (milliseconds). Nearest-rank, so p99 is a sample that happened. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1];
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

/** Rounded for the table and results.json: sub-millisecond digits are noise on a shared 2-core machine. */
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
