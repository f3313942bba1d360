/**
 * The query shapes the simulator answers, recognised by structure rather than by text, so formatting may vary but a
 * mistyped table, resource type or join does not quietly return nothing:
 * - subscriptions: `resourcecontainers`, type microsoft.resources/subscriptions;
 * - Defender settings: the same, joined `kind=leftouter … on subscriptionId` with `securityresources` filtered to
 *   type microsoft.security/pricings (one join per pricing, at most two);
 * - API Management services: `resources`, type microsoft.apimanagement/service;
 * - API collections: `securityresources`, type microsoft.security/apicollections;
 * - security alerts: `securityresources`, type microsoft.security/locations/alerts.
 * Each scans a table whose first operator pins `type`, and the outer query ends with `order by id` so pages are stable.
 */
import { pinnedColumns } from './evaluate';
import { GraphQueryError } from './graphErrors';
import type { Operator, Pipeline } from './kql';
import { ALERT_TYPE, API_COLLECTION_TYPE, API_MANAGEMENT_TYPE, GRAPH_TABLES, PRICING_TYPE, SUBSCRIPTION_TYPE } from './tables';

export type GraphQueryShape = 'subscriptions' | 'defender-settings' | 'api-management-services' | 'api-collections' | 'alerts';

const MAX_PRICING_JOINS = 2;

/** The `type` a table scan is pinned to, checked against what that table holds. */
function scannedType(pipeline: Pipeline): string {
  const table = pipeline.table.toLowerCase();
  const types = GRAPH_TABLES[table];
  if (!types) throw GraphQueryError.unrecognised(`'${pipeline.table}' is not a table it serves (${Object.keys(GRAPH_TABLES).join(', ')})`);
  const { type } = pinnedColumns(pipeline);
  if (!type) throw GraphQueryError.unrecognised(`the scan of ${table} does not start with a filter on type (| where type =~ '…')`);
  if (!types.includes(type)) throw GraphQueryError.unrecognised(`'${type}' is not a type it indexes in ${table} (it has ${types.join(', ')})`);
  return type;
}

const joins = (pipeline: Pipeline) => pipeline.operators.filter((operator): operator is Extract<Operator, { kind: 'join' }> => operator.kind === 'join');

function checkPricingJoin(join: Extract<Operator, { kind: 'join' }>): void {
  if (join.joinKind !== 'leftouter') throw GraphQueryError.unrecognised(`the pricings join is kind=${join.joinKind}; a subscription without pricing rows must stay (kind=leftouter)`);
  if (join.on !== 'subscriptionId') throw GraphQueryError.unrecognised(`the pricings join is on ${join.on}, not subscriptionId`);
  if (scannedType(join.right) !== PRICING_TYPE || join.right.table.toLowerCase() !== 'securityresources') {
    throw GraphQueryError.unrecognised(`a join may only bring in securityresources of type ${PRICING_TYPE}`);
  }
  if (joins(join.right).length > 0) throw GraphQueryError.unrecognised('a joined query may not join again');
}

export function recogniseShape(pipeline: Pipeline): GraphQueryShape {
  const type = scannedType(pipeline);
  const last = pipeline.operators.at(-1);
  if (last?.kind !== 'order' || last.column !== 'id') throw GraphQueryError.unrecognised('it does not end with `order by id`, so its pages would not be stable');
  const joined = joins(pipeline);
  if (joined.length > 0) {
    if (type !== SUBSCRIPTION_TYPE) throw GraphQueryError.unrecognised(`only the subscriptions query joins (this one scans ${type})`);
    if (joined.length > MAX_PRICING_JOINS) throw GraphQueryError.unrecognised(`it joins ${joined.length} times; the settings query joins once per pricing (at most ${MAX_PRICING_JOINS})`);
    joined.forEach(checkPricingJoin);
    return 'defender-settings';
  }
  if (type === SUBSCRIPTION_TYPE) return 'subscriptions';
  if (type === API_MANAGEMENT_TYPE) return 'api-management-services';
  if (type === API_COLLECTION_TYPE) return 'api-collections';
  if (type === ALERT_TYPE) return 'alerts';
  throw GraphQueryError.unrecognised(`no query of the bot scans ${type} on its own`);
}
