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

export type SettingKey = 'defenderForApis' | 'cspmPlan' | 'apiPosture';

export const SETTING_LABELS: Record<SettingKey, string> = {
  defenderForApis: 'Defender for APIs',
  cspmPlan: 'Defender CSPM plan',
  apiPosture: 'API security posture management (CSPM)',
};

/** One setting's change, in words a person reads on the card ("Free" → "Standard (P1)"). */
export interface SettingChange {
  setting: SettingKey;
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
}

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
      changes: target.changes.map(({ setting, before, after }) => [setting, before, after]),
    }))
    .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export function isEmptyPlan(plan: ChangePlan): boolean {
  return plan.targets.every((target) => target.changes.length === 0);
}
