/**
 * The Defender for Cloud settings this bot reads and changes, as plain data.
 * Nothing here knows about ARM, HTTP or Teams: src/azure maps ARM's shapes onto these.
 */

export type PricingTier = 'Free' | 'Standard';

export const API_SUB_PLANS = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type ApiSubPlan = (typeof API_SUB_PLANS)[number];
export const DEFAULT_API_SUB_PLAN: ApiSubPlan = 'P1';

/** The CSPM extension this product exists to turn on. */
export const API_POSTURE_EXTENSION = 'ApiPosture';

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  /** ARM's subscription state, e.g. "Enabled", "Disabled", "Warned". */
  state?: string;
}

export interface OperationStatus {
  code: string;
  message?: string;
}

/** One CSPM extension as ARM reports it. */
export interface PlanExtension {
  name: string;
  isEnabled: boolean;
  /** Opaque extension settings; kept untouched on every write. */
  additionalExtensionProperties?: Record<string, unknown>;
  /** Read-only; never sent back to ARM. */
  operationStatus?: OperationStatus;
}

/** Pricing `Api`: the Defender for APIs plan. */
export interface ApiPlanState {
  pricingTier: PricingTier;
  subPlan?: string;
  enablementTime?: string;
  freeTrialRemainingTime?: string;
}

/** Pricing `CloudPosture`: the Defender CSPM plan and its extensions. */
export interface CspmPlanState {
  pricingTier: PricingTier;
  extensions: PlanExtension[];
}

/** The two pricings, read together in one ARM call. Also the input of a write (read-modify-write). */
export interface DefenderSettings {
  subscriptionId: string;
  api: ApiPlanState;
  cspm: CspmPlanState;
}

/** Tiers that Defender for APIs supports, per Microsoft's documentation. */
export const SUPPORTED_APIM_SKUS = ['Developer', 'Basic', 'Standard', 'Premium'] as const;

export interface ApiManagementApi {
  /** APIM API name; a non-current revision carries `;rev=n`. */
  name: string;
  displayName: string;
  /** Whether it is onboarded to Defender for APIs as an API collection (when known). */
  onboarded?: boolean;
}

export interface ApiManagementService {
  name: string;
  resourceGroup: string;
  sku: string;
  /** False for tiers Defender for APIs does not list as supported (Consumption, the v2 tiers, ...). */
  skuSupported: boolean;
  apis: ApiManagementApi[];
}

/** Everything `status <sub>` shows. */
export interface SubscriptionStatus {
  subscription: Subscription;
  settings: DefenderSettings;
  apiManagementServices: ApiManagementService[];
  securityProviderRegistered: boolean;
  /** From Microsoft.Authorization permissions: may the bot's identity write `Microsoft.Security/pricings`? */
  canWritePricings: boolean;
}

/** One row of the fleet view (`list`). `error` is set when that subscription could not be read. */
export interface FleetRow {
  subscription: Subscription;
  settings?: DefenderSettings;
  error?: { code: string; message: string };
}

export type SubscriptionResolution =
  | { kind: 'found'; subscription: Subscription }
  | { kind: 'ambiguous'; query: string; candidates: Subscription[] }
  | { kind: 'not-found'; query: string; visible: Subscription[] };

export function isApiPostureOn(cspm: CspmPlanState): boolean {
  return (
    cspm.pricingTier === 'Standard' &&
    cspm.extensions.some((extension) => extension.name === API_POSTURE_EXTENSION && extension.isEnabled)
  );
}

export function isDefenderForApisOn(api: ApiPlanState): boolean {
  return api.pricingTier === 'Standard';
}
