/**
 * The subscriptions the bot's identity can see, for name and GUID resolution without paging through the tenant on
 * a user's turn. Loaded at start-up (warmUp), served from memory, and refreshed in the background once older than
 * the TTL; a name that matches nothing triggers one fresh read, so a subscription created a minute ago is found.
 * While the first list is still loading (start-up), a name is looked up with one search instead of waiting for it.
 * Where the list comes from (Resource Graph, or ARM's GET /subscriptions) is the loader's business.
 */
import type { Subscription, SubscriptionResolution } from '../core/defender';
import type { Clock, OperationOptions } from '../core/ports';

export const DEFAULT_SUBSCRIPTION_CACHE_TTL_IN_MS = 60_000;
/** Older than this, a caller waits for a fresh list instead of getting the old one. */
const MAX_STALENESS_IN_TTLS = 10;
/** A not-found name re-reads the list only if the list is at least this old, so typos cannot hammer the loader. */
const MIN_AGE_FOR_NOT_FOUND_REFRESH_IN_MS = 5_000;
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

export interface SubscriptionDirectoryOptions {
  /** The whole list (Resource Graph, or ARM when Graph cannot be used). */
  load: (options: OperationOptions) => Promise<Subscription[]>;
  /** One subscription by id, for an id the list does not hold (404 → SubscriptionNotFound). */
  getOne: (subscriptionId: string, options: OperationOptions) => Promise<Subscription>;
  /** Optional: the subscriptions a query can match, in one call; undefined when it cannot say. */
  search?: (query: string, options: OperationOptions) => Promise<Subscription[] | undefined>;
  clock: Clock;
  ttlInMs?: number;
  /** A background refresh failed; the old list stays in use and the next use tries again. */
  onBackgroundError?: (error: unknown) => void;
}

export class SubscriptionDirectory {
  private cached?: { subscriptions: Subscription[]; fetchedAtMs: number };
  private inFlight?: Promise<Subscription[]>;
  private readonly ttlInMs: number;

  constructor(private readonly options: SubscriptionDirectoryOptions) {
    this.ttlInMs = options.ttlInMs ?? DEFAULT_SUBSCRIPTION_CACHE_TTL_IN_MS;
  }

  /**
   * Loads the list ahead of the first command; resolves once it is in memory. Once it is, this reads nothing: /readyz
   * asks it on every probe, and a load balancer's probes must not keep an idle bot re-reading the tenant.
   */
  async warmUp(options: OperationOptions = {}): Promise<void> {
    if (!this.cached) await this.list(options);
  }

  /** The list in memory; past the TTL it is still served while a background read replaces it. */
  async list(options: OperationOptions = {}): Promise<Subscription[]> {
    const ageMs = this.ageMs();
    if (!this.cached || ageMs >= this.ttlInMs * MAX_STALENESS_IN_TTLS) return this.refresh(options);
    if (ageMs >= this.ttlInMs) this.refresh({}).catch((error: unknown) => this.options.onBackgroundError?.(error));
    return this.cached.subscriptions;
  }

  /** A complete list read elsewhere (the fleet read sees every subscription too) replaces the cached one. */
  prime(subscriptions: Subscription[]): void {
    this.cached = { subscriptions, fetchedAtMs: this.options.clock.now().getTime() };
  }

  async resolve(query: string, options: OperationOptions = {}): Promise<SubscriptionResolution> {
    const loadingFirstList = !this.cached && this.inFlight !== undefined;
    const early = loadingFirstList ? await this.resolveBeforeTheList(query, options) : undefined;
    if (early) return early;
    const resolution = resolveFromList(query, await this.list(options));
    if (resolution.kind !== 'not-found' || this.ageMs() < MIN_AGE_FOR_NOT_FOUND_REFRESH_IN_MS) return resolution;
    return resolveFromList(query, await this.refresh(options));
  }

  /** One subscription by id: from the list when it is there, else a single read. */
  async get(subscriptionId: string, options: OperationOptions = {}): Promise<Subscription> {
    const known = this.cached?.subscriptions.find((subscription) => subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    return known ?? this.options.getOne(subscriptionId, options);
  }

  /**
   * Right after start-up the list is still loading (five Resource Graph pages at 5,000 subscriptions). A search
   * holds every subscription the query can match, so a match or an ambiguity found there is the list's answer too;
   * "nothing" waits for the list, which also names what is visible.
   */
  private async resolveBeforeTheList(query: string, options: OperationOptions): Promise<SubscriptionResolution | undefined> {
    const candidates = await this.options.search?.(query, options);
    if (!candidates) return undefined;
    const resolution = resolveFromList(query, candidates);
    return resolution.kind === 'not-found' ? undefined : resolution;
  }

  /** Callers arriving while a read is on the wire share it instead of reading again (and share its abort signal). */
  private refresh(options: OperationOptions): Promise<Subscription[]> {
    this.inFlight ??= this.options
      .load(options)
      .then((subscriptions) => {
        this.prime(subscriptions);
        return subscriptions;
      })
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private ageMs(): number {
    return this.cached ? this.options.clock.now().getTime() - this.cached.fetchedAtMs : Number.POSITIVE_INFINITY;
  }
}
