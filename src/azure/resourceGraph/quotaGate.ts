/**
 * Resource Graph's per-user quota (documented: 15 queries per 5 s). Every answer says how many queries are left
 * (`x-ms-user-quota-remaining`) and when the window resets (`x-ms-user-quota-resets-after`, hh:mm:ss); the gate
 * holds a query back until the reset rather than spend it on a 429. A 429 that happens anyway (another process
 * of the same identity) is retried by the SDK pipeline after its Retry-After.
 */
import type { Clock } from '../../core/ports';
import { parseResetsAfter, QUOTA_REMAINING_HEADER, QUOTA_RESETS_AFTER_HEADER } from '../models/resourceGraph';

export interface QuotaGateOptions {
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class QuotaGate {
  /** Queries left in the current window, as last reported minus those sent since; undefined = unknown. */
  private remaining?: number;
  private resetsAtMs?: number;
  private inFlight = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: QuotaGateOptions) {
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Waits, if the quota is spent, until its window resets; then counts the query as sent. */
  async acquire(): Promise<void> {
    while (this.remaining !== undefined && this.remaining <= 0) {
      const waitMs = (this.resetsAtMs ?? 0) - this.nowMs();
      if (waitMs > 0) await this.sleep(waitMs);
      // The window has reset (whatever a test's clock says after the wait): trust the next answer's headers.
      if (this.remaining !== undefined && this.remaining <= 0) this.forget();
    }
    if (this.remaining !== undefined) this.remaining -= 1;
    this.inFlight += 1;
  }

  /** After an answer (or a failure, with no headers): take in what the service says is left. */
  release(headers?: { get(name: string): string | undefined }): void {
    this.inFlight -= 1;
    const remaining = Number(headers?.get(QUOTA_REMAINING_HEADER));
    const resetsAfterMs = parseResetsAfter(headers?.get(QUOTA_RESETS_AFTER_HEADER));
    if (!headers?.get(QUOTA_REMAINING_HEADER) || !Number.isFinite(remaining)) return;
    // Queries still in flight may not be counted in that answer yet: assume they are spent.
    this.remaining = remaining - this.inFlight;
    this.resetsAtMs = this.nowMs() + (resetsAfterMs ?? 5000);
  }

  private forget(): void {
    this.remaining = undefined;
    this.resetsAtMs = undefined;
  }

  private nowMs(): number {
    return this.options.clock.now().getTime();
  }
}
