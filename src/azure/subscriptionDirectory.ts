/**
 * The subscriptions the bot's identity can see, listed once and kept for a short TTL so a chat turn
 * ("status prod", then "enable prod") does not re-list every time. Resolution by GUID or display name.
 */
import type { Subscription, SubscriptionResolution } from '../core/defender';
import type { Clock, OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { SUBSCRIPTIONS_API_VERSION, toSubscription, type ArmSubscription } from './models/subscription';

export const DEFAULT_SUBSCRIPTION_CACHE_TTL_IN_MS = 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pure: a GUID means that subscription and nothing else (even when another subscription is NAMED like that GUID);
 * otherwise an exact name wins, then a unique substring of the name; several → ambiguous, none → not-found.
 */
export function resolveFromList(query: string, visible: Subscription[]): SubscriptionResolution {
  const needle = query.trim().toLowerCase();
  if (GUID.test(needle)) {
    const byId = visible.find((subscription) => subscription.subscriptionId.toLowerCase() === needle);
    return byId ? { kind: 'found', subscription: byId } : { kind: 'not-found', query, visible };
  }
  const exact = visible.filter(
    (subscription) => subscription.subscriptionId.toLowerCase() === needle || subscription.displayName.toLowerCase() === needle,
  );
  if (exact.length === 1) return { kind: 'found', subscription: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', query, candidates: exact };
  const partial = !needle ? [] : visible.filter((subscription) => subscription.displayName.toLowerCase().includes(needle));
  if (partial.length === 1) return { kind: 'found', subscription: partial[0] };
  if (partial.length > 1) return { kind: 'ambiguous', query, candidates: partial };
  return { kind: 'not-found', query, visible };
}

export class SubscriptionDirectory {
  private cached?: { subscriptions: Subscription[]; fetchedAtMs: number };
  private inFlight?: Promise<Subscription[]>;

  constructor(
    private readonly transport: ArmTransport,
    private readonly clock: Clock,
    private readonly ttlInMs: number = DEFAULT_SUBSCRIPTION_CACHE_TTL_IN_MS,
  ) {}

  async list(options: OperationOptions = {}): Promise<Subscription[]> {
    const nowMs = this.clock.now().getTime();
    if (this.cached && nowMs - this.cached.fetchedAtMs < this.ttlInMs) return this.cached.subscriptions;
    // Callers arriving while a list is on the wire share it instead of listing again (and share its abort signal).
    this.inFlight ??= this.fetch(options).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetch(options: OperationOptions): Promise<Subscription[]> {
    const wire = await this.transport.sendList<ArmSubscription>({
      method: 'GET',
      path: '/subscriptions',
      query: { 'api-version': SUBSCRIPTIONS_API_VERSION },
      purpose: 'list the subscriptions it can see',
      abortSignal: options.abortSignal,
    });
    const subscriptions = wire.map(toSubscription);
    this.cached = { subscriptions, fetchedAtMs: this.clock.now().getTime() };
    return subscriptions;
  }

  async resolve(query: string, options: OperationOptions = {}): Promise<SubscriptionResolution> {
    return resolveFromList(query, await this.list(options));
  }

  /** One subscription by id: from the fresh cache when it is there, else a single GET (404 → SubscriptionNotFound). */
  async get(subscriptionId: string, options: OperationOptions = {}): Promise<Subscription> {
    const nowMs = this.clock.now().getTime();
    const fresh = this.cached && nowMs - this.cached.fetchedAtMs < this.ttlInMs ? this.cached.subscriptions : [];
    const known = fresh.find((subscription) => subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    if (known) return known;
    const wire = await this.transport.send<ArmSubscription>({
      method: 'GET',
      path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
      query: { 'api-version': SUBSCRIPTIONS_API_VERSION },
      purpose: 'read the subscription',
      subscriptionId,
      abortSignal: options.abortSignal,
    });
    return toSubscription(wire);
  }
}
