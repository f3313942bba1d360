/**
 * Microsoft.Security alerts, api-version 2022-01-01: list (by subscription or resource group, optionally by
 * location; paged with nextLink), get one, and the status changes (resolve, activate, inProgress, dismiss).
 * Strict on scope, as the worst case a client can meet: an alert filed under a resource group is only found
 * through resource-group paths, one filed at subscription level only through subscription paths.
 */
import { ArmError, authorizationFailed } from '../armErrors';
import { alertId, alertView, type AlertRecord } from '../alertStore';
import { routesAt, type ArmResponse, type RequestContext, type Route } from '../route';
import type { SubscriptionRecord } from '../state';
import { requireRegistration, requireSubscription } from './common';

const API_VERSION = '2022-01-01';
/** Small, so a handful of seeded alerts already exercises the client's nextLink paging. */
export const ALERTS_PAGE_SIZE = 10;

const SUBSCRIPTION = '/subscriptions/([^/]+)';
const GROUP = '/resourceGroups/([^/]+)';
const ALERTS = '/providers/Microsoft\\.Security/alerts';
const LOCATED = '/providers/Microsoft\\.Security/locations/([^/]+)/alerts';

const STATUS_BY_ACTION: Record<string, string> = { resolve: 'Resolved', activate: 'Active', inprogress: 'InProgress', dismiss: 'Dismissed' };

interface Scope {
  subscriptionId: string;
  resourceGroup?: string;
  location?: string;
}

function readableSubscription(context: RequestContext, { subscriptionId }: Scope): SubscriptionRecord {
  const subscription = requireSubscription(context, subscriptionId);
  // ARM checks RBAC before the resource provider sees the call, so 403 comes before 409.
  if (!context.state.alerts.canRead(subscription.subscriptionId)) throw authorizationFailed('Microsoft.Security/alerts/read', `/subscriptions/${subscription.subscriptionId}`);
  requireRegistration(subscription, 'Microsoft.Security');
  return subscription;
}

function inScope(alert: AlertRecord, scope: Scope): boolean {
  return (alert.resourceGroup ?? '').toLowerCase() === (scope.resourceGroup ?? '').toLowerCase();
}

function list(context: RequestContext, scope: Scope): ArmResponse {
  const subscription = readableSubscription(context, scope);
  const all = context.state.alerts
    .list(subscription.subscriptionId, scope.location)
    .filter((alert) => scope.resourceGroup === undefined || inScope(alert, scope));
  const skip = Number(context.query.get('$skiptoken') ?? '0');
  const start = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const next = start + ALERTS_PAGE_SIZE;
  const value = all.slice(start, next).map((alert) => alertView(subscription.subscriptionId, alert));
  const nextLink = next < all.length ? `${context.baseUrl}${context.path}?api-version=${API_VERSION}&%24skiptoken=${next}` : undefined;
  return { status: 200, schema: 'AlertList', body: { value, ...(nextLink ? { nextLink } : {}) } };
}

function findAlert(context: RequestContext, subscription: SubscriptionRecord, scope: Scope & { location: string }, name: string): AlertRecord {
  const alert = context.state.alerts.find(subscription.subscriptionId, scope.location, name);
  if (!alert || !inScope(alert, scope)) {
    const where = scope.resourceGroup ? `resource group '${scope.resourceGroup}'` : `subscription '${subscription.subscriptionId}' (subscription level)`;
    throw new ArmError(404, 'ResourceNotFound', `The security alert '${name}' was not found in location '${scope.location}' of ${where}.`);
  }
  return alert;
}

function get(context: RequestContext, scope: Scope & { location: string }, name: string): ArmResponse {
  const subscription = readableSubscription(context, scope);
  return { status: 200, schema: 'Alert', body: alertView(subscription.subscriptionId, findAlert(context, subscription, scope, name)) };
}

function changeStatus(context: RequestContext, scope: Scope & { location: string }, name: string, action: string): ArmResponse {
  const subscription = requireSubscription(context, scope.subscriptionId);
  if (!subscription.canWritePricings) {
    const target = alertId(subscription.subscriptionId, { name, location: scope.location, resourceGroup: scope.resourceGroup });
    throw authorizationFailed(`Microsoft.Security/locations/alerts/${action}/action`, target);
  }
  requireRegistration(subscription, 'Microsoft.Security');
  findAlert(context, subscription, scope, name).properties.status = STATUS_BY_ACTION[action.toLowerCase()];
  return { status: 204 };
}

const route = routesAt(API_VERSION, 'SecurityCloudError');

const STATUS_ACTIONS = '(resolve|activate|inProgress|dismiss)';

export const alertRoutes: Route[] = [
  route('GET', `${SUBSCRIPTION}${ALERTS}`, (context, [subscriptionId]) => list(context, { subscriptionId })),
  route('GET', `${SUBSCRIPTION}${GROUP}${ALERTS}`, (context, [subscriptionId, resourceGroup]) => list(context, { subscriptionId, resourceGroup })),
  route('GET', `${SUBSCRIPTION}${LOCATED}`, (context, [subscriptionId, location]) => list(context, { subscriptionId, location })),
  route('GET', `${SUBSCRIPTION}${GROUP}${LOCATED}`, (context, [subscriptionId, resourceGroup, location]) => list(context, { subscriptionId, resourceGroup, location })),
  route('GET', `${SUBSCRIPTION}${LOCATED}/([^/]+)`, (context, [subscriptionId, location, name]) => get(context, { subscriptionId, location }, name)),
  route('GET', `${SUBSCRIPTION}${GROUP}${LOCATED}/([^/]+)`, (context, [subscriptionId, resourceGroup, location, name]) =>
    get(context, { subscriptionId, resourceGroup, location }, name),
  ),
  route('POST', `${SUBSCRIPTION}${LOCATED}/([^/]+)/${STATUS_ACTIONS}`, (context, [subscriptionId, location, name, action]) =>
    changeStatus(context, { subscriptionId, location }, name, action),
  ),
  route('POST', `${SUBSCRIPTION}${GROUP}${LOCATED}/([^/]+)/${STATUS_ACTIONS}`, (context, [subscriptionId, resourceGroup, location, name, action]) =>
    changeStatus(context, { subscriptionId, resourceGroup, location }, name, action),
  ),
];
