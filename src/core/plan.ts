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

/** Settings a pricing write changes; onboarding an API is another kind of change altogether. */
export type PricingSettingKey = 'defenderForApis' | 'cspmPlan' | 'apiPosture' | 'cspmExtension';
export type SettingKey = PricingSettingKey | 'apiOnboarding';

export const SETTING_LABELS: Record<SettingKey, string> = {
  defenderForApis: 'Defender for APIs',
  cspmPlan: 'Defender CSPM plan',
  apiPosture: 'API security posture management (CSPM)',
  cspmExtension: 'CSPM extension',
  apiOnboarding: 'Onboard API',
};

/** One setting's change, in words a person reads on the card ("Free" → "Standard (P1)"). */
export interface SettingChange<Key extends SettingKey = SettingKey> {
  setting: Key;
  /** Which thing of that kind, when a setting has several (an API for onboarding, an extension for a revert). */
  subject?: string;
  before: string;
  after: string;
}

export type PricingChange = SettingChange<PricingSettingKey>;
/** Onboarding one API: the subject is "service/apiId". */
export type OnboardingChange = SettingChange<'apiOnboarding'> & { subject: string };

/** What every target carries, whatever the plan does. */
interface TargetBase {
  subscriptionId: string;
  subscriptionName: string;
  /** The full state read when planning: the base for stale detection and for a later revert. */
  before: DefenderSettings;
  /**
   * Other visible subscriptions whose names could be taken for this one's (see lookAlike.ts), found when planning;
   * shown as a warning on the preview and the request card. What is shown, not what is authorised: not hashed.
   */
  lookAlikes?: Subscription[];
}

/** `enable`: Defender for APIs on at `apiSubPlan`, CSPM Standard with ApiPosture on, every other extension kept. */
export interface EnableTarget extends TargetBase {
  kind: 'enable';
  apiSubPlan: ApiSubPlan;
  changes: PricingChange[];
}

/** `revert`: exactly the settings on the card, set to what an earlier request found (see desiredState.ts). */
export interface RestoreTarget extends TargetBase {
  kind: 'restore';
  desired: DesiredSettings;
  changes: PricingChange[];
}

/** `onboard`: the API Management APIs to onboard to Defender for APIs as API collections. */
export interface OnboardTarget extends TargetBase {
  kind: 'onboard';
  apis: OnboardingApi[];
  changes: OnboardingChange[];
}

export type TargetPlan = EnableTarget | RestoreTarget | OnboardTarget;
/** The targets that are written as pricings. */
export type PricingTarget = EnableTarget | RestoreTarget;

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

/** What a request does, said once: every target of a plan is of its kind. */
export type ChangePlan =
  | { kind: 'enable'; targets: EnableTarget[] }
  | { kind: 'restore'; targets: RestoreTarget[] }
  | { kind: 'onboard'; targets: OnboardTarget[] };
export type PlanKind = ChangePlan['kind'];

/** The same plan with only the targets `keep` accepts. */
export function keepTargets(plan: ChangePlan, keep: (target: TargetPlan) => boolean): ChangePlan {
  switch (plan.kind) {
    case 'enable':
      return { kind: 'enable', targets: plan.targets.filter(keep) };
    case 'restore':
      return { kind: 'restore', targets: plan.targets.filter(keep) };
    case 'onboard':
      return { kind: 'onboard', targets: plan.targets.filter(keep) };
  }
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
export function planTarget(subscription: Subscription, settings: DefenderSettings, options: PlanOptions = {}): EnableTarget {
  const currentSubPlan = settings.api.pricingTier === 'Standard' ? (settings.api.subPlan as ApiSubPlan | undefined) : undefined;
  const apiSubPlan = options.apiSubPlan ?? currentSubPlan ?? DEFAULT_API_SUB_PLAN;
  const changes: PricingChange[] = [];

  const apiBefore = describeApiPlan(settings);
  const apiAfter = `Standard (${apiSubPlan})`;
  if (apiBefore !== apiAfter) changes.push({ setting: 'defenderForApis', before: apiBefore, after: apiAfter });

  if (settings.cspm.pricingTier !== 'Standard') {
    changes.push({ setting: 'cspmPlan', before: settings.cspm.pricingTier, after: 'Standard' });
  }
  const postureBefore = describeApiPosture(settings);
  if (postureBefore !== 'On') changes.push({ setting: 'apiPosture', before: postureBefore, after: 'On' });

  return { kind: 'enable', subscriptionId: subscription.subscriptionId, subscriptionName: subscription.displayName, apiSubPlan, changes, before: settings };
}

/** Onboarding `apis` (at most MAX_APIS_PER_ONBOARDING of them) on one subscription. */
export function planOnboardTarget(subscription: Subscription, settings: DefenderSettings, apis: OnboardingApi[]): OnboardTarget {
  const shown = apis.slice(0, MAX_APIS_PER_ONBOARDING);
  return {
    kind: 'onboard',
    subscriptionId: subscription.subscriptionId,
    subscriptionName: subscription.displayName,
    changes: shown.map((api) => ({ setting: 'apiOnboarding', subject: `${api.serviceName}/${api.apiId}`, before: 'Not onboarded', after: 'Onboarded' })),
    before: settings,
    apis: shown,
  };
}

/**
 * Why a target's plan no longer holds against the state just read, one line per setting that moved;
 * empty when the plan still applies. Other CSPM extensions may move freely: they are merged, not planned.
 */
export function staleReasons(target: Pick<TargetPlan, 'before'>, current: DefenderSettings): string[] {
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

/** SHA-256 over a canonical form of what the plan authorises. An approval carries it; a mismatch refuses. */
export function planHash(plan: ChangePlan): string {
  const canonical = plan.targets
    .map((target) => ({
      kind: target.kind,
      subscriptionId: target.subscriptionId.toLowerCase(),
      changes: target.changes.map(({ setting, subject, before, after }) => (subject ? [setting, subject, before, after] : [setting, before, after])),
      ...authorisedDetail(target),
    }))
    .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  return createHash('sha256').update(JSON.stringify({ kind: plan.kind, targets: canonical })).digest('hex');
}

/** What a target writes beyond its change lines: the subplan, the state restored, or the APIs onboarded. */
function authorisedDetail(target: TargetPlan): Record<string, unknown> {
  switch (target.kind) {
    case 'enable':
      return { apiSubPlan: target.apiSubPlan };
    case 'restore':
      return { desired: target.desired };
    case 'onboard':
      return { apis: target.apis.map((api) => [api.resourceGroup.toLowerCase(), api.serviceName.toLowerCase(), api.apiId]) };
  }
}

export function isEmptyPlan(plan: ChangePlan): boolean {
  return plan.targets.length === 0 || plan.targets.every((target) => target.changes.length === 0);
}
