/** Provider registration (api-version 2021-04-01) and the caller's permissions (Microsoft.Authorization, 2022-04-01). */
import type { ArmResponse, RequestContext, Route } from '../route';
import { isRegistered, requireSubscription } from './common';

/** Roughly what Security Admin grants at subscription scope. */
export const SECURITY_ADMIN_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Authorization/policyAssignments/*',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Management/managementGroups/read',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Security/*',
  'Microsoft.Support/*',
];
export const READER_ACTIONS = ['*/read'];

function getProvider(context: RequestContext, [subscriptionId, namespace]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  return {
    status: 200,
    schema: 'ProviderRegistration',
    body: {
      id: `/subscriptions/${subscription.subscriptionId}/providers/${namespace}`,
      namespace,
      registrationState: isRegistered(subscription, namespace) ? 'Registered' : 'NotRegistered',
      registrationPolicy: 'RegistrationRequired',
    },
  };
}

function listPermissions(context: RequestContext, [subscriptionId]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  const actions = subscription.canWritePricings ? SECURITY_ADMIN_ACTIONS : READER_ACTIONS;
  return { status: 200, schema: 'PermissionList', body: { value: [{ actions: [...actions], notActions: [], dataActions: [], notDataActions: [] }] } };
}

export const providerRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Authorization\/permissions\/?$/i,
    apiVersion: '2022-04-01',
    errorSchema: 'ArmErrorResponse',
    handle: listPermissions,
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)\/providers\/([A-Za-z0-9.]+)\/?$/i,
    apiVersion: '2021-04-01',
    errorSchema: 'ArmErrorResponse',
    handle: getProvider,
  },
];
