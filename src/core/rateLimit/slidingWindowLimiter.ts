/**
 * A sliding-window rate limiter: at most `limit` events per key in any `windowMs`. Pure and deterministic:
 * time comes from the injected clock, so tests move time instead of sleeping. State lives in memory, per
 * instance (see docs/security.md for what that means with several instances).
 */
import type { Clock } from '../ports';

export interface RateLimit {
  /** Events allowed in any window. */
  limit: number;
  windowMs: number;
}

export type RateDecision =
  | { allowed: true; remaining: number }
  /** `retryAt`: the first moment one more event would be allowed. */
  | { allowed: false; retryAt: Date; retryAfterMs: number };

/** Keys idle longer than a window hold nothing useful; past this many keys they are swept on the next event. */
const SWEEP_THRESHOLD_KEYS = 10_000;

export class SlidingWindowLimiter {
  /** Per key: the times (ms) of the events still inside the window, oldest first. */
  private readonly events = new Map<string, number[]>();

  constructor(private readonly rateLimit: RateLimit, private readonly clock: Clock) {
    if (!Number.isInteger(rateLimit.limit) || rateLimit.limit < 1) {
      throw new RangeError(`InvalidRateLimit: limit is ${rateLimit.limit}; expected a whole number >= 1`);
    }
    if (!Number.isFinite(rateLimit.windowMs) || rateLimit.windowMs < 1) {
      throw new RangeError(`InvalidRateLimit: windowMs is ${rateLimit.windowMs}; expected a duration >= 1 ms`);
    }
  }

  /** Records one event for `key` when allowed; a refused event is not recorded, so waiting always helps. */
  take(key: string): RateDecision {
    const nowMs = this.clock.now().getTime();
    if (this.events.size > SWEEP_THRESHOLD_KEYS) this.sweep(nowMs);
    const recent = this.recentEvents(key, nowMs);
    if (recent.length >= this.rateLimit.limit) {
      const retryAtMs = recent[0] + this.rateLimit.windowMs;
      return { allowed: false, retryAt: new Date(retryAtMs), retryAfterMs: retryAtMs - nowMs };
    }
    recent.push(nowMs);
    this.events.set(key, recent);
    return { allowed: true, remaining: this.rateLimit.limit - recent.length };
  }

  private recentEvents(key: string, nowMs: number): number[] {
    const windowStartMs = nowMs - this.rateLimit.windowMs;
    return (this.events.get(key) ?? []).filter((atMs) => atMs > windowStartMs);
  }

  /** Drops keys whose events have all left the window, so memory stays bounded by the active users. */
  private sweep(nowMs: number): void {
    for (const key of [...this.events.keys()]) {
      if (this.recentEvents(key, nowMs).length === 0) this.events.delete(key);
    }
  }

  get trackedKeys(): number {
    return this.events.size;
  }
}
