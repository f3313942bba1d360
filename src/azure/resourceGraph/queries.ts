/**
 * Every Resource Graph query the bot sends, each built here and only here, with the row it returns and its mapping
 * onto the core's types. Each ends with `order by id asc`: `id` is unique, so pages stay stable while we page.
 * Types are compared with `=~` because Resource Graph lower-cases them.
 */
import type { DefenderSettings, FleetRow, Subscription } from '../../core/defender';
import type { ApiManagementInventoryService } from '../../core/fleet';
import { API_ALERT_TYPE_PREFIX, isApiAlertType, type ApiAlert } from '../../core/monitoring';
import { toApiAlert, type ArmAlert } from '../models/alert';
import { resourceGroupOf, toApiManagementInventoryService } from '../models/apiManagement';
import { API_PRICING, CLOUD_POSTURE_PRICING, toApiPlanState, toCspmPlanState, type ArmExtension } from '../models/pricing';

export interface GraphQuery<Row> {
  /** KQL text. */
  text: string;
  /** For error messages: "… could not <purpose>". */
  purpose: string;
  /** Phantom: the row type this query returns (never set). */
  readonly row?: Row;
}

const lines = (...parts: string[]) => parts.join('\n');

const SUBSCRIPTIONS = lines(
  'resourcecontainers',
  "| where type =~ 'microsoft.resources/subscriptions'",
  '| project id, subscriptionId, displayName = name, state = tostring(properties.state)',
);

export interface SubscriptionRow {
  id: string;
  subscriptionId: string;
  displayName: string;
  state: string;
}

/** Every subscription the identity can read, from `resourcecontainers`. */
export const SUBSCRIPTIONS_QUERY: GraphQuery<SubscriptionRow> = {
  purpose: 'list the subscriptions it can see',
  text: lines(SUBSCRIPTIONS, '| order by id asc'),
};

/**
 * What a subscription search may contain: it goes into the query text, so ASCII letters, digits, spaces and `._()-` only (ASCII case is folded alike everywhere).
 * Anything else (a quote, a backslash) is never sent; the caller waits for the whole list instead.
 */
const SEARCHABLE = /^[A-Za-z0-9 ._()-]{1,128}$/;

/**
 * The subscriptions whose name contains `needle` in any case, or whose id is `needle`: enough to resolve a name or a
 * GUID the way the whole list would (exact name, then a unique part), in one call. Undefined for a needle that
 * cannot be searched safely.
 */
export function subscriptionSearchQuery(needle: string): GraphQuery<SubscriptionRow> | undefined {
  const trimmed = needle.trim();
  if (!SEARCHABLE.test(trimmed)) return undefined;
  return {
    purpose: 'find a subscription by name',
    text: lines(SUBSCRIPTIONS, `| where displayName contains '${trimmed}' or subscriptionId =~ '${trimmed}'`, '| order by id asc'),
  };
}

export interface DefenderSettingsRow extends SubscriptionRow {
  /** "" when the subscription has no `Api` pricing row (then it is Free). */
  apiTier: string;
  apiSubPlan: string;
  cspmTier: string;
  /** `properties.extensions` of CloudPosture as ARM lists them; null without a CloudPosture row. */
  cspmExtensions: ArmExtension[] | null;
}

/**
 * The `Api` and `CloudPosture` pricings of every subscription, starting from the subscriptions and joining leftouter:
 * a subscription without pricing rows (e.g. Microsoft.Security not registered) still has a row, and reads as Free.
 */
export const DEFENDER_SETTINGS_QUERY: GraphQuery<DefenderSettingsRow> = {
  purpose: 'read the Defender pricings of every subscription',
  text: lines(
    SUBSCRIPTIONS,
    '| join kind=leftouter (',
    '    securityresources',
    `    | where type =~ 'microsoft.security/pricings' and name =~ '${API_PRICING}'`,
    '    | project subscriptionId, apiTier = tostring(properties.pricingTier), apiSubPlan = tostring(properties.subPlan)',
    '  ) on subscriptionId',
    '| join kind=leftouter (',
    '    securityresources',
    `    | where type =~ 'microsoft.security/pricings' and name =~ '${CLOUD_POSTURE_PRICING}'`,
    '    | project subscriptionId, cspmTier = tostring(properties.pricingTier), cspmExtensions = properties.extensions',
    '  ) on subscriptionId',
    '| project id, subscriptionId, displayName, state, apiTier, apiSubPlan, cspmTier, cspmExtensions',
    '| order by id asc',
  ),
};

export interface ApiManagementServiceRow {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  sku: string;
}

