/**
 * The simulator's in-memory world, built from a validated seed. Tests may mutate it directly
 * (e.g. flip a pricing to make a plan stale); handlers read and write it through the same methods.
 */
import { PLAN_CATALOG, findPlan } from './pricingCatalog';
import { AlertStore } from './alertStore';
import { ExtensionFlag, SeedApi, SeedApiPosture, SeedExtension, SeedPricing, SimulatorSeed, SubscriptionStateName } from './types';

export interface ExtensionRecord {
  name: string;
  isEnabled: ExtensionFlag;
  additionalExtensionProperties?: Record<string, unknown>;
}

export interface PricingRecord {
  name: string;
  pricingTier: 'Free' | 'Standard';
  subPlan?: string;
  enablementTime?: string;
  freeTrialRemainingTime?: string;
  extensions: ExtensionRecord[];
}

/** An APIM API; the posture counts, when seeded, are what its API collection reports once onboarded. */
export type ApiRecord = Required<Omit<SeedApi, keyof SeedApiPosture>> & SeedApiPosture;

export interface ApiManagementServiceRecord {
  resourceGroup: string;
  name: string;
  sku: string;
  capacity: number;
  location: string;
  apis: ApiRecord[];
}

/** A Defender for APIs API collection (an onboarded APIM API). */
export interface ApiCollectionRecord {
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  provisioningState: 'InProgress' | 'Succeeded';
  /** Location polls still answered 202 before onboarding completes. */
  pollsRemaining: number;
}

export interface SubscriptionRecord {
  subscriptionId: string;
  displayName: string;
  state: SubscriptionStateName;
  tenantId: string;
  registeredProviders: string[];
  canWritePricings: boolean;
  failingExtensions: string[];
  /** Keyed by lower-case plan name; every catalogue plan is present. */
  pricings: Map<string, PricingRecord>;
  apiManagementServices: ApiManagementServiceRecord[];
  apiCollections: ApiCollectionRecord[];
}

export const DEFAULT_TENANT_ID = '72f988bf-0000-4000-8000-00000000a11e';
/** Seeded Standard plans without an enablementTime get this one, so runs are reproducible. */
export const DEFAULT_ENABLEMENT_TIME = '2024-03-01T12:42:42.1921106Z';

export class SimulatorState {
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  /** Security alerts per subscription (their own store: they change through their own routes). */
  readonly alerts: AlertStore;

  constructor(seed: SimulatorSeed, readonly clock: () => Date = () => new Date()) {
    this.alerts = new AlertStore(seed, clock);
    for (const subscription of seed.subscriptions) {
      const pricings = new Map<string, PricingRecord>();
      for (const plan of PLAN_CATALOG) pricings.set(plan.name.toLowerCase(), freePricing(plan.name));
      for (const pricing of subscription.pricings ?? []) pricings.set(pricing.name.toLowerCase(), pricingFromSeed(pricing));
      this.subscriptions.set(subscription.subscriptionId.toLowerCase(), {
        subscriptionId: subscription.subscriptionId,
        displayName: subscription.displayName,
        state: subscription.state ?? 'Enabled',
        tenantId: subscription.tenantId ?? DEFAULT_TENANT_ID,
        registeredProviders: [...(subscription.registeredProviders ?? ['Microsoft.Security'])],
        canWritePricings: subscription.canWritePricings ?? true,
        failingExtensions: [...(subscription.failingExtensions ?? [])],
        pricings,
        apiManagementServices: (subscription.apiManagementServices ?? []).map((service) => ({
          resourceGroup: service.resourceGroup,
          name: service.name,
          sku: service.sku,
          capacity: service.capacity ?? (service.sku === 'Consumption' ? 0 : 1),
          location: service.location ?? 'westeurope',
          apis: (service.apis ?? []).map((api) => ({
            ...api,
            name: api.name,
            displayName: api.displayName,
            path: api.path ?? api.name,
            isCurrent: api.isCurrent ?? true,
            apiRevision: api.apiRevision ?? '1',
            onboarded: api.onboarded ?? false,
          })),
        })),
        apiCollections: (subscription.apiManagementServices ?? []).flatMap((service) =>
          (service.apis ?? [])
            .filter((api) => api.onboarded)
            .map((api) => ({ resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, provisioningState: 'Succeeded' as const, pollsRemaining: 0 })),
        ),
      });
    }
  }

  listSubscriptions(): SubscriptionRecord[] {
    return [...this.subscriptions.values()];
  }

  findSubscription(subscriptionId: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(subscriptionId.toLowerCase());
  }

  /** For tests: the record, or a thrown error naming the unknown id. */
  subscription(subscriptionId: string): SubscriptionRecord {
    const found = this.findSubscription(subscriptionId);
    if (!found) throw new Error(`SubscriptionNotFound: the simulator has no subscription ${subscriptionId}`);
    return found;
  }

  getPricing(subscriptionId: string, planName: string): PricingRecord {
    const pricing = this.subscription(subscriptionId).pricings.get(planName.toLowerCase());
    if (!pricing) throw new Error(`PricingNotFound: "${planName}" is not a plan the simulator knows`);
    return pricing;
  }

  /** Replaces a plan's state wholesale, e.g. to simulate someone else changing it between plan and apply. */
  setPricing(subscriptionId: string, pricing: SeedPricing): void {
    const plan = findPlan(pricing.name);
    if (!plan) throw new Error(`PricingNotFound: "${pricing.name}" is not a plan the simulator knows`);
    this.subscription(subscriptionId).pricings.set(plan.name.toLowerCase(), pricingFromSeed({ ...pricing, name: plan.name }));
  }

  now(): Date {
    return this.clock();
  }
}

function freePricing(name: string): PricingRecord {
  const catalogue = findPlan(name)?.extensionCatalogue ?? [];
  return { name, pricingTier: 'Free', extensions: catalogue.map((extension) => ({ name: extension, isEnabled: 'False' })) };
}

function pricingFromSeed(seed: SeedPricing): PricingRecord {
  const plan = findPlan(seed.name);
  const standard = seed.pricingTier === 'Standard';
  const extensions: SeedExtension[] = seed.extensions ?? (plan?.extensionCatalogue ?? []).map((name) => ({ name, isEnabled: 'False' as const }));
  return {
    name: plan?.name ?? seed.name,
    pricingTier: seed.pricingTier,
    subPlan: standard ? (seed.subPlan ?? plan?.defaultSubPlan) : undefined,
    enablementTime: standard ? (seed.enablementTime ?? DEFAULT_ENABLEMENT_TIME) : undefined,
    freeTrialRemainingTime: seed.freeTrialRemainingTime,
    extensions: extensions.map((extension) => ({
      name: extension.name,
      isEnabled: standard ? extension.isEnabled : 'False',
      ...(extension.additionalExtensionProperties ? { additionalExtensionProperties: { ...extension.additionalExtensionProperties } } : {}),
    })),
  };
}
