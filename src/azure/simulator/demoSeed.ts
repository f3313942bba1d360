/**
 * Built-in seeds: DEMO_SEED, a handful of realistic subscriptions covering every case the bot handles,
 * and generateFleetSeed(n) for benchmarks. Fixed GUIDs so demos, docs and tests can name them.
 */
import { mulberry32 } from './faults';
import { contosoDevAlerts } from './demoAlerts';
import type { Faults, SeedExtension, SeedPricing, SeedSubscription, SimulatorSeed } from './types';

export const DEMO_SUBSCRIPTIONS = {
  /** Both settings off; APIM Developer with 3 APIs; CSPM Standard with 4 other extensions on. */
  contosoProd: '3f6d2a9e-8b41-4c7e-9a15-2d8e7b0c4f11',
  /** Already fully on: Defender for APIs P2 and CSPM with ApiPosture; 2 of 3 APIs onboarded, with posture counts and alerts. */
  contosoDev: '7a2e91c4-5d3b-4f08-b6e2-91c0d4a8e372',
  /** CSPM Free, no APIM. */
  fabrikamSandbox: 'c14b8e63-2f7a-4d91-8e05-6b3a9f2d7c58',
  /** Microsoft.Security not registered: pricings calls give 409. */
  legacyBilling: '9e07d5b2-a6c4-4e3f-b218-5f4c8d1a0e96',
  /** The bot's identity may only read here (403 on write); APIM on the Consumption tier. */
  northwindAnalytics: '5b8f3c1d-7e26-4a94-9c73-e0a1b6d52f84',
  /** Enabling ApiPosture fails (200 with operationStatus Failed). */
  woodgrovePayments: 'e2d94a70-1c5b-4f38-a6e9-8d7b3c0f1a25',
} as const;

const EXCLUSION_TAGS = JSON.stringify([{ Key: 'scan', Value: 'exclude' }]);

function cspm(tier: 'Free' | 'Standard', enabled: string[], extra: SeedExtension[] = []): SeedPricing {
  const names = ['SensitiveDataDiscovery', 'ContainerRegistriesVulnerabilityAssessments', 'AgentlessDiscoveryForKubernetes', 'AgentlessVmScanning', 'EntraPermissionsManagement', 'ApiPosture'];
  const extensions: SeedExtension[] = names.map((name) => {
    const override = extra.find((extension) => extension.name === name);
    return override ?? { name, isEnabled: enabled.includes(name) ? 'True' : 'False' };
  });
  return { name: 'CloudPosture', pricingTier: tier, extensions };
}