/** Every API Management service, from `resources`. */
export const API_MANAGEMENT_SERVICES_QUERY: GraphQuery<ApiManagementServiceRow> = {
  purpose: 'list the API Management services of every subscription',
  text: lines(
    'resources',
    "| where type =~ 'microsoft.apimanagement/service'",
    '| project id, subscriptionId, resourceGroup, name, sku = tostring(sku.name)',
    '| order by id asc',
  ),
};

export interface ApiCollectionRow {
  /** ".../providers/Microsoft.ApiManagement/service/{service}/providers/Microsoft.Security/apiCollections/{apiId}" */
  id: string;
  subscriptionId: string;
  /** The APIM API name. */
  name: string;
  provisioningState: string;
}

/** Every APIM API onboarded to Defender for APIs, from `securityresources`. */
export const API_COLLECTIONS_QUERY: GraphQuery<ApiCollectionRow> = {
  purpose: 'list the APIs onboarded to Defender for APIs',
  text: lines(
    'securityresources',
    "| where type =~ 'microsoft.security/apicollections'",
    '| project id, subscriptionId, name, provisioningState = tostring(properties.provisioningState)',
    '| order by id asc',
  ),
};

export function toSubscriptionFromRow(row: SubscriptionRow): Subscription {
  return { subscriptionId: row.subscriptionId, displayName: row.displayName, ...(row.state ? { state: row.state } : {}) };
}

/** Missing pricing rows come back as "" and null: the mappers ARM reads use already treat them as Free. */
export function toDefenderSettingsFromRow(row: DefenderSettingsRow): DefenderSettings {
  return {
    subscriptionId: row.subscriptionId,
    api: toApiPlanState({ name: API_PRICING, properties: { pricingTier: row.apiTier, ...(row.apiSubPlan ? { subPlan: row.apiSubPlan } : {}) } }),
    cspm: toCspmPlanState({ name: CLOUD_POSTURE_PRICING, properties: { pricingTier: row.cspmTier, extensions: row.cspmExtensions ?? [] } }),
  };
}

export function toFleetRowFromRow(row: DefenderSettingsRow): FleetRow {
  return { subscription: toSubscriptionFromRow(row), settings: toDefenderSettingsFromRow(row) };
}

/** The APIM service that discovered a collection: its id is the collection id up to "/providers/Microsoft.Security". */
function serviceIdOfCollection(collectionId: string): string {
  return collectionId.replace(/\/providers\/Microsoft\.Security\/apiCollections\/[^/]+$/i, '').toLowerCase();
}

/** Services with the names of their onboarded APIs (only collections whose onboarding finished count). */
export function toApiManagementInventory(services: ApiManagementServiceRow[], collections: ApiCollectionRow[]): ApiManagementInventoryService[] {
  const onboarded = new Map<string, string[]>();
  for (const collection of collections) {
    if (!/^succeeded$/i.test(collection.provisioningState)) continue;
    const serviceId = serviceIdOfCollection(collection.id);
    onboarded.set(serviceId, [...(onboarded.get(serviceId) ?? []), collection.name.toLowerCase()]);
  }
  return services.map((service) =>
    toApiManagementInventoryService({ ...service, resourceGroup: service.resourceGroup || resourceGroupOf(service.id) }, onboarded.get(service.id.toLowerCase()) ?? []),
  );
}

export interface ApiAlertRow {
  /** "/subscriptions/{id}[/resourceGroups/{rg}]/providers/Microsoft.Security/locations/{location}/alerts/{name}" */
  id: string;
  subscriptionId: string;
  /** The alert's properties as the alerts API (2022-01-01) returns them. */
  properties: ArmAlert['properties'] | null;
}

/**
 * The open Defender for APIs alerts of every subscription, from `securityresources` (where Defender for Cloud files
 * its alerts with the alerts API's properties). Open only: the watch looks for alerts it has not seen open before.
 */
export const OPEN_API_ALERTS_QUERY: GraphQuery<ApiAlertRow> = {
  purpose: 'list the open Defender for APIs alerts',
  text: lines(
    'securityresources',
    "| where type =~ 'microsoft.security/locations/alerts'",
    `| where properties.alertType startswith_cs '${API_ALERT_TYPE_PREFIX}' and properties.status in~ ('Active', 'InProgress')`,
    '| project id, subscriptionId, properties',
    '| order by id asc',
  ),
};

/** Rows whose id the bot could not address again, or that are not API alerts after all, are left out. */
export function toApiAlertsFromRows(rows: ApiAlertRow[]): ApiAlert[] {
  return rows
    .filter((row) => isApiAlertType(row.properties?.alertType))
    .map((row) => toApiAlert(row.subscriptionId, { id: row.id, properties: row.properties ?? undefined }))
    .filter((alert): alert is ApiAlert => alert !== undefined);
}
