/** `status`: which APIM APIs are onboarded to Defender for APIs, read from each service's apiCollections list. */
import type { ApiManagementService } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { readOnboardedApiNames } from './apiOnboarder';
import { serviceIdOf } from './models/apiCollection';

/**
 * Sets `onboarded` on every API. When the list cannot be read because Microsoft.Security is not registered,
 * `onboarded` stays unknown (undefined) rather than failing the whole status.
 */
export async function markOnboardedApis(transport: ArmTransport, subscriptionId: string, services: ApiManagementService[], options: OperationOptions = {}): Promise<ApiManagementService[]> {
  return Promise.all(services.map(async (service) => {
    let onboarded: Set<string>;
    try {
      onboarded = await readOnboardedApiNames(transport, subscriptionId, serviceIdOf(subscriptionId, service.resourceGroup, service.name), options);
    } catch (error) {
      if (isDefenderError(error) && error.code === 'MissingSubscriptionRegistration') return service;
      throw error;
    }
    return { ...service, apis: service.apis.map((api) => ({ ...api, onboarded: onboarded.has(api.name.toLowerCase()) })) };
  }));
}