export const DEMO_SEED: SimulatorSeed = {
  subscriptions: [
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.contosoProd,
      displayName: 'Contoso Prod',
      registeredProviders: ['Microsoft.Security', 'Microsoft.ApiManagement'],
      pricings: [
        { name: 'Api', pricingTier: 'Free' },
        { name: 'VirtualMachines', pricingTier: 'Standard', subPlan: 'P2' },
        cspm('Standard', ['SensitiveDataDiscovery', 'ContainerRegistriesVulnerabilityAssessments', 'AgentlessDiscoveryForKubernetes'], [
          { name: 'AgentlessVmScanning', isEnabled: 'True', additionalExtensionProperties: { ExclusionTags: EXCLUSION_TAGS } },
        ]),
      ],
      apiManagementServices: [
        {
          resourceGroup: 'rg-contoso-apis',
          name: 'contoso-apim',
          sku: 'Developer',
          apis: [
            { name: 'petstore', displayName: 'Petstore' },
            { name: 'orders-api', displayName: 'Orders API', path: 'orders' },
            { name: 'payments-v2', displayName: 'Payments v2', path: 'payments/v2' },
          ],
        },
      ],
    },
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev,
      displayName: 'Contoso Dev',
      registeredProviders: ['Microsoft.Security', 'Microsoft.ApiManagement'],
      pricings: [
        { name: 'Api', pricingTier: 'Standard', subPlan: 'P2', enablementTime: '2024-11-04T09:15:00Z', freeTrialRemainingTime: 'PT0S' },
        cspm('Standard', ['SensitiveDataDiscovery', 'ApiPosture']),
      ],
      apiManagementServices: [
        {
          resourceGroup: 'rg-dev',
          name: 'contoso-dev-apim',
          sku: 'Basic',
          apis: [
            {
              name: 'echo-api', displayName: 'Echo API', onboarded: true, sensitivityLabel: 'Confidential',
              numberOfApiEndpoints: 12, numberOfInactiveApiEndpoints: 3, numberOfUnauthenticatedApiEndpoints: 2, numberOfExternalApiEndpoints: 5, numberOfApiEndpointsWithSensitiveDataExposed: 1,
            },
            {
              name: 'orders-v1', displayName: 'Orders v1', path: 'orders/v1', onboarded: true, sensitivityLabel: 'General',
              numberOfApiEndpoints: 8, numberOfInactiveApiEndpoints: 0, numberOfUnauthenticatedApiEndpoints: 0, numberOfExternalApiEndpoints: 2, numberOfApiEndpointsWithSensitiveDataExposed: 0,
            },
            { name: 'internal-admin', displayName: 'Internal Admin API', path: 'admin' },
          ],
        },
      ],
      alerts: contosoDevAlerts(DEMO_SUBSCRIPTIONS.contosoDev),
    },
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.fabrikamSandbox,
      displayName: 'Fabrikam Sandbox',
      pricings: [{ name: 'Api', pricingTier: 'Free' }, { name: 'CloudPosture', pricingTier: 'Free' }],
    },
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.legacyBilling,
      displayName: 'Legacy Billing',
      registeredProviders: [],
    },
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.northwindAnalytics,
      displayName: 'Northwind Analytics',
      canWritePricings: false,
      pricings: [cspm('Standard', ['AgentlessVmScanning'])],
      apiManagementServices: [
        { resourceGroup: 'rg-northwind', name: 'northwind-apim', sku: 'Consumption', apis: [{ name: 'reports', displayName: 'Reports API' }] },
      ],
    },
    {
      subscriptionId: DEMO_SUBSCRIPTIONS.woodgrovePayments,
      displayName: 'Woodgrove Payments',
      failingExtensions: ['ApiPosture'],
      pricings: [{ name: 'Api', pricingTier: 'Free' }, cspm('Standard', ['SensitiveDataDiscovery'])],
      apiManagementServices: [
        { resourceGroup: 'rg-payments', name: 'woodgrove-apim', sku: 'Premium', capacity: 2, apis: [{ name: 'cards', displayName: 'Cards API' }] },
      ],
    },
  ],
  faults: { latencyMs: 0, throttleRate: 0, serverErrorRate: 0, seed: 1 },
};

export interface FleetSeedOptions {
  /** PRNG seed for the mix of states; default 42. */
  seed?: number;
  /** Display name prefix; default "Fleet". */
  namePrefix?: string;
  faults?: Partial<Faults>;
}

/**
 * `count` subscriptions with a reproducible mix: ~25% fully on, ~40% CSPM Standard without ApiPosture,
 * ~35% all Free; about a third publish APIs through APIM. Ids are f1ee7000-...-<index>.
 */
export function generateFleetSeed(count: number, options: FleetSeedOptions = {}): SimulatorSeed {
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) throw new RangeError(`InvalidFleetSize: count is ${count}; expected a whole number from 0 to 1000000`);
  const random = mulberry32(options.seed ?? 42);
  const prefix = options.namePrefix ?? 'Fleet';
  const subscriptions: SeedSubscription[] = [];
  for (let index = 1; index <= count; index += 1) {
    const roll = random();
    const pricings: SeedPricing[] =
      roll < 0.25
        ? [{ name: 'Api', pricingTier: 'Standard', subPlan: 'P1' }, cspm('Standard', ['SensitiveDataDiscovery', 'ApiPosture'])]
        : roll < 0.65
          ? [{ name: 'Api', pricingTier: 'Free' }, cspm('Standard', ['SensitiveDataDiscovery', 'AgentlessVmScanning'])]
          : [];
    const withApim = random() < 0.33;
    subscriptions.push({
      subscriptionId: `f1ee7000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      displayName: `${prefix} ${String(index).padStart(4, '0')}`,
      pricings,
      apiManagementServices: withApim
        ? [{ resourceGroup: `rg-fleet-${index}`, name: `fleet-apim-${index}`, sku: 'Developer', apis: [{ name: 'api-1', displayName: 'API 1' }] }]
        : [],
    });
  }
  return { subscriptions, ...(options.faults ? { faults: options.faults } : {}) };
}
