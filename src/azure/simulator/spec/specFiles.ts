/**
 * Where the vendored Azure REST API specs live (src/azure/simulator/specs, a verbatim copy of ../shared/azure-specs)
 * and which definitions the simulator validates against. Paths are relative to the specs root.
 */
import path from 'node:path';

export const VENDORED_SPECS_ROOT = path.resolve(__dirname, '..', 'specs');

export const PRICINGS_SPEC = 'specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/pricings.json';
export const API_COLLECTIONS_SPEC = 'specification/security/resource-manager/Microsoft.Security/stable/2023-11-15/apiCollections.json';
export const ALERTS_SPEC = 'specification/security/resource-manager/Microsoft.Security/stable/2022-01-01/alerts.json';
export const SUBSCRIPTIONS_SPEC = 'specification/resources/resource-manager/Microsoft.Resources/stable/2022-12-01/subscriptions.json';
export const SECURITY_COMMON_SPEC = 'specification/security/resource-manager/common/v1/types.json';
export const RESOURCE_GRAPH_SPEC = 'specification/resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2024-04-01/resourcegraph.json';

/** Every swagger file the operation specs reach through `$ref`. */
export const SPEC_FILES = [
  PRICINGS_SPEC,
  API_COLLECTIONS_SPEC,
  ALERTS_SPEC,
  SUBSCRIPTIONS_SPEC,
  SECURITY_COMMON_SPEC,
  RESOURCE_GRAPH_SPEC,
  'specification/common-types/resource-management/v1/types.json',
  'specification/common-types/resource-management/v2/types.json',
  'specification/common-types/resource-management/v5/types.json',
] as const;

/** Named entry points: `<file>#/definitions/<name>`. */
export const SPEC_SCHEMAS = {
  Pricing: [PRICINGS_SPEC, 'Pricing'],
  PricingList: [PRICINGS_SPEC, 'PricingList'],
  SecurityCloudError: [SECURITY_COMMON_SPEC, 'CloudError'],
  Subscription: [SUBSCRIPTIONS_SPEC, 'Subscription'],
  SubscriptionListResult: [SUBSCRIPTIONS_SPEC, 'SubscriptionListResult'],
  SubscriptionsCloudError: [SUBSCRIPTIONS_SPEC, 'CloudError'],
  ApiCollection: [API_COLLECTIONS_SPEC, 'ApiCollection'],
  ApiCollectionList: [API_COLLECTIONS_SPEC, 'ApiCollectionList'],
  Alert: [ALERTS_SPEC, 'Alert'],
  AlertList: [ALERTS_SPEC, 'AlertList'],
  AlertProperties: [ALERTS_SPEC, 'AlertProperties'],
  ArmErrorResponse: ['specification/common-types/resource-management/v5/types.json', 'ErrorResponse'],
  ResourceGraphQueryRequest: [RESOURCE_GRAPH_SPEC, 'QueryRequest'],
  ResourceGraphQueryResponse: [RESOURCE_GRAPH_SPEC, 'QueryResponse'],
  ResourceGraphErrorResponse: [RESOURCE_GRAPH_SPEC, 'ErrorResponse'],
} as const;

export type SpecSchemaName = keyof typeof SPEC_SCHEMAS;
