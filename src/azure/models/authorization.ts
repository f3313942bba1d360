/** Microsoft.Resources provider registration and Microsoft.Authorization permissions, as they travel on the wire. */

export const PROVIDERS_API_VERSION = '2021-04-01';
export const PERMISSIONS_API_VERSION = '2022-04-01';
export const SECURITY_PROVIDER_NAMESPACE = 'Microsoft.Security';
export const PRICINGS_WRITE_ACTION = 'Microsoft.Security/pricings/write';

export interface ArmProvider {
  namespace: string;
  registrationState?: string;
}

export interface ArmPermission {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

export interface ArmPermissionList {
  value: ArmPermission[];
  nextLink?: string;
}
