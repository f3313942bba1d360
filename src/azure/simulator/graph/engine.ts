/**
 * Azure Resource Graph over the simulator's state: the quota, the faults (graphUnavailable, graphLagMs, the
 * tenant subscription limit), scope, query recognition and evaluation, and paging. One per simulator.
 */
import type { FaultInjector } from '../faults';
import type { ArmResponse, RequestContext } from '../route';
import type { SimulatorState, SubscriptionRecord } from '../state';
import type { Row } from './evaluate';
import { evaluate } from './evaluate';
import { GraphQueryError } from './graphErrors';
import { GraphHistory } from './history';
import { parseKql } from './kql';
import { ResultPages } from './pages';
import { GraphQuota, quotaHeaders } from './quota';
import { recogniseShape } from './shapes';
import { graphTable } from './tables';

interface QueryRequestBody {
  query: string;
  subscriptions?: string[];
  managementGroups?: string[];
  facets?: unknown[];
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string };
}

const THROTTLED_MESSAGE =
  'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.';

export class ResourceGraphEngine {
  private readonly history = new GraphHistory();
  private readonly quota = new GraphQuota();
  private readonly pages = new ResultPages();

  constructor(
    private readonly state: SimulatorState,
    private readonly faults: FaultInjector,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Called by the write routes just before they change a subscription (see history.ts). */
  beforeWrite(path: string): void {
    const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
    const record = subscriptionId ? this.state.findSubscription(subscriptionId) : undefined;
    if (record) this.history.beforeWrite(record, this.nowMs(), this.faults.current().graphLagMs);
  }

  answer(context: RequestContext): ArmResponse {
    const faults = this.faults.current();
    if (faults.graphUnavailable) {
      const message = 'Azure Resource Graph is temporarily unavailable (faults.graphUnavailable). Retry the request later.';
      throw new GraphQueryError(503, 'ServiceUnavailable', [{ code: 'ServiceUnavailable', message }]);
    }
    const decision = this.quota.take(this.nowMs(), faults.graphQuotaWindowMs);
    const headers = quotaHeaders(decision);
    if (!decision.allowed) {
      throw new GraphQueryError(429, 'RateLimiting', [{ code: 'RateLimiting', message: THROTTLED_MESSAGE }], { ...headers, 'Retry-After': String(Math.ceil(decision.resetsAfterMs / 1000)) });
    }
    try {
      return this.run(context, headers);
    } catch (error) {
      if (error instanceof GraphQueryError) Object.assign(error.headers, headers);
      throw error;
    }
  }

  private run(context: RequestContext, headers: Record<string, string>): ArmResponse {
    const body = this.checkedBody(context);
    const pipeline = parseKql(body.query);
    recogniseShape(pipeline);
    const { records, limitHit } = this.scope(body.subscriptions);
    const options = body.options ?? {};
    const page = this.pages.page(
      { queryKey: JSON.stringify([body.query, body.subscriptions ?? null]), $top: options.$top, $skip: options.$skip, $skipToken: options.$skipToken },
      this.nowMs(),
      (): Row[] => evaluate(pipeline, (table, pinned) => graphTable(table, pinned, records, this.state.alerts)).rows,
    );
    return {
      status: 200,
      schema: 'ResourceGraphQueryResponse',
      headers: { ...headers, ...(limitHit ? { 'x-ms-tenant-subscription-limit-hit': 'true' } : {}) },
      body: {
        totalRecords: page.totalRecords,
        count: page.rows.length,
        // A string, and "false" even when more pages follow: only $skipToken says there is more.
        resultTruncated: 'false',
        facets: [],
        data: page.rows,
        ...(page.skipToken ? { $skipToken: page.skipToken } : {}),
      },
    };
  }

  private checkedBody(context: RequestContext): QueryRequestBody {
    const body = context.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw GraphQueryError.request('The request content was invalid: expected a JSON object with a query.');
    const verdict = context.validator.validateRequest('ResourceGraphQueryRequest', body);
    if (!verdict.valid) throw GraphQueryError.request(`The request content was invalid: ${verdict.field} ${verdict.message}.`);
    const request = body as QueryRequestBody;
    if (request.managementGroups?.length) throw GraphQueryError.request('The ARM simulator has no management groups: scope the query to the tenant or to subscriptions.');
    if (request.facets?.length) throw GraphQueryError.request('The ARM simulator does not compute facets.');
    if (request.options?.resultFormat === 'table') throw GraphQueryError.request('The ARM simulator answers in the objectArray result format only.');
    return request;
  }

  /** Subscriptions in scope, as Resource Graph sees them now (lagged); tenant scope stops at the subscription limit. */
  private scope(subscriptions: string[] | undefined): { records: SubscriptionRecord[]; limitHit: boolean } {
    const { graphLagMs, graphTenantSubscriptionLimit, graphWithoutReader } = this.faults.current();
    // Resource Graph answers only with what the identity may read; without Reader that is nothing.
    if (graphWithoutReader) return { records: [], limitHit: false };
    const asOfMs = this.nowMs() - graphLagMs;
    const seen = (record: SubscriptionRecord) => (graphLagMs > 0 ? this.history.asOf(record, asOfMs) : record);
    if (subscriptions) {
      const wanted = new Set(subscriptions.map((id) => id.toLowerCase()));
      return { records: this.state.listSubscriptions().filter((record) => wanted.has(record.subscriptionId.toLowerCase())).map(seen), limitHit: false };
    }
    const all = [...this.state.listSubscriptions()].sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1));
    return { records: all.slice(0, graphTenantSubscriptionLimit).map(seen), limitHit: all.length > graphTenantSubscriptionLimit };
  }
}
