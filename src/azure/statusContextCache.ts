/**
 * The slow-changing part of a status: API Management inventory, provider registration and the identity's
 * rights. Reused for a short time so a status costs one ARM call (the pricings, always read fresh) instead
 * of five or more. Failures are not cached; concurrent readers share one load; our own writes invalidate.
 */
import type { ApiManagementService } from '../core/defender';
import type { Clock } from '../core/ports';

export interface StatusContext {
  apiManagementServices: ApiManagementService[];
  securityProviderRegistered: boolean;
  canWritePricings: boolean;
}

export const DEFAULT_STATUS_CONTEXT_TTL_IN_MS = 30_000;

export class StatusContextCache {
  private readonly entries = new Map<string, { loadedAtMs: number; context: Promise<StatusContext> }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlInMs: number = DEFAULT_STATUS_CONTEXT_TTL_IN_MS,
  ) {}

  get(subscriptionId: string, load: () => Promise<StatusContext>): Promise<StatusContext> {
    const key = subscriptionId.toLowerCase();
    const nowMs = this.clock.now().getTime();
    const entry = this.entries.get(key);
    if (entry && nowMs - entry.loadedAtMs < this.ttlInMs) return entry.context;
    const context = load();
    this.entries.set(key, { loadedAtMs: nowMs, context });
    context.catch(() => {
      if (this.entries.get(key)?.context === context) this.entries.delete(key);
    });
    return context;
  }

  /** After the bot changed something on the subscription (e.g. onboarded APIs), the next status reads anew. */
  invalidate(subscriptionId: string): void {
    this.entries.delete(subscriptionId.toLowerCase());
  }
}
