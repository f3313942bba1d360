/** Reads Defender settings and everything `status` shows. Independent reads go out concurrently. */
import type { ApiManagementService, DefenderSettings } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { allSettledOrThrow } from './boundedConcurrency';
import { isActionPermitted } from './permissions';
import { API_MANAGEMENT_API_VERSION, toApiManagementService, type ArmApi, type ArmApiManagementService } from './models/apiManagement';
import { markOnboardedApis, readOnboardedApiNamesIfRegistered } from './onboardedApis';
import {
  PERMISSIONS_API_VERSION,
  PRICINGS_WRITE_ACTION,
  PROVIDERS_API_VERSION,
  SECURITY_PROVIDER_NAMESPACE,
  type ArmPermission,
  type ArmProvider,
} from './models/authorization';
import { MANAGED_PRICINGS_FILTER, PRICINGS_API_VERSION, toDefenderSettings, type ArmPricingList } from './models/pricing';

const subscriptionPath = (subscriptionId: string) => `/subscriptions/${encodeURIComponent(subscriptionId)}`;

/** Both pricings in ONE call. */
export async function readDefenderSettings(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<DefenderSettings> {
  const list = await transport.send<ArmPricingList>({
    method: 'GET',
    path: `${subscriptionPath(subscriptionId)}/providers/Microsoft.Security/pricings`,
    query: { 'api-version': PRICINGS_API_VERSION, $filter: MANAGED_PRICINGS_FILTER },
    purpose: 'read the Defender pricings',
    subscriptionId,
    abortSignal: options.abortSignal,
  });
  return toDefenderSettings(subscriptionId, list);
}

/** The services, then per service its APIs (and, for `status`, its onboarded APIs) at once: two round trips deep. */
export async function readApiManagementServices(
  transport: ArmTransport,
  subscriptionId: string,
  options: OperationOptions & { withOnboarding?: boolean } = {},
): Promise<ApiManagementService[]> {
  let services: ArmApiManagementService[];
  try {
    services = await transport.sendList<ArmApiManagementService>({
      method: 'GET',
      path: `${subscriptionPath(subscriptionId)}/providers/Microsoft.ApiManagement/service`,
      query: { 'api-version': API_MANAGEMENT_API_VERSION },
      purpose: 'list the API Management services',
      subscriptionId,
      abortSignal: options.abortSignal,
    });
  } catch (error) {
    // A subscription never registered for Microsoft.ApiManagement simply has no services to show.
    if (isDefenderError(error) && error.code === 'MissingSubscriptionRegistration') return [];
    throw error;
  }
  return allSettledOrThrow(
    services.map(async (service) => {
      const [apis, onboarded] = await allSettledOrThrow([
        transport.sendList<ArmApi>({
          method: 'GET',
          path: `${service.id}/apis`,
          query: { 'api-version': API_MANAGEMENT_API_VERSION },
          purpose: `list the APIs of API Management service ${service.name}`,
          subscriptionId,
          abortSignal: options.abortSignal,
        }),
        options.withOnboarding ? readOnboardedApiNamesIfRegistered(transport, subscriptionId, service.id, options) : undefined,
      ]);
      const withApis = toApiManagementService(service, apis);
      return onboarded ? markOnboardedApis(withApis, onboarded) : withApis;
    }),
  );
}

export async function readSecurityProviderRegistered(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<boolean> {
  const provider = await transport.send<ArmProvider>({
    method: 'GET',
    path: `${subscriptionPath(subscriptionId)}/providers/${SECURITY_PROVIDER_NAMESPACE}`,
    query: { 'api-version': PROVIDERS_API_VERSION },
    purpose: 'read the Microsoft.Security provider registration',
    subscriptionId,
    abortSignal: options.abortSignal,
  });
  return provider.registrationState?.toLowerCase() === 'registered';
}

export async function readCanWritePricings(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<boolean> {
  const permissions = await transport.sendList<ArmPermission>({
    method: 'GET',
    path: `${subscriptionPath(subscriptionId)}/providers/Microsoft.Authorization/permissions`,
    query: { 'api-version': PERMISSIONS_API_VERSION },
    purpose: 'read its own permissions',
    subscriptionId,
    abortSignal: options.abortSignal,
  });
  return isActionPermitted(permissions, PRICINGS_WRITE_ACTION);
}
