/** Realistic (and worst-case) models for card tests. */
import type { ApiManagementService, DefenderSettings, SubscriptionStatus } from '../../src/core/defender';

export const SUBSCRIPTION_ID = '11111111-2222-3333-4444-555555555555';

export function settings(options: { apisOn?: boolean; cspmOn?: boolean; postureOn?: boolean; subPlan?: string } = {}): DefenderSettings {
  const { apisOn = false, cspmOn = false, postureOn = false, subPlan = 'P1' } = options;
  return {
    subscriptionId: SUBSCRIPTION_ID,
    api: apisOn
      ? { pricingTier: 'Standard', subPlan, enablementTime: '2025-03-04T14:05:09.123Z', freeTrialRemainingTime: 'P29DT23H' }
      : { pricingTier: 'Free' },
    cspm: {
      pricingTier: cspmOn ? 'Standard' : 'Free',
      extensions: [
        { name: 'ApiPosture', isEnabled: postureOn },
        { name: 'AgentlessVmScanning', isEnabled: true },
        { name: 'SensitiveDataDiscovery', isEnabled: false },
        { name: 'ContainerRegistriesVulnerabilityAssessments', isEnabled: true },
      ],
    },
  };
}

export function apimService(name: string, sku = 'Premium', apiCount = 3): ApiManagementService {
  return {
    name,
    resourceGroup: 'rg-apis',
    sku,
    skuSupported: sku !== 'Consumption' && !sku.endsWith('V2'),
    apis: Array.from({ length: apiCount }, (_, index) => ({ name: `api-${index}`, displayName: `API ${index}` })),
  };
}

export function subscriptionStatus(overrides: Partial<SubscriptionStatus> & { settings?: DefenderSettings } = {}): SubscriptionStatus {
  return {
    subscription: { subscriptionId: SUBSCRIPTION_ID, displayName: 'Contoso Prod', state: 'Enabled' },
    settings: settings(),
    apiManagementServices: [apimService('apim-prod'), apimService('apim-dev', 'Consumption', 1)],
    securityProviderRegistered: true,
    canWritePricings: true,
    ...overrides,
  };
}

/** 25 chars of hostile text: template syntax, markdown emphasis and a link. */
export const HOSTILE_NAME = '${$root.title} **bold** [link](http://x)';
export const LONG_ARM_MESSAGE =
  'The client does not have authorization to perform action Microsoft.Security/pricings/write over scope ' +
  '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Security/pricings/CloudPosture. '.repeat(12);

import type { ApprovalStatus, RequestCardModel, RequestTarget, ViewerRole } from '../../src/cards/models';
import { ANYONE, createApprovalPolicy, permissionsFor, type ApprovalRequest } from '../../src/core/approval';

export const PLAN_HASH = 'a'.repeat(64);
export const REQUEST_ID = 'req_ABCDEFGHIJKLMNOPQRST';

export const ALL_STATUSES: ApprovalStatus[] = [
  'pending', 'approved', 'executing', 'succeeded', 'partially-failed', 'failed', 'rejected', 'cancelled', 'expired', 'stale',
];

/** A one-subscription enable request in the given status, with what that status would carry (outcome, rejection...). */
export function requestModel(status: ApprovalStatus, overrides: Partial<RequestCardModel> = {}): RequestCardModel {
  const target: RequestTarget = {
    plan: {
      subscriptionId: SUBSCRIPTION_ID,
      subscriptionName: 'Contoso Prod',
      changes: [
        { setting: 'defenderForApis', before: 'Free', after: 'Standard (P1)' },
        { setting: 'cspmPlan', before: 'Free', after: 'Standard' },
        { setting: 'apiPosture', before: 'Off', after: 'On' },
      ],
    },
  };
  const base: RequestCardModel = {
    heading: 'Enable Defender for APIs',
    requestId: REQUEST_ID,
    planHash: PLAN_HASH,
    status,
    targets: [target],
    requester: { name: 'Riya Requester' },
    createdAt: '2025-03-04T14:05:00.000Z',
    expiresAt: new Date('2025-03-05T14:05:00.000Z'),
    approvals: status === 'pending' || status === 'expired' ? [] : [{ name: 'Ava Approver', at: '2025-03-04T15:00:00Z' }],
    minApprovals: 1,
    buttons: buttonsFor(status, 'everyone'),
    refreshUserIds: ['29:requester', '29:approver-1', '29:approver-2'],
  };
  if (status === 'rejected') base.rejection = { by: { name: 'Ava Approver' }, reason: 'Not during the release freeze.', at: '2025-03-04T15:00:00Z' };
  if (status === 'cancelled') base.cancelledBy = { name: 'Riya Requester' };
  if (status === 'expired') base.statusReason = 'Expired after 24 hours with 0 of 1 approvals.';
  if (status === 'succeeded' || status === 'failed' || status === 'partially-failed') {
    const failedSetting = (setting: 'defenderForApis' | 'cspmPlan' | 'apiPosture') =>
      status === 'failed' || (status === 'partially-failed' && setting === 'apiPosture');
    target.outcome = {
      subscriptionId: SUBSCRIPTION_ID,
      status,
      settings: (['defenderForApis', 'cspmPlan', 'apiPosture'] as const).map((setting) =>
        failedSetting(setting) ? { setting, status: 'failed', error: { code: 'AuthorizationFailed', message: LONG_ARM_MESSAGE } } : { setting, status: 'done' },
      ),
    };
  }
  if (status === 'stale') {
    target.outcome = {
      subscriptionId: SUBSCRIPTION_ID,
      status: 'stale',
      settings: [],
      staleReasons: ['Defender for APIs was Free when planned and is Standard (P2) now'],
    };
  }
  return { ...base, ...overrides };
}

/** People standing in for each viewer role, and the policy they live under. */
const ROLE_PEOPLE = {
  approver: { id: 'aaaaaaaa-0000-4000-8000-0000000000a1', name: 'Ava Approver' },
  requester: { id: 'aaaaaaaa-0000-4000-8000-0000000000a2', name: 'Riya Requester' },
  observer: { id: 'aaaaaaaa-0000-4000-8000-0000000000a3', name: 'Olly Observer' },
};
const ROLE_POLICY = createApprovalPolicy({ approvers: [ROLE_PEOPLE.approver.id], requestTtlMs: 86_400_000 });

/** The buttons a viewer in `role` gets for a request in `status`, decided by the core's own permissionsFor. */
export function buttonsFor(status: ApprovalStatus, role: ViewerRole): RequestCardModel['buttons'] {
  const now = new Date('2025-03-04T16:00:00.000Z');
  const request = { status, requester: ROLE_PEOPLE.requester, approvals: [], expiresAt: '2025-03-05T14:05:00.000Z' } as unknown as ApprovalRequest;
  const can = permissionsFor(ROLE_POLICY, request, role === 'everyone' ? ANYONE : ROLE_PEOPLE[role], now);
  return { approve: can.approve.allowed, reject: can.reject.allowed, cancel: can.cancel.allowed, retry: can.retry.allowed };
}

/** requestModel as a viewer in `role` sees it. */
export function requestModelAs(role: ViewerRole, status: ApprovalStatus, overrides: Partial<RequestCardModel> = {}): RequestCardModel {
  return requestModel(status, { buttons: buttonsFor(status, role), ...overrides });
}
