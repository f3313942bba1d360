/** Microsoft.ApiManagement at its GA api-versions 2022-08-01 and 2024-05-01: list services in a subscription, list a service's APIs. */
import { ArmError } from '../armErrors';
import type { ArmResponse, RequestContext, Route } from '../route';
import type { ApiManagementServiceRecord } from '../state';
import { requireSubscription } from './common';

/** Every GA version from 2022-08-01 on (those between are previews); the fields served are the same in both. */
const API_VERSIONS = ['2022-08-01', '2024-05-01'] as const;

function serviceId(subscriptionId: string, service: ApiManagementServiceRecord): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${service.resourceGroup}/providers/Microsoft.ApiManagement/service/${service.name}`;
}

function listServices(context: RequestContext, [subscriptionId]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  const value = subscription.apiManagementServices.map((service) => ({
    id: serviceId(subscription.subscriptionId, service),
    name: service.name,
    type: 'Microsoft.ApiManagement/service',
    location: service.location,
    sku: { name: service.sku, capacity: service.capacity },
    properties: { provisioningState: 'Succeeded', gatewayUrl: `https://${service.name}.azure-api.net` },
  }));
  return { status: 200, schema: 'ApiManagementServiceList', body: { value } };
}

function listApis(context: RequestContext, [subscriptionId, resourceGroup, serviceName]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  const service = subscription.apiManagementServices.find(
    (candidate) => candidate.resourceGroup.toLowerCase() === resourceGroup.toLowerCase() && candidate.name.toLowerCase() === serviceName.toLowerCase(),
  );
  if (!service) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.ApiManagement/service/${serviceName}' under resource group '${resourceGroup}' was not found.`);
  }
  const value = service.apis.map((api) => ({
    id: `${serviceId(subscription.subscriptionId, service)}/apis/${api.name}`,
    name: api.name,
    type: 'Microsoft.ApiManagement/service/apis',
    properties: { displayName: api.displayName, path: api.path, isCurrent: api.isCurrent, apiRevision: api.apiRevision, protocols: ['https'] },
  }));
  return { status: 200, schema: 'ApiManagementApiList', body: { value } };
}

export const apiManagementRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/?$/i,
    apiVersion: API_VERSIONS,
    errorSchema: 'ArmErrorResponse',
    handle: listServices,
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^/]+)\/apis\/?$/i,
    apiVersion: API_VERSIONS,
    errorSchema: 'ArmErrorResponse',
    handle: listApis,
  },
];
