/**
 * Teams' throttling of a bot: per bot per conversation, every send and update counts, and past any window's limit
 * Teams answers 429 with Retry-After. Sliding windows over the times of the operations let through.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit (per bot per thread: 7 / 1 s,
 * 60 / 30 s, 1,800 / 3,600 s).
 */
import { performance } from 'node:perf_hooks';

export interface RateWindow {
  operations: number;
  windowInMs: number;
}

export interface RateLimitOptions {
  /** Every window must have room for an operation. `[]` lets everything through (load runs). */
  windows: RateWindow[];
  /** The Retry-After a 429 carries. Default: the whole seconds until the fullest window has room again (at least 1). */
  retryAfterSeconds?: number;
}

export const TEAMS_RATE_WINDOWS: readonly RateWindow[] = Object.freeze([
  { operations: 7, windowInMs: 1_000 },
  { operations: 60, windowInMs: 30_000 },
  { operations: 1_800, windowInMs: 3_600_000 },
]);

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; window: RateWindow };

export class RateLimiter {
  private readonly windows: RateWindow[];
  private readonly longestWindowInMs: number;
  /** Per key, the times (ms) of the operations let through, oldest first. */
  private readonly history = new Map<string, number[]>();

  constructor(options: Partial<RateLimitOptions> = {}, private readonly nowInMs: () => number = () => performance.now()) {
    this.windows = [...(options.windows ?? TEAMS_RATE_WINDOWS)];
    this.longestWindowInMs = Math.max(0, ...this.windows.map((window) => window.windowInMs));
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  private readonly retryAfterSeconds: number | undefined;

  /** Counts an operation for `key` if every window has room; otherwise says how long to wait. */
  take(key: string): RateDecision {
    if (this.windows.length === 0) return { allowed: true };
    const now = this.nowInMs();
    const times = this.history.get(key) ?? [];
    while (times.length > 0 && times[0] <= now - this.longestWindowInMs) times.shift();
    let refusal: { waitInMs: number; window: RateWindow } | undefined;
    for (const window of this.windows) {
      const inWindow = times.filter((time) => time > now - window.windowInMs).length;
      if (inWindow < window.operations) continue;
      // Room comes back when the operation that filled the window leaves it.
      const waitInMs = times[times.length - window.operations] + window.windowInMs - now;
      if (!refusal || waitInMs > refusal.waitInMs) refusal = { waitInMs, window };
    }
    if (refusal) {
      const retryAfterSeconds = this.retryAfterSeconds ?? Math.max(1, Math.ceil(refusal.waitInMs / 1000));
      return { allowed: false, retryAfterSeconds, window: refusal.window };
    }
    times.push(now);
    this.history.set(key, times);
    return { allowed: true };
  }
}
