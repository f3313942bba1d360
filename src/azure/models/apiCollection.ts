/** Microsoft.Security apiCollections at api-version 2023-11-15: APIM APIs onboarded to Defender for APIs. */
export const API_COLLECTIONS_API_VERSION = '2023-11-15';

/** An API collection's read-only posture counts and sensitivity label, by their names in apiCollections.json. */
export interface ArmApiCollectionPosture {
  numberOfApiEndpoints?: number;
  numberOfInactiveApiEndpoints?: number;
  numberOfUnauthenticatedApiEndpoints?: number;
  numberOfExternalApiEndpoints?: number;
  numberOfApiEndpointsWithSensitiveDataExposed?: number;
  sensitivityLabel?: string;
}

export interface ArmApiCollection {
  /** ".../service/{serviceName}/providers/Microsoft.Security/apiCollections/{apiId}" */
  id?: string;
  /** The APIM API name (apiId). */
  name: string;
  properties?: ArmApiCollectionPosture & {
    provisioningState?: string;
    displayName?: string;
  };
}

/** ".../service/{name}/providers/Microsoft.Security/apiCollections[/{apiId}]" under an APIM service id. */
export function apiCollectionsPath(serviceId: string, apiId?: string): string {
  const base = `${serviceId}/providers/Microsoft.Security/apiCollections`;
  // A revision's ";rev=n" stays literal: it is part of the API name as ARM spells the resource id.
  return apiId === undefined ? base : `${base}/${encodeURIComponent(apiId).replace(/%3B/gi, ';').replace(/%3D/gi, '=')}`;
}

export function serviceIdOf(subscriptionId: string, resourceGroup: string, serviceName: string): string {
  return `/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.ApiManagement/service/${encodeURIComponent(serviceName)}`;
}
