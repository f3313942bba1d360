/**
 * Defender for APIs API collections, api-version 2023-11-15 (stretch): onboard an APIM API (PUT, a long-running
 * operation answered 201 InProgress with a Location to poll: 202 until done, then 200), get, list, offboard.
 */
import { ArmError, authorizationFailed } from '../armErrors';
import { routesAt, type ArmResponse, type RequestContext, type Route } from '../route';
import type { ApiCollectionRecord, ApiManagementServiceRecord, SubscriptionRecord } from '../state';
import { requireRegistration, requireSubscription } from './common';

const API_VERSION = '2023-11-15';
/** Location polls answered 202 before onboarding completes. */
export const ONBOARDING_POLLS = 1;
const SERVICE = '/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.ApiManagement/service/([^/]+)';
const COLLECTIONS = '/providers/Microsoft\\.Security/apiCollections';

function serviceId(subscriptionId: string, resourceGroup: string, serviceName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ApiManagement/service/${serviceName}`;
}

function collectionView(subscription: SubscriptionRecord, collection: ApiCollectionRecord) {
  const service = findService(subscription, collection.resourceGroup, collection.serviceName);
  const api = service?.apis.find((candidate) => candidate.name === collection.apiId);
  const done = collection.provisioningState === 'Succeeded';
  // Counts the seed does not give are made up but stable per API, so demos and tests are reproducible.
  const weight = [...collection.apiId].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const discoveredVia = serviceId(subscription.subscriptionId, collection.resourceGroup, collection.serviceName);
  return {
    id: `${discoveredVia}/providers/Microsoft.Security/apiCollections/${collection.apiId}`,
    name: collection.apiId,
    type: 'Microsoft.Security/apiCollections',
    properties: {
      provisioningState: collection.provisioningState,
      ...(done && api
        ? {
            displayName: api.displayName,
            discoveredVia,
            baseUrl: `https://${collection.serviceName.toLowerCase()}.azure-api.net/${api.path}`,
            numberOfApiEndpoints: api.numberOfApiEndpoints ?? 3 + (weight % 7),
            numberOfInactiveApiEndpoints: api.numberOfInactiveApiEndpoints ?? weight % 3,
            numberOfUnauthenticatedApiEndpoints: api.numberOfUnauthenticatedApiEndpoints ?? weight % 2,
            numberOfExternalApiEndpoints: api.numberOfExternalApiEndpoints ?? 1 + (weight % 3),
            numberOfApiEndpointsWithSensitiveDataExposed: api.numberOfApiEndpointsWithSensitiveDataExposed ?? weight % 2,
            ...(api.sensitivityLabel ? { sensitivityLabel: api.sensitivityLabel } : {}),
          }
        : {}),
    },
  };
}

function findService(subscription: SubscriptionRecord, resourceGroup: string, serviceName: string): ApiManagementServiceRecord | undefined {
  return subscription.apiManagementServices.find(
    (service) => service.resourceGroup.toLowerCase() === resourceGroup.toLowerCase() && service.name.toLowerCase() === serviceName.toLowerCase(),
  );
}

function findCollection(subscription: SubscriptionRecord, resourceGroup: string, serviceName: string, apiId: string) {
  return subscription.apiCollections.find(
    (collection) =>
      collection.resourceGroup.toLowerCase() === resourceGroup.toLowerCase() &&
      collection.serviceName.toLowerCase() === serviceName.toLowerCase() &&
      collection.apiId.toLowerCase() === apiId.toLowerCase(),
  );
}

function securitySubscription(context: RequestContext, subscriptionId: string): SubscriptionRecord {
  const subscription = requireSubscription(context, subscriptionId);
  requireRegistration(subscription, 'Microsoft.Security');
  return subscription;
}

function list(context: RequestContext, [subscriptionId, resourceGroup, serviceName]: string[]): ArmResponse {
  const subscription = securitySubscription(context, subscriptionId);
  const value = subscription.apiCollections
    .filter((collection) => collection.provisioningState === 'Succeeded')
    .filter((collection) => !resourceGroup || collection.resourceGroup.toLowerCase() === resourceGroup.toLowerCase())
    .filter((collection) => !serviceName || collection.serviceName.toLowerCase() === serviceName.toLowerCase())
    .map((collection) => collectionView(subscription, collection));
  return { status: 200, schema: 'ApiCollectionList', body: { value } };
}

