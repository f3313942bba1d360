/**
 * Resource Graph's per-user quota as Microsoft documents it: 15 queries in every 5-second window. The window starts
 * with the first query after the previous one ended; the 16th query in it is answered 429. Every answer carries
 * `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss). One quota per simulator (any token).
 */
export const GRAPH_QUERIES_PER_WINDOW = 15;

export interface QuotaDecision {
  allowed: boolean;
  remaining: number;
  resetsAfterMs: number;
}

export class GraphQuota {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private used = 0;

  take(nowMs: number, windowMs: number): QuotaDecision {
    if (nowMs - this.windowStartMs >= windowMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    const resetsAfterMs = this.windowStartMs + windowMs - nowMs;
    if (this.used >= GRAPH_QUERIES_PER_WINDOW) return { allowed: false, remaining: 0, resetsAfterMs };
    this.used += 1;
    return { allowed: true, remaining: GRAPH_QUERIES_PER_WINDOW - this.used, resetsAfterMs };
  }
}

/** 1500 ms → "00:00:02" (rounded up: a client that waits that long is safe). */
export function formatResetsAfter(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export function quotaHeaders(decision: QuotaDecision): Record<string, string> {
  return { 'x-ms-user-quota-remaining': String(decision.remaining), 'x-ms-user-quota-resets-after': formatResetsAfter(decision.resetsAfterMs) };
}
