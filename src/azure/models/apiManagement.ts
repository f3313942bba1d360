/** Microsoft.ApiManagement services and APIs at api-version 2024-05-01 (the current GA version), as they travel on the wire. */
import { SUPPORTED_APIM_SKUS, type ApiManagementApi, type ApiManagementService } from '../../core/defender';
import type { ApiManagementInventoryService } from '../../core/fleet';

export const API_MANAGEMENT_API_VERSION = '2024-05-01';

export interface ArmApiManagementService {
  id: string;
  name: string;
  sku: { name: string; capacity?: number };
}

export interface ArmApi {
  name: string;
  properties?: { displayName?: string; isCurrent?: boolean; apiRevision?: string };
}

export interface ArmList<T> {
  value: T[];
  nextLink?: string;
}

/** "/subscriptions/x/resourceGroups/rg/providers/..." → "rg"; ARM does not send the group as a field. */
export function resourceGroupOf(resourceId: string): string {
  const match = /\/resourceGroups\/([^/]+)/i.exec(resourceId);
  return match ? decodeURIComponent(match[1]) : '';
}

export function isSupportedApimSku(sku: string): boolean {
  return SUPPORTED_APIM_SKUS.some((supported) => supported.toLowerCase() === sku.toLowerCase());
}

export function toApiManagementApi(wire: ArmApi): ApiManagementApi {
  return { name: wire.name, displayName: wire.properties?.displayName ?? wire.name };
}

/** A service's inventory row, the same whether Resource Graph or ARM listed it. */
export function toApiManagementInventoryService(
  service: Pick<ApiManagementInventoryService, 'subscriptionId' | 'resourceGroup' | 'name' | 'sku'>,
  onboardedApis: string[],
): ApiManagementInventoryService {
  const { subscriptionId, resourceGroup, name, sku } = service;
  return { subscriptionId, resourceGroup, name, sku, skuSupported: isSupportedApimSku(sku), onboardedApis };
}

export function toApiManagementService(wire: ArmApiManagementService, apis: ArmApi[]): ApiManagementService {
  return {
    name: wire.name,
    resourceGroup: resourceGroupOf(wire.id),
    sku: wire.sku.name,
    skuSupported: isSupportedApimSku(wire.sku.name),
    apis: apis.map(toApiManagementApi),
  };
}
