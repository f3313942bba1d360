/**
 * Plans that set specific values (a restore, made by `revert`) rather than "turn both on". The desired state is
 * the before-state an earlier request recorded; the plan lists exactly what differs from now, and that list is
 * the whole authorisation: the write changes only the settings on the card and leaves every other extension as
 * it is at write time (read just before the write), never as it was when the earlier request ran.
 */
import { API_POSTURE_EXTENSION, type DefenderSettings, type PlanExtension, type Subscription } from './defender';
import { describeApiPlan, SETTING_LABELS, staleReasons, type DesiredSettings, type PricingChange, type RestoreTarget, type SettingChange, type TargetPlan } from './plan';

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

/** How an extension reads on a card: "On", "Off", or "On ({settings})" when it carries settings. */
function extensionState(extension: Extension | undefined): string {
  if (!extension) return 'Off';
  const properties = extension.additionalExtensionProperties;
  return `${onOff(extension.isEnabled)}${properties && Object.keys(properties).length ? ` (${JSON.stringify(properties)})` : ''}`;
}

function postureOf(tier: string, extensions: Extension[]): string {
  return onOff(tier === 'Standard' && extensions.some((extension) => extension.name === API_POSTURE_EXTENSION && extension.isEnabled));
}

/** Free switches every extension off in ARM: a restore to Free must show each one it switches off. */
function switchesCspmOff(current: DefenderSettings, desired: DesiredSettings): boolean {
  return current.cspm.pricingTier === 'Standard' && desired.cspm.pricingTier === 'Free';
}

/** Every setting where `current` differs from `desired`, as the card shows it. Extensions only matter under Standard. */
export function desiredChanges(current: DefenderSettings, desired: DesiredSettings): PricingChange[] {
  const changes: PricingChange[] = [];
  const apiNow = describeApiPlan(current);
  const apiWanted = describeDesiredApi(desired);
  if (apiNow !== apiWanted) changes.push({ setting: 'defenderForApis', before: apiNow, after: apiWanted });
  if (current.cspm.pricingTier !== desired.cspm.pricingTier) changes.push({ setting: 'cspmPlan', before: current.cspm.pricingTier, after: desired.cspm.pricingTier });
  const postureNow = postureOf(current.cspm.pricingTier, current.cspm.extensions);
  const postureWanted = postureOf(desired.cspm.pricingTier, desired.cspm.extensions);
  if (postureNow !== postureWanted) changes.push({ setting: 'apiPosture', before: postureNow, after: postureWanted });
  if (switchesCspmOff(current, desired)) {
    for (const extension of current.cspm.extensions) {
      if (extension.name === API_POSTURE_EXTENSION || !extension.isEnabled) continue;
      changes.push({ setting: 'cspmExtension', subject: extension.name, before: extensionState(extension), after: 'Off' });
    }
    return changes;
  }
  if (desired.cspm.pricingTier !== 'Standard') return changes;
  for (const wanted of desired.cspm.extensions) {
    if (wanted.name === API_POSTURE_EXTENSION) continue;
    const now = current.cspm.extensions.find((extension) => extension.name === wanted.name);
    const before = current.cspm.pricingTier === 'Standard' ? extensionState(now) : 'Off';
    if (before !== extensionState(wanted)) changes.push({ setting: 'cspmExtension', subject: wanted.name, before, after: extensionState(wanted) });
  }
  return changes;
}

export function planRestoreTarget(subscription: Subscription, current: DefenderSettings, desired: DesiredSettings): RestoreTarget {
  return {
    kind: 'restore',
    subscriptionId: subscription.subscriptionId,
    subscriptionName: subscription.displayName,
    changes: desiredChanges(current, desired),
    before: current,
    desired,
  };
}

/** The extensions a restore's card lists by name: each CSPM extension change, and ApiPosture when posture changes. */
function extensionsOnCard(target: RestoreTarget): Set<string> {
  const names = new Set<string>();
  for (const change of target.changes) {
    if (change.setting === 'cspmExtension' && change.subject) names.add(change.subject);
    if (change.setting === 'apiPosture') names.add(API_POSTURE_EXTENSION);
  }
  return names;
}

/**
 * The CloudPosture extension list to PUT for a restore: the list as it is now, with only the extensions the card
 * lists set to their desired value. An extension that is not on the card is sent exactly as read just before.
 */
export function restoreExtensionsToWrite(current: PlanExtension[], target: RestoreTarget): Extension[] {
  const desired = target.desired.cspm.extensions;
  const onCard = extensionsOnCard(target);
  const wantedFor = (name: string): Extension => desired.find((extension) => extension.name === name) ?? { name, isEnabled: false };
  const merged: Extension[] = current.map(({ name, isEnabled, additionalExtensionProperties }) => {
    const source = onCard.has(name) ? wantedFor(name) : { isEnabled, additionalExtensionProperties };
    return { name, isEnabled: source.isEnabled, ...(source.additionalExtensionProperties ? { additionalExtensionProperties: source.additionalExtensionProperties } : {}) };
  });
  for (const name of onCard) if (!merged.some((extension) => extension.name === name)) merged.push(wantedFor(name));
  return merged;
}

/** Whether one planned change of a restore holds in `readBack`. */
export function restoredSettingHolds(change: SettingChange, desired: DesiredSettings, readBack: DefenderSettings): boolean {
  const remaining = desiredChanges(readBack, desired);
  return !remaining.some((left) => left.setting === change.setting && left.subject === change.subject);
}

function extensionMoved(target: RestoreTarget, current: DefenderSettings, name: string): string | undefined {
  const find = (settings: DefenderSettings) => settings.cspm.extensions.find((extension) => extension.name === name);
  const planned = extensionState(find(target.before));
  const now = extensionState(find(current));
  return planned === now ? undefined : `${SETTING_LABELS.cspmExtension} ${name} was ${planned} when planned and is ${now} now`;
}

/**
 * Stale check for a restore, beyond the three settings: each extension on the card must still be as planned. A
 * restore to CSPM Free switches every extension off, so there any extension that moved makes it stale.
 */
export function restoreStaleReasons(target: RestoreTarget, current: DefenderSettings): string[] {
  const names = switchesCspmOff(target.before, target.desired)
    ? new Set([...target.before.cspm.extensions, ...current.cspm.extensions].map((extension) => extension.name))
    : extensionsOnCard(target);
  names.delete(API_POSTURE_EXTENSION); // covered by the posture line of staleReasons
  return [...names].map((name) => extensionMoved(target, current, name)).filter((reason): reason is string => reason !== undefined);
}

/** Everything that moved since a target was planned: the three settings, plus each extension a restore touches. */
export function targetStaleReasons(target: TargetPlan, current: DefenderSettings): string[] {
  switch (target.kind) {
    case 'onboard':
      // Onboarding an API is idempotent (an onboarded API answers 200), so pricing moves do not make it stale.
      return [];
    case 'restore':
      return [...staleReasons(target, current), ...restoreStaleReasons(target, current)];
    case 'enable':
      return staleReasons(target, current);
  }
}
