/** `status`: which APIM APIs are onboarded to Defender for APIs, read from each service's apiCollections list. */
import type { ApiManagementService } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { readOnboardedApiNames } from './apiOnboarder';

/**
 * Lower-cased names of the service's onboarded APIs; undefined (unknown) when the list cannot be read because
 * Microsoft.Security is not registered, rather than failing the whole status.
 */
export async function readOnboardedApiNamesIfRegistered(transport: ArmTransport, subscriptionId: string, serviceId: string, options: OperationOptions = {}): Promise<Set<string> | undefined> {
  try {
    return await readOnboardedApiNames(transport, subscriptionId, serviceId, options);
  } catch (error) {
    if (isDefenderError(error) && error.code === 'MissingSubscriptionRegistration') return undefined;
    throw error;
  }
}

/** Sets `onboarded` on every API of the service; leaves it unset when the onboarded names are unknown. */
export function markOnboardedApis(service: ApiManagementService, onboarded: Set<string> | undefined): ApiManagementService {
  if (!onboarded) return service;
  return { ...service, apis: service.apis.map((api) => ({ ...api, onboarded: onboarded.has(api.name.toLowerCase()) })) };
}
