/**
 * The APIs of chosen API Management services, one list call each (`concurrency` at once). Resource Graph does not
 * index APIs, only services; the watch asks this for the services where a new API would matter.
 */
import { isDefenderError } from '../core/errors';
import type { ApiManagementServiceRef, ServiceApis } from '../core/fleet';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { mapWithConcurrency } from './boundedConcurrency';
import { API_MANAGEMENT_API_VERSION, toApiManagementApi, type ArmApi } from './models/apiManagement';
import { serviceIdOf } from './models/apiCollection';

/** One service's APIs as ARM lists them (GET {serviceId}/apis, every page): `status` and the watch both read this. */
export function listServiceApis(transport: ArmTransport, service: { id: string; name: string; subscriptionId: string }, options: OperationOptions = {}): Promise<ArmApi[]> {
  return transport.sendList<ArmApi>({
    method: 'GET',
    path: `${service.id}/apis`,
    query: { 'api-version': API_MANAGEMENT_API_VERSION },
    purpose: `list the APIs of API Management service ${service.name}`,
    subscriptionId: service.subscriptionId,
    abortSignal: options.abortSignal,
  });
}

/** A DefenderError becomes that service's `error`; anything else (a bug) is thrown. */
export function readServiceApis(transport: ArmTransport, services: readonly ApiManagementServiceRef[], concurrency: number, options: OperationOptions = {}): Promise<ServiceApis[]> {
  return mapWithConcurrency(services, concurrency, async (service): Promise<ServiceApis> => {
    try {
      const id = serviceIdOf(service.subscriptionId, service.resourceGroup, service.name);
      const apis = await listServiceApis(transport, { id, name: service.name, subscriptionId: service.subscriptionId }, options);
      return { service, apis: apis.map(toApiManagementApi) };
    } catch (error) {
      if (!isDefenderError(error)) throw error;
      return { service, error: { code: error.code, message: error.message } };
    }
  });
}
