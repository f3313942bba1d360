/**
 * Microsoft.Security pricings at api-version 2024-01-01, as they travel on the wire, and their mapping onto the core's
 * DefenderSettings. Our own models because the SDK's pricings operations pin 2022-03-01 and drop `extensions`.
 */
import type { ApiPlanState, CspmPlanState, DefenderSettings, PlanExtension, PricingTier } from '../../core/defender';

export const PRICINGS_API_VERSION = '2024-01-01';
export const API_PRICING = 'Api';
export const CLOUD_POSTURE_PRICING = 'CloudPosture';
export type ManagedPricingName = typeof API_PRICING | typeof CLOUD_POSTURE_PRICING;
/** Both pricings in one list call. */
export const MANAGED_PRICINGS_FILTER = `name in (${API_PRICING},${CLOUD_POSTURE_PRICING})`;

/** ARM spells booleans of extensions as strings. */
export type ArmBooleanString = 'True' | 'False';

export interface ArmExtension {
  name: string;
  isEnabled: ArmBooleanString | string;
  additionalExtensionProperties?: Record<string, unknown>;
  /** Read-only: ARM rejects it on PUT, so it is never sent. */
  operationStatus?: { code: string; message?: string };
}

export interface ArmPricingProperties {
  pricingTier: PricingTier | string;
  subPlan?: string;
  freeTrialRemainingTime?: string;
  enablementTime?: string;
  extensions?: ArmExtension[];
  [other: string]: unknown;
}

export interface ArmPricing {
  id?: string;
  name: string;
  type?: string;
  properties: ArmPricingProperties;
}

export interface ArmPricingList {
  value: ArmPricing[];
}

/** The only body shape we PUT: read-only properties (operationStatus, enablementTime, ...) are never echoed. */
export interface ArmPricingUpdate {
  properties: {
    pricingTier: PricingTier;
    subPlan?: string;
    extensions?: Array<{ name: string; isEnabled: ArmBooleanString; additionalExtensionProperties?: Record<string, unknown> }>;
  };
}

function toTier(raw: string | undefined): PricingTier {
  // ARM answers with the documented casing; compare loosely so an odd casing does not read as "Free".
  return raw?.toLowerCase() === 'standard' ? 'Standard' : 'Free';
}

export function toBoolean(raw: string | boolean | undefined): boolean {
  return typeof raw === 'boolean' ? raw : raw?.toLowerCase() === 'true';
}

export function toArmBoolean(value: boolean): ArmBooleanString {
  return value ? 'True' : 'False';
}

function toExtension(wire: ArmExtension): PlanExtension {
  return {
    name: wire.name,
    isEnabled: toBoolean(wire.isEnabled),
    ...(wire.additionalExtensionProperties ? { additionalExtensionProperties: wire.additionalExtensionProperties } : {}),
    ...(wire.operationStatus ? { operationStatus: { ...wire.operationStatus } } : {}),
  };
}

export function toApiPlanState(pricing: ArmPricing | undefined): ApiPlanState {
  const properties = pricing?.properties;
  return {
    pricingTier: toTier(properties?.pricingTier),
    ...(properties?.subPlan ? { subPlan: properties.subPlan } : {}),
    ...(properties?.enablementTime ? { enablementTime: properties.enablementTime } : {}),
    ...(properties?.freeTrialRemainingTime ? { freeTrialRemainingTime: properties.freeTrialRemainingTime } : {}),
  };
}

export function toCspmPlanState(pricing: ArmPricing | undefined): CspmPlanState {
  return {
    pricingTier: toTier(pricing?.properties.pricingTier),
    extensions: (pricing?.properties.extensions ?? []).map(toExtension),
  };
}

function findPricing(list: ArmPricing[], name: ManagedPricingName): ArmPricing | undefined {
  return list.find((pricing) => pricing.name.toLowerCase() === name.toLowerCase());
}

/** A pricing missing from the list reads as Free: that is what ARM means by an absent plan. */
export function toDefenderSettings(subscriptionId: string, list: ArmPricingList): DefenderSettings {
  const pricings = list.value ?? [];
  return {
    subscriptionId,
    api: toApiPlanState(findPricing(pricings, API_PRICING)),
    cspm: toCspmPlanState(findPricing(pricings, CLOUD_POSTURE_PRICING)),
  };
}

export function apiPricingUpdate(subPlan: string): ArmPricingUpdate {
  return { properties: { pricingTier: 'Standard', subPlan } };
}

/** The FULL extension list goes back: ARM replaces the list, so anything omitted would be switched off. */
export function cloudPosturePricingUpdate(
  extensions: Array<{ name: string; isEnabled: boolean; additionalExtensionProperties?: Record<string, unknown> }>,
): ArmPricingUpdate {
  return {
    properties: {
      pricingTier: 'Standard',
      extensions: extensions.map(({ name, isEnabled, additionalExtensionProperties }) => ({
        name,
        isEnabled: toArmBoolean(isEnabled),
        ...(additionalExtensionProperties ? { additionalExtensionProperties } : {}),
      })),
    },
  };
}
