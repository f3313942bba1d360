/** Reads Defender settings and everything `status` shows. Independent reads go out concurrently. */
import type { ApiManagementService, DefenderSettings } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { OperationOptions } from '../core/ports';
import type { ArmCall, ArmTransport } from './armTransport';
import { allSettledOrThrow } from './boundedConcurrency';
import { isActionPermitted } from './permissions';
import { listServiceApis } from './apiManagementApis';
import { API_MANAGEMENT_API_VERSION, toApiManagementService, type ArmApiManagementService } from './models/apiManagement';
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

/** A GET of a resource provider's path under the subscription: every read in this file has this shape. */
function providerRead(subscriptionId: string, providerPath: string, read: Pick<ArmCall, 'query' | 'purpose'>, options: OperationOptions): ArmCall {
  return { method: 'GET', path: `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${providerPath}`, ...read, subscriptionId, abortSignal: options.abortSignal };
}

/** Both pricings in ONE call. */
export async function readDefenderSettings(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<DefenderSettings> {
  const list = await transport.send<ArmPricingList>(
    providerRead(subscriptionId, 'Microsoft.Security/pricings', { query: { 'api-version': PRICINGS_API_VERSION, $filter: MANAGED_PRICINGS_FILTER }, purpose: 'read the Defender pricings' }, options),
  );
  return toDefenderSettings(subscriptionId, list);
}

/** The subscription's API Management services as ARM lists them; none when it was never registered for Microsoft.ApiManagement. */
export async function listApiManagementServices(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<ArmApiManagementService[]> {
  try {
    return await transport.sendList<ArmApiManagementService>(
      providerRead(subscriptionId, 'Microsoft.ApiManagement/service', { query: { 'api-version': API_MANAGEMENT_API_VERSION }, purpose: 'list the API Management services' }, options),
    );
  } catch (error) {
    if (isDefenderError(error) && error.code === 'MissingSubscriptionRegistration') return [];
    throw error;
  }
}

/** The services, then per service its APIs (and, for `status`, its onboarded APIs) at once: two round trips deep. */
export async function readApiManagementServices(
  transport: ArmTransport,
  subscriptionId: string,
  options: OperationOptions & { withOnboarding?: boolean } = {},
): Promise<ApiManagementService[]> {
  const services = await listApiManagementServices(transport, subscriptionId, options);
  return allSettledOrThrow(
    services.map(async (service) => {
      const [apis, onboarded] = await allSettledOrThrow([
        listServiceApis(transport, { id: service.id, name: service.name, subscriptionId }, options),
        options.withOnboarding ? readOnboardedApiNamesIfRegistered(transport, subscriptionId, service.id, options) : undefined,
      ]);
      const withApis = toApiManagementService(service, apis);
      return onboarded ? markOnboardedApis(withApis, onboarded) : withApis;
    }),
  );
}

export async function readSecurityProviderRegistered(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<boolean> {
  const provider = await transport.send<ArmProvider>(
    providerRead(subscriptionId, SECURITY_PROVIDER_NAMESPACE, { query: { 'api-version': PROVIDERS_API_VERSION }, purpose: 'read the Microsoft.Security provider registration' }, options),
  );
  return provider.registrationState?.toLowerCase() === 'registered';
}

export async function readCanWritePricings(transport: ArmTransport, subscriptionId: string, options: OperationOptions = {}): Promise<boolean> {
  const permissions = await transport.sendList<ArmPermission>(
    providerRead(subscriptionId, 'Microsoft.Authorization/permissions', { query: { 'api-version': PERMISSIONS_API_VERSION }, purpose: 'read its own permissions' }, options),
  );
  return isActionPermitted(permissions, PRICINGS_WRITE_ACTION);
}