function get(context: RequestContext, [subscriptionId, resourceGroup, serviceName, apiId]: string[]): ArmResponse {
  const subscription = securitySubscription(context, subscriptionId);
  const collection = findCollection(subscription, resourceGroup, serviceName, apiId);
  if (!collection) throw new ArmError(404, 'ResourceNotFound', `API '${apiId}' of API Management service '${serviceName}' is not onboarded to Defender for APIs.`);
  if (context.query.has('$asyncScope') && collection.pollsRemaining > 0) {
    collection.pollsRemaining -= 1;
    if (collection.pollsRemaining === 0) collection.provisioningState = 'Succeeded';
    return { status: 202, headers: { Location: `${context.baseUrl}${context.path}?${context.query.toString()}`, 'Retry-After': '0' } };
  }
  return { status: 200, schema: 'ApiCollection', body: collectionView(subscription, collection) };
}

function onboard(context: RequestContext, [subscriptionId, resourceGroup, serviceName, apiId]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  const scope = `${serviceId(subscription.subscriptionId, resourceGroup, serviceName)}/providers/Microsoft.Security/apiCollections/${apiId}`;
  if (!subscription.canWritePricings) throw authorizationFailed('Microsoft.Security/apiCollections/write', scope);
  requireRegistration(subscription, 'Microsoft.Security');
  const service = findService(subscription, resourceGroup, serviceName);
  const api = service?.apis.find((candidate) => candidate.name.toLowerCase() === apiId.toLowerCase());
  if (!service || !api) throw new ArmError(404, 'ResourceNotFound', `The API '${apiId}' of API Management service '${serviceName}' in resource group '${resourceGroup}' was not found.`);
  const existing = findCollection(subscription, resourceGroup, serviceName, apiId);
  if (existing?.provisioningState === 'Succeeded') return { status: 200, schema: 'ApiCollection', body: collectionView(subscription, existing) };
  const collection = existing ?? { resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, provisioningState: 'InProgress' as const, pollsRemaining: ONBOARDING_POLLS };
  if (!existing) subscription.apiCollections.push(collection);
  const location = `${context.baseUrl}${scope}?api-version=${API_VERSION}&$asyncScope=${Buffer.from(api.name).toString('base64url')}`;
  return { status: 201, schema: 'ApiCollection', body: collectionView(subscription, collection), headers: { Location: location, 'Retry-After': '0' } };
}

function offboard(context: RequestContext, [subscriptionId, resourceGroup, serviceName, apiId]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  const scope = `${serviceId(subscription.subscriptionId, resourceGroup, serviceName)}/providers/Microsoft.Security/apiCollections/${apiId}`;
  if (!subscription.canWritePricings) throw authorizationFailed('Microsoft.Security/apiCollections/delete', scope);
  requireRegistration(subscription, 'Microsoft.Security');
  const collection = findCollection(subscription, resourceGroup, serviceName, apiId);
  if (!collection) return { status: 204 };
  subscription.apiCollections.splice(subscription.apiCollections.indexOf(collection), 1);
  return { status: 200 };
}

const route = routesAt(API_VERSION, 'ArmErrorResponse');

export const apiCollectionRoutes: Route[] = [
  route('GET', `/subscriptions/([^/]+)${COLLECTIONS}`, list),
  route('GET', `/subscriptions/([^/]+)/resourceGroups/([^/]+)${COLLECTIONS}`, list),
  route('GET', `${SERVICE}${COLLECTIONS}`, list),
  route('GET', `${SERVICE}${COLLECTIONS}/([^/]+)`, get),
  route('PUT', `${SERVICE}${COLLECTIONS}/([^/]+)`, onboard),
  route('DELETE', `${SERVICE}${COLLECTIONS}/([^/]+)`, offboard),
];
