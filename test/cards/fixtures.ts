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
