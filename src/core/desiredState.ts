/**
 * Plans that set specific values (a revert) rather than "turn both on". The desired state is the before-state an
 * earlier request recorded; the plan lists exactly what differs from now, and the write merges the desired
 * extensions into the CURRENT list, so an extension that exists now is never dropped.
 */
import { API_POSTURE_EXTENSION, DEFAULT_API_SUB_PLAN, type ApiSubPlan, type DefenderSettings, type Subscription } from './defender';
import { describeApiPlan, SETTING_LABELS, staleReasons, type DesiredSettings, type SettingChange, type TargetPlan } from './plan';

type Extension = DesiredSettings['cspm']['extensions'][number];

export function desiredFromBefore(before: DefenderSettings): DesiredSettings {
  return {
    api: { pricingTier: before.api.pricingTier, ...(before.api.pricingTier === 'Standard' && before.api.subPlan ? { subPlan: before.api.subPlan } : {}) },
    cspm: {
      pricingTier: before.cspm.pricingTier,
      extensions: before.cspm.extensions.map(({ name, isEnabled, additionalExtensionProperties }) => ({
        name,
        isEnabled,
        ...(additionalExtensionProperties ? { additionalExtensionProperties } : {}),
      })),
    },
  };
}

export function describeDesiredApi(desired: DesiredSettings): string {
  return describeApiPlan({ subscriptionId: '', api: desired.api, cspm: { pricingTier: 'Free', extensions: [] } });
}

const onOff = (isOn: boolean) => (isOn ? 'On' : 'Off');

function extensionState(extension: Extension | undefined): string {
  if (!extension) return 'Off';
  const properties = extension.additionalExtensionProperties;
  return `${onOff(extension.isEnabled)}${properties && Object.keys(properties).length ? ` (${JSON.stringify(properties)})` : ''}`;
}

function postureOf(tier: string, extensions: Extension[]): string {
  return onOff(tier === 'Standard' && extensions.some((extension) => extension.name === API_POSTURE_EXTENSION && extension.isEnabled));
}

/** Every setting where `current` differs from `desired`, as the card shows it. Extensions only matter under Standard. */
export function desiredChanges(current: DefenderSettings, desired: DesiredSettings): SettingChange[] {
  const changes: SettingChange[] = [];
  const apiNow = describeApiPlan(current);
  const apiWanted = describeDesiredApi(desired);
  if (apiNow !== apiWanted) changes.push({ setting: 'defenderForApis', before: apiNow, after: apiWanted });
  if (current.cspm.pricingTier !== desired.cspm.pricingTier) changes.push({ setting: 'cspmPlan', before: current.cspm.pricingTier, after: desired.cspm.pricingTier });
  const postureNow = postureOf(current.cspm.pricingTier, current.cspm.extensions);
  const postureWanted = postureOf(desired.cspm.pricingTier, desired.cspm.extensions);
  if (postureNow !== postureWanted) changes.push({ setting: 'apiPosture', before: postureNow, after: postureWanted });
  if (desired.cspm.pricingTier !== 'Standard') return changes;
  for (const wanted of desired.cspm.extensions) {
    if (wanted.name === API_POSTURE_EXTENSION) continue;
    const now = current.cspm.extensions.find((extension) => extension.name === wanted.name);
    const before = current.cspm.pricingTier === 'Standard' ? extensionState(now) : 'Off';
    if (before !== extensionState(wanted)) changes.push({ setting: 'cspmExtension', subject: wanted.name, before, after: extensionState(wanted) });
  }
  return changes;
}

export function planRestoreTarget(subscription: Subscription, current: DefenderSettings, desired: DesiredSettings): TargetPlan {
  return {
    subscriptionId: subscription.subscriptionId,
    subscriptionName: subscription.displayName,
    // Kept for the hash and older readers; the write takes the subplan from `desired`.
    apiSubPlan: (desired.api.subPlan as ApiSubPlan | undefined) ?? DEFAULT_API_SUB_PLAN,
    changes: desiredChanges(current, desired),
    before: current,
    desired,
  };
}

/** The CloudPosture extension list to PUT for a restore: the current list with each desired extension set exactly. */
export function mergeExtensionsToward(current: DefenderSettings['cspm']['extensions'], desired: DesiredSettings): Extension[] {
  const merged: Extension[] = current.map(({ name, isEnabled, additionalExtensionProperties }) => {
    const wanted = desired.cspm.extensions.find((extension) => extension.name === name);
    const source = wanted ?? { isEnabled, additionalExtensionProperties };
    return { name, isEnabled: source.isEnabled, ...(source.additionalExtensionProperties ? { additionalExtensionProperties: source.additionalExtensionProperties } : {}) };
  });
  for (const wanted of desired.cspm.extensions) if (!merged.some((extension) => extension.name === wanted.name)) merged.push(wanted);
  return merged;
}

/** Whether one planned change of a restore holds in `readBack`. */
export function restoredSettingHolds(change: SettingChange, desired: DesiredSettings, readBack: DefenderSettings): boolean {
  const remaining = desiredChanges(readBack, desired);
  return !remaining.some((left) => left.setting === change.setting && left.subject === change.subject);
}

/** Stale check for a restore: besides the three settings, each planned extension must still be as it was planned from. */
export function extensionStaleReasons(target: TargetPlan, current: DefenderSettings): string[] {
  const reasons: string[] = [];
  for (const change of target.changes.filter((candidate) => candidate.setting === 'cspmExtension')) {
    const find = (settings: DefenderSettings) => settings.cspm.extensions.find((extension) => extension.name === change.subject);
    const planned = extensionState(find(target.before));
    const now = extensionState(find(current));
    if (planned !== now) reasons.push(`${SETTING_LABELS.cspmExtension} ${change.subject} was ${planned} when planned and is ${now} now`);
  }
  return reasons;
}

/** Everything that moved since a target was planned: the three settings, plus each extension a restore sets. */
export function targetStaleReasons(target: TargetPlan, current: DefenderSettings): string[] {
  // Onboarding an API is idempotent (an onboarded API answers 200), so pricing moves do not make it stale.
  if (target.onboarding) return [];
  return [...staleReasons(target, current), ...(target.desired ? extensionStaleReasons(target, current) : [])];
}

/** Whether every planned change already holds: a restore reached its desired state, an enable has both on. */
export function isDesiredReached(target: TargetPlan, current: DefenderSettings): boolean {
  return target.desired ? desiredChanges(current, target.desired).length === 0 : false;
}
