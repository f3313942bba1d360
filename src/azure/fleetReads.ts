/**
 * Every fleet-wide read (subscriptions, Defender settings, API Management inventory): from Azure Resource Graph,
 * a handful of calls for thousands of subscriptions; or, when Graph answers 403, cannot be reached, keeps
 * throttling or sees no subscription that ARM lists (no Reader), from ARM one subscription at a time, saying so. After such a failure Graph is left alone for a minute,
 * so a user does not wait for the SDK's retries on every command. `list`, `enable all` planning, name resolution
 * and the watch scan all read through here.
 */
import type { Subscription } from '../core/defender';
import { isDefenderError, type DefenderErrorCode } from '../core/errors';
import type { ApiManagementInventory, FleetApiAlerts, FleetView } from '../core/fleet';
import type { Clock, ListFleetOptions, OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { listSubscriptionsFromArm, readApiManagementInventoryFromArm, readFleetFromArm, readOpenApiAlertsFromArm } from './armFleetReads';
import {
  API_COLLECTIONS_QUERY,
  API_MANAGEMENT_SERVICES_QUERY,
  DEFENDER_SETTINGS_QUERY,
  OPEN_API_ALERTS_QUERY,
  SUBSCRIPTIONS_QUERY,
  subscriptionSearchQuery,
  toApiAlertsFromRows,
  toApiManagementInventory,
  toFleetRowFromRow,
  toSubscriptionFromRow,
} from './resourceGraph/queries';
import type { ResourceGraphClient } from './resourceGraph/resourceGraphClient';

/** How long Resource Graph is skipped after it failed. */
export const GRAPH_RETRY_AFTER_FAILURE_IN_MS = 60_000;

/** The failures that mean "Graph cannot serve this identity now"; any other error (a 400: our query) is a bug to surface. */
const FALLBACK_CODES: ReadonlySet<DefenderErrorCode> = new Set(['AuthorizationFailed', 'ArmUnavailable', 'Throttled']);

export interface SubscriptionList {
  subscriptions: Subscription[];
  source: FleetView['source'];
}

export interface FleetReadsOptions {
  graph: ResourceGraphClient;
  transport: ArmTransport;
  clock: Clock;
  fleetConcurrency: number;
  /** The cached subscription list, for the per-subscription fallback. */
  listSubscriptions: (options: OperationOptions) => Promise<Subscription[]>;
}

/** `armListing`: the subscriptions ARM listed to find Graph blind, when that is why Graph was left. */
type Fallback<T> = (reason: string, armListing?: Subscription[]) => Promise<T>;

/**
 * Resource Graph answers only with what the identity may read, so an identity with Security Admin but no Reader gets
 * an empty answer, not a 403. Nothing at all from Graph while ARM lists subscriptions means exactly that.
 */
class GraphSeesNoSubscription extends Error {
  /** Carried so the listing fallback does not page through GET /subscriptions a second time. */
  constructor(readonly armListing: Subscription[]) {
    super(`Resource Graph shows none of the ${armListing.length} subscriptions ARM lists: give the bot's identity Reader on them`);
  }
}

export class FleetReads {
  private graphSkippedUntilMs = 0;
  private graphProblem = '';

  constructor(private readonly options: FleetReadsOptions) {}

  /** For the subscription directory: Graph's `resourcecontainers`, or GET /subscriptions page by page. */
  listSubscriptions(options: OperationOptions = {}): Promise<SubscriptionList> {
    return this.viaGraph<SubscriptionList>(
      async () => ({ subscriptions: (await this.seenByGraph(this.options.graph.query(SUBSCRIPTIONS_QUERY, options), options)).map(toSubscriptionFromRow), source: 'resource-graph' }),
      async (_reason, armListing) => ({ subscriptions: armListing ?? (await listSubscriptionsFromArm(this.options.transport, options)), source: 'arm' }),
    );
  }

  /**
   * The subscriptions a name or GUID can match, in one Graph query, so a name resolves before the whole list is in.
   * Undefined when the needle cannot be searched safely or Graph cannot serve now: the caller then waits for the
   * list, whose own read decides about falling back.
   */
  async searchSubscriptions(needle: string, options: OperationOptions = {}): Promise<Subscription[] | undefined> {
    const query = subscriptionSearchQuery(needle);
    if (!query || this.options.clock.now().getTime() < this.graphSkippedUntilMs) return undefined;
    try {
      return (await this.options.graph.query(query, options)).map(toSubscriptionFromRow);
    } catch (error) {
      if (isDefenderError(error) && FALLBACK_CODES.has(error.code)) return undefined;
      throw error;
    }
  }

  /** Every subscription's Defender settings (rows straight from Graph; the caller overlays its own recent writes). */
  readFleet(options: ListFleetOptions = {}): Promise<FleetView> {
    return this.viaGraph<FleetView>(
      async () => ({ rows: (await this.seenByGraph(this.options.graph.query(DEFENDER_SETTINGS_QUERY, options), options)).map(toFleetRowFromRow), source: 'resource-graph' }),
      async (reason) => {
        const subscriptions = await this.options.listSubscriptions(options);
        const rows = await readFleetFromArm(this.options.transport, subscriptions, options.concurrency ?? this.options.fleetConcurrency, options);
        return { rows, source: 'arm', fallbackReason: reason };
      },
    );
  }

  /** Every API Management service and the APIs onboarded on it: two Graph queries at once. */
  readApiManagementInventory(options: ListFleetOptions = {}): Promise<ApiManagementInventory> {
    return this.viaGraph<ApiManagementInventory>(
      async () => {
        const [services, collections] = await Promise.all([this.options.graph.query(API_MANAGEMENT_SERVICES_QUERY, options), this.options.graph.query(API_COLLECTIONS_QUERY, options)]);
        return { services: toApiManagementInventory(services, collections), source: 'resource-graph' };
      },
      async (reason) => {
        const subscriptions = await this.options.listSubscriptions(options);
        const services = await readApiManagementInventoryFromArm(this.options.transport, subscriptions, options.concurrency ?? this.options.fleetConcurrency, options);
        return { services, source: 'arm', fallbackReason: reason };
      },
    );
  }

  /**
   * Every open Defender for APIs alert: one Graph query (an empty answer is normal: most subscriptions have none), or
   * the alerts API of each subscription for the last `since`.
   */
  readOpenApiAlerts(options: ListFleetOptions & { since: Date }): Promise<FleetApiAlerts> {
    return this.viaGraph<FleetApiAlerts>(
      async () => ({ alerts: toApiAlertsFromRows(await this.options.graph.query(OPEN_API_ALERTS_QUERY, options)), unreadable: [], source: 'resource-graph' }),
      async (reason) => {
        const subscriptions = await this.options.listSubscriptions(options);
        const read = await readOpenApiAlertsFromArm(this.options.transport, subscriptions, options.concurrency ?? this.options.fleetConcurrency, options);
        return { ...read, source: 'arm', fallbackReason: reason };
      },
    );
  }

  /** The rows of a per-subscription query, unless Graph sees no subscription where ARM sees some. */
  private async seenByGraph<Row>(rows: Promise<Row[]>, options: OperationOptions): Promise<Row[]> {
    const answer = await rows;
    if (answer.length > 0) return answer;
    const fromArm = await listSubscriptionsFromArm(this.options.transport, options);
    if (fromArm.length > 0) throw new GraphSeesNoSubscription(fromArm);
    return answer;
  }

  private async viaGraph<T>(read: () => Promise<T>, fallback: Fallback<T>): Promise<T> {
    if (this.options.clock.now().getTime() < this.graphSkippedUntilMs) return fallback(this.graphProblem);
    try {
      return await read();
    } catch (error) {
      const blind = error instanceof GraphSeesNoSubscription;
      if (!blind && (!isDefenderError(error) || !FALLBACK_CODES.has(error.code))) throw error;
      this.graphProblem = blind ? error.message : describeGraphFailure(error.code, error.details.statusCode);
      this.graphSkippedUntilMs = this.options.clock.now().getTime() + GRAPH_RETRY_AFTER_FAILURE_IN_MS;
      return fallback(this.graphProblem, blind ? error.armListing : undefined);
    }
  }
}

function describeGraphFailure(code: DefenderErrorCode, statusCode: number | undefined): string {
  const http = statusCode ? ` (HTTP ${statusCode})` : '';
  if (code === 'AuthorizationFailed') return `the bot's identity may not query Azure Resource Graph${http}`;
  if (code === 'Throttled') return `Azure Resource Graph is throttling the bot${http}`;
  return `Azure Resource Graph did not answer${http}`;
}
