/**
 * Azure Resource Graph through the same ARM pipeline as every other call (credential, retry on 429/5xx honouring
 * Retry-After, user agent). Pages with `$skipToken` until an answer has none, never stopping on `resultTruncated`
 * (it reads "false" even when more pages exist). Tenant scope by default; when the tenant is over Resource Graph's
 * subscription limit (`x-ms-tenant-subscription-limit-hit`), the tenant-wide paging stops and the query runs again over
 * explicit batches of subscriptions, fewer than 300 each.
 */
import { DefenderError } from '../../core/errors';
import type { Clock, OperationOptions } from '../../core/ports';
import type { ArmTransport } from '../armTransport';
import { mapWithConcurrency } from '../boundedConcurrency';
import {
  RESOURCE_GRAPH_API_VERSION,
  RESOURCE_GRAPH_PAGE_SIZE,
  RESOURCE_GRAPH_PATH,
  TENANT_SUBSCRIPTION_LIMIT_HIT_HEADER,
  type GraphQueryRequest,
  type GraphQueryResponse,
} from '../models/resourceGraph';
import type { GraphQuery } from './queries';
import { QuotaGate } from './quotaGate';

/** Resource Graph documents "fewer than 300" subscriptions per scoped request. */
export const MAX_SUBSCRIPTIONS_PER_QUERY = 250;
/** Batches in flight at once when a query runs over explicit subscriptions; the quota gate paces them further. */
const BATCH_CONCURRENCY = 3;
/** 1,000 pages of 1,000 rows: far past any tenant, so only a service that never ends paging hits it. */
const MAX_PAGES = 1000;

export interface ResourceGraphClientOptions {
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Every subscription id the identity can see, from ARM itself: the batches when the tenant limit is hit. */
  listSubscriptionIdsFromArm: (options: OperationOptions) => Promise<string[]>;
}

export interface GraphQueryOptions extends OperationOptions {
  /** Explicit scope, run in batches of fewer than 300; absent: tenant scope. */
  subscriptions?: readonly string[];
}

export class ResourceGraphClient {
  private readonly quota: QuotaGate;
  /** The ARM listing in flight, shared by queries over the limit at once; cleared when it settles, so never stale. */
  private armListing: Promise<string[]> | undefined;

  constructor(
    private readonly transport: ArmTransport,
    private readonly options: ResourceGraphClientOptions,
  ) {
    this.quota = new QuotaGate({ clock: options.clock, sleep: options.sleep });
  }

  /** Every row of the query, across pages (and batches). */
  async query<Row>(query: GraphQuery<Row>, options: GraphQueryOptions = {}): Promise<Row[]> {
    if (options.subscriptions) return this.queryInBatches(query, options.subscriptions, options);
    const { rows, tenantLimitHit } = await this.pageThrough(query, undefined, options);
    if (!tenantLimitHit) return rows;
    // The answer covered only part of the tenant: ask again, naming every subscription ARM lists.
    return this.queryInBatches(query, await this.listSubscriptionIdsFromArm(options), options);
  }

  private listSubscriptionIdsFromArm(options: OperationOptions): Promise<string[]> {
    this.armListing ??= this.options.listSubscriptionIdsFromArm(options).finally(() => {
      this.armListing = undefined;
    });
    return this.armListing;
  }

  private async queryInBatches<Row>(query: GraphQuery<Row>, subscriptions: readonly string[], options: OperationOptions): Promise<Row[]> {
    const batches: string[][] = [];
    for (let start = 0; start < subscriptions.length; start += MAX_SUBSCRIPTIONS_PER_QUERY) batches.push(subscriptions.slice(start, start + MAX_SUBSCRIPTIONS_PER_QUERY));
    const results = await mapWithConcurrency(batches, BATCH_CONCURRENCY, async (batch) => (await this.pageThrough(query, batch, options)).rows);
    return results.flat();
  }

  private async pageThrough<Row>(query: GraphQuery<Row>, subscriptions: string[] | undefined, options: OperationOptions): Promise<{ rows: Row[]; tenantLimitHit: boolean }> {
    const rows: Row[] = [];
    let tenantLimitHit = false;
    let skipToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const body: GraphQueryRequest = {
        query: query.text,
        ...(subscriptions ? { subscriptions } : {}),
        options: { $top: RESOURCE_GRAPH_PAGE_SIZE, resultFormat: 'objectArray', ...(skipToken ? { $skipToken: skipToken } : {}) },
      };
      const answer = await this.send<Row>(query, body, options);
      rows.push(...answer.body.data);
      tenantLimitHit ||= answer.headers.get(TENANT_SUBSCRIPTION_LIMIT_HIT_HEADER)?.toLowerCase() === 'true';
      // A tenant-wide answer past the limit is asked again in batches: its further pages would be thrown away.
      if (tenantLimitHit && !subscriptions) return { rows, tenantLimitHit };
      skipToken = answer.body.$skipToken;
      if (!skipToken) return { rows, tenantLimitHit };
    }
    throw new DefenderError('ArmError', `ArmError: Resource Graph was still paging after ${MAX_PAGES} pages while trying to ${query.purpose}; retry, and report it if it persists`);
  }

  private async send<Row>(query: GraphQuery<Row>, body: GraphQueryRequest, options: OperationOptions) {
    await this.quota.acquire();
    let headers: { get(name: string): string | undefined } | undefined;
    try {
      const answer = await this.transport.sendForResponse<GraphQueryResponse<Row>>({
        method: 'POST',
        path: RESOURCE_GRAPH_PATH,
        query: { 'api-version': RESOURCE_GRAPH_API_VERSION },
        body,
        purpose: `${query.purpose} (Azure Resource Graph)`,
        abortSignal: options.abortSignal,
      });
      headers = answer.headers;
      if (!Array.isArray(answer.body.data)) {
        throw new DefenderError('ArmError', `ArmError: Resource Graph answered without a data array while trying to ${query.purpose}; retry, and report it if it persists`);
      }
      return answer;
    } finally {
      this.quota.release(headers);
    }
  }
}
