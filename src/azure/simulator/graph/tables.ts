/**
 * Resource Graph's tables, computed from the same SubscriptionRecords the ARM routes serve (as of the graph's lag):
 * `resourcecontainers` (subscriptions and their resource groups), `securityresources` (pricings of subscriptions
 * registered for Microsoft.Security, API collections, security alerts) and `resources` (API Management services). Types are
 * lower-case and `properties` are what ARM returns, as in Resource Graph.
 */
import { alertId, type AlertStore } from '../alertStore';
import { isRegistered } from '../handlers/common';
import { pricingView } from '../handlers/pricingView';
import type { SubscriptionRecord } from '../state';
import { GraphQueryError } from './graphErrors';
import type { ColumnType, PinnedColumns, Relation, Row } from './evaluate';

export const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions';
const RESOURCE_GROUP_TYPE = 'microsoft.resources/subscriptions/resourcegroups';
export const PRICING_TYPE = 'microsoft.security/pricings';
export const API_COLLECTION_TYPE = 'microsoft.security/apicollections';
export const API_MANAGEMENT_TYPE = 'microsoft.apimanagement/service';
export const ALERT_TYPE = 'microsoft.security/locations/alerts';

/** The tables the simulator serves and the types each holds. */
export const GRAPH_TABLES: Record<string, readonly string[]> = {
  resourcecontainers: [SUBSCRIPTION_TYPE, RESOURCE_GROUP_TYPE],
  securityresources: [PRICING_TYPE, API_COLLECTION_TYPE, ALERT_TYPE],
  resources: [API_MANAGEMENT_TYPE],
};

const STRING_COLUMNS = ['id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy'];
const DYNAMIC_COLUMNS = ['sku', 'plan', 'properties', 'tags', 'identity', 'zones', 'extendedLocation'];
const TABLE_COLUMNS = new Map<string, ColumnType>([...STRING_COLUMNS.map((name) => [name, 'string'] as const), ...DYNAMIC_COLUMNS.map((name) => [name, 'dynamic'] as const)]);

function resourceRow(subscription: SubscriptionRecord, fields: { id: string; name: string; type: string } & Partial<Row>): Row {
  return {
    tenantId: subscription.tenantId,
    kind: '',
    location: '',
    resourceGroup: '',
    subscriptionId: subscription.subscriptionId,
    managedBy: '',
    sku: null,
    plan: null,
    properties: {},
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
    ...fields,
  };
}

/** Alerts the identity may read, with `properties` as the alerts API returns them (as in Resource Graph). */
function* alertRows(subscription: SubscriptionRecord, alerts: AlertStore): Generator<Row> {
  if (!isRegistered(subscription, 'Microsoft.Security') || !alerts.canRead(subscription.subscriptionId)) return;
  for (const alert of alerts.list(subscription.subscriptionId)) {
    yield resourceRow(subscription, {
      id: alertId(subscription.subscriptionId, alert),
      name: alert.name,
      type: ALERT_TYPE,
      location: alert.location,
      resourceGroup: alert.resourceGroup ?? '',
      properties: { ...alert.properties },
    });
  }
}

function* rowsOf(subscription: SubscriptionRecord, type: string, name: string | undefined, alerts: AlertStore): Generator<Row> {
  const base = `/subscriptions/${subscription.subscriptionId}`;
  if (type === ALERT_TYPE) {
    yield* alertRows(subscription, alerts);
  } else if (type === SUBSCRIPTION_TYPE) {
    yield resourceRow(subscription, {
      id: base,
      name: subscription.displayName,
      type,
      properties: { state: subscription.state, subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' }, managementGroupAncestorsChain: [] },
    });
  } else if (type === RESOURCE_GROUP_TYPE) {
    for (const group of new Set(subscription.apiManagementServices.map((service) => service.resourceGroup))) {
      yield resourceRow(subscription, { id: `${base}/resourceGroups/${group}`, name: group, type, location: 'westeurope', resourceGroup: group, properties: { provisioningState: 'Succeeded' } });
    }
  } else if (type === PRICING_TYPE) {
    // Without the provider registered there are no pricings at all: the query's leftouter join must cope.
    if (!isRegistered(subscription, 'Microsoft.Security')) return;
    const records = name === undefined ? subscription.pricings.values() : [subscription.pricings.get(name)].filter((record) => record !== undefined);
    for (const record of records) yield resourceRow(subscription, { ...pricingView(subscription.subscriptionId, record), type });
  } else if (type === API_COLLECTION_TYPE) {
    for (const collection of subscription.apiCollections) {
      const serviceId = `${base}/resourceGroups/${collection.resourceGroup}/providers/Microsoft.ApiManagement/service/${collection.serviceName}`;
      yield resourceRow(subscription, {
        id: `${serviceId}/providers/Microsoft.Security/apiCollections/${collection.apiId}`,
        name: collection.apiId,
        type,
        resourceGroup: collection.resourceGroup,
        properties: { provisioningState: collection.provisioningState, discoveredVia: serviceId },
      });
    }
  } else if (type === API_MANAGEMENT_TYPE) {
    for (const service of subscription.apiManagementServices) {
      yield resourceRow(subscription, {
        id: `${base}/resourceGroups/${service.resourceGroup}/providers/Microsoft.ApiManagement/service/${service.name}`,
        name: service.name,
        type,
        location: service.location,
        resourceGroup: service.resourceGroup,
        sku: { name: service.sku, capacity: service.capacity },
        properties: { provisioningState: 'Succeeded', gatewayUrl: `https://${service.name}.azure-api.net` },
      });
    }
  }
}

/** One table over the given subscriptions; what the query's first filter pins narrows what is built (pricings by name). */
export function graphTable(table: string, pinned: PinnedColumns, subscriptions: SubscriptionRecord[], alerts: AlertStore): Relation {
  const types = GRAPH_TABLES[table];
  if (!types) throw GraphQueryError.semantic(`'${table}' is not a table the simulator serves (${Object.keys(GRAPH_TABLES).join(', ')})`);
  const wanted = pinned.type === undefined ? types : types.filter((candidate) => candidate === pinned.type);
  const rows: Row[] = [];
  for (const subscription of subscriptions) for (const candidate of wanted) rows.push(...rowsOf(subscription, candidate, pinned.name, alerts));
  return { columns: new Map(TABLE_COLUMNS), rows };
}
