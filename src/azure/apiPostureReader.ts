/**
 * `posture <sub>`: every API Management API, joined with the subscription's API collections (2023-11-15), whose
 * read-only counts are Defender's posture findings. One list call for all collections, whatever the services.
 */
import type { ApiManagementService } from '../core/defender';
import type { ApiCollectionPosture, NotOnboardedApi } from '../core/monitoring';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { API_COLLECTIONS_API_VERSION, type ArmApiCollection } from './models/apiCollection';

const COLLECTION_ID = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^/]+)\/providers\/Microsoft\.Security\/apiCollections\/[^/]+$/i;
/** Onboarding that ended badly leaves a collection that protects nothing. */
const NOT_ONBOARDED_STATES = /^(failed|canceled)$/i;

export async function readApiCollections(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<ArmApiCollection[]> {
  return transport.sendList<ArmApiCollection>({
    method: 'GET',
    path: `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/apiCollections`,
    query: { 'api-version': API_COLLECTIONS_API_VERSION },
    purpose: 'list the APIs onboarded to Defender for APIs',
    subscriptionId,
    abortSignal: options.abortSignal,
  });
}

const keyOf = (resourceGroup: string, serviceName: string, apiId: string) => `${resourceGroup}/${serviceName}/${apiId}`.toLowerCase();

function toCollectionPosture(collection: ArmApiCollection, resourceGroup: string, serviceName: string, fallbackName: string): ApiCollectionPosture {
  const properties = collection.properties ?? {};
  const counts = {
    endpoints: properties.numberOfApiEndpoints,
    unauthenticatedEndpoints: properties.numberOfUnauthenticatedApiEndpoints,
    externalEndpoints: properties.numberOfExternalApiEndpoints,
    inactiveEndpoints: properties.numberOfInactiveApiEndpoints,
    sensitiveDataEndpoints: properties.numberOfApiEndpointsWithSensitiveDataExposed,
  };
  return {
    resourceGroup,
    serviceName,
    apiId: collection.name,
    displayName: properties.displayName ?? fallbackName,
    ...Object.fromEntries(Object.entries(counts).filter(([, count]) => typeof count === 'number')),
    ...(properties.sensitivityLabel ? { sensitivityLabel: properties.sensitivityLabel } : {}),
  };
}

/** Each APIM API onboarded or not; collections whose API is gone from APIM still show (they are still billed). */
export function joinApiPosture(services: ApiManagementService[], collections: ArmApiCollection[]): { onboarded: ApiCollectionPosture[]; notOnboarded: NotOnboardedApi[] } {
  const byKey = new Map<string, { collection: ArmApiCollection; resourceGroup: string; serviceName: string }>();
  for (const collection of collections) {
    const match = COLLECTION_ID.exec(collection.id ?? '');
    if (!match || NOT_ONBOARDED_STATES.test(collection.properties?.provisioningState ?? '')) continue;
    byKey.set(keyOf(match[1], match[2], collection.name), { collection, resourceGroup: match[1], serviceName: match[2] });
  }
  const onboarded: ApiCollectionPosture[] = [];
  const notOnboarded: NotOnboardedApi[] = [];
  for (const service of services) {
    for (const api of service.apis) {
      const key = keyOf(service.resourceGroup, service.name, api.name);
      const found = byKey.get(key);
      byKey.delete(key);
      if (found) onboarded.push(toCollectionPosture(found.collection, service.resourceGroup, service.name, api.displayName));
      else notOnboarded.push({ resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, displayName: api.displayName, skuSupported: service.skuSupported });
    }
  }
  for (const orphan of byKey.values()) onboarded.push(toCollectionPosture(orphan.collection, orphan.resourceGroup, orphan.serviceName, orphan.collection.name));
  return { onboarded, notOnboarded };
}
