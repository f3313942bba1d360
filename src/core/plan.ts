/**
 * What an approval authorises: for each target subscription, the exact settings that change, before → after.
 * Pure functions only; the hash is what an approver's click is bound to.
 */
import { createHash } from 'node:crypto';
import {
  API_POSTURE_EXTENSION,
  ApiSubPlan,
  DEFAULT_API_SUB_PLAN,
  DefenderSettings,
  Subscription,
  isApiPostureOn,
} from './defender';

export type SettingKey = 'defenderForApis' | 'cspmPlan' | 'apiPosture' | 'cspmExtension' | 'apiOnboarding';

export const SETTING_LABELS: Record<SettingKey, string> = {
  defenderForApis: 'Defender for APIs',
  cspmPlan: 'Defender CSPM plan',
  apiPosture: 'API security posture management (CSPM)',
  cspmExtension: 'CSPM extension',
  apiOnboarding: 'Onboard API',
};

/** One setting's change, in words a person reads on the card ("Free" → "Standard (P1)"). */
export interface SettingChange {
  setting: SettingKey;
  /** Which thing of that kind, when a setting has several (an API for onboarding, an extension for a revert). */
  subject?: string;
  before: string;
  after: string;
}

export interface TargetPlan {
  subscriptionId: string;
  subscriptionName: string;
  apiSubPlan: ApiSubPlan;
  changes: SettingChange[];
  /** The full state read when planning: the base for stale detection and for a later revert. */
  before: DefenderSettings;
  /**
   * Set by a revert: the exact state to write (Api tier/subplan, CloudPosture tier, every extension as it was).
   * Unset: the original meaning, "turn both settings on". See desiredState.ts.
   */
  desired?: DesiredSettings;
  /** Set by `onboard`: the API Management APIs to onboard as Defender for APIs API collections. */
  onboarding?: { apis: OnboardingApi[] };
  /**
   * Other visible subscriptions whose names could be taken for this one's (see lookAlike.ts), found when planning;
   * shown as a warning on the preview and the request card. What is shown, not what is authorised: not hashed.
   */
  lookAlikes?: Subscription[];
}

/** A state to restore exactly. Extensions not listed are left as they are at write time (never dropped). */
export interface DesiredSettings {
  api: { pricingTier: DefenderSettings['api']['pricingTier']; subPlan?: string };
  cspm: {
    pricingTier: DefenderSettings['cspm']['pricingTier'];
    extensions: Array<{ name: string; isEnabled: boolean; additionalExtensionProperties?: Record<string, unknown> }>;
  };
}

export interface OnboardingApi {
  resourceGroup: string;
  serviceName: string;
  /** The APIM API name; a non-current revision carries `;rev=n`. */
  apiId: string;
  displayName: string;
}

/** APIs one onboarding request lists at most: its card must show every one of them (and fit in Teams). */
export const MAX_APIS_PER_ONBOARDING = 50;

export interface ChangePlan {
  targets: TargetPlan[];
}

export interface PlanOptions {
  /** Subplan for Defender for APIs. Unset: P1 when the plan is off, the current subplan when it is on. */
  apiSubPlan?: ApiSubPlan;
}

export function describeApiPlan(settings: DefenderSettings): string {
  const { pricingTier, subPlan } = settings.api;
  return pricingTier === 'Standard' ? `Standard (${subPlan ?? 'no subplan'})` : 'Free';
}

export function describeApiPosture(settings: DefenderSettings): string {
  return isApiPostureOn(settings.cspm) ? 'On' : 'Off';
}

/** The changes that turn both settings on for one subscription; empty when nothing needs to change. */
export function planTarget(subscription: Subscription, settings: DefenderSettings, options: PlanOptions = {}): TargetPlan {
  const currentSubPlan = settings.api.pricingTier === 'Standard' ? (settings.api.subPlan as ApiSubPlan | undefined) : undefined;
  const apiSubPlan = options.apiSubPlan ?? currentSubPlan ?? DEFAULT_API_SUB_PLAN;
  const changes: SettingChange[] = [];

  const apiBefore = describeApiPlan(settings);
  const apiAfter = `Standard (${apiSubPlan})`;
  if (apiBefore !== apiAfter) changes.push({ setting: 'defenderForApis', before: apiBefore, after: apiAfter });

  if (settings.cspm.pricingTier !== 'Standard') {
    changes.push({ setting: 'cspmPlan', before: settings.cspm.pricingTier, after: 'Standard' });
  }
  const postureBefore = describeApiPosture(settings);
  if (postureBefore !== 'On') changes.push({ setting: 'apiPosture', before: postureBefore, after: 'On' });

  return { subscriptionId: subscription.subscriptionId, subscriptionName: subscription.displayName, apiSubPlan, changes, before: settings };
}

/**
 * Why a target's plan no longer holds against the state just read, one line per setting that moved;
 * empty when the plan still applies. Other CSPM extensions may move freely: they are merged, not planned.
 */
export function staleReasons(target: TargetPlan, current: DefenderSettings): string[] {
  const reasons: string[] = [];
  const compare = (label: string, planned: string, now: string) => {
    if (planned !== now) reasons.push(`${label} was ${planned} when planned and is ${now} now`);
  };
  compare(SETTING_LABELS.defenderForApis, describeApiPlan(target.before), describeApiPlan(current));
  compare(SETTING_LABELS.cspmPlan, target.before.cspm.pricingTier, current.cspm.pricingTier);
  compare(SETTING_LABELS.apiPosture, describeApiPosture(target.before), describeApiPosture(current));
  return reasons;
}

/** The CloudPosture extension list to PUT: every extension as it is now, with ApiPosture switched on. */
export function mergeExtensionsWithApiPosture(current: DefenderSettings['cspm']['extensions']) {
  const merged = current.map(({ name, isEnabled, additionalExtensionProperties }) => ({
    name,
    isEnabled: name === API_POSTURE_EXTENSION ? true : isEnabled,
    ...(additionalExtensionProperties ? { additionalExtensionProperties } : {}),
  }));
  if (!merged.some((extension) => extension.name === API_POSTURE_EXTENSION)) {
    merged.push({ name: API_POSTURE_EXTENSION, isEnabled: true });
  }
  return merged;
}

/** SHA-256 over a canonical form of what the plan changes. An approval carries it; a mismatch refuses. */
export function planHash(plan: ChangePlan): string {
  const canonical = plan.targets
    .map((target) => ({
      subscriptionId: target.subscriptionId.toLowerCase(),
      apiSubPlan: target.apiSubPlan,
      changes: target.changes.map(({ setting, subject, before, after }) => (subject ? [setting, subject, before, after] : [setting, before, after])),
      // Only present on reverts and onboardings, so the hash of an enable plan is what it always was.
      ...(target.desired ? { desired: target.desired } : {}),
      ...(target.onboarding ? { onboarding: target.onboarding.apis.map((api) => [api.resourceGroup.toLowerCase(), api.serviceName.toLowerCase(), api.apiId]) } : {}),
    }))
    .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** What a plan does: turn both settings on, restore an earlier state (`revert`), or onboard APIs. */
export type PlanKind = 'enable' | 'restore' | 'onboard';

export function planKind(plan: Pick<ChangePlan, 'targets'>): PlanKind {
  if (plan.targets.some((target) => target.onboarding)) return 'onboard';
  if (plan.targets.some((target) => target.desired)) return 'restore';
  return 'enable';
}

export function isEmptyPlan(plan: ChangePlan): boolean {
  return plan.targets.every((target) => target.changes.length === 0);
}
