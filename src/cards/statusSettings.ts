/** Words and colours for each Defender setting on the status card. */
import { API_POSTURE_EXTENSION, ApiPlanState, CspmPlanState, isApiPostureOn } from '../core/defender';
import { ALERT_SEVERITIES, type OpenApiAlertsSummary } from '../core/monitoring';
import { SETTING_LABELS } from '../core/plan';
import { escapeMarkdown, formatUtc, onOff, shortList } from './text';
import { toneColor } from './tone';

export interface SettingRow {
  label: string;
  value: string;
  color: string;
  /** Small lines under the row (enablement time, free trial, extension names). */
  details: string[];
}

export function describeDefenderForApis(api: ApiPlanState): SettingRow {
  const isOn = api.pricingTier === 'Standard';
  const details: string[] = [];
  if (isOn && api.enablementTime) details.push(`Enabled ${formatUtc(api.enablementTime)}`);
  const trial = describeFreeTrial(api.freeTrialRemainingTime);
  if (trial) details.push(trial);
  const subPlan = api.subPlan ? escapeMarkdown(api.subPlan, 10) : 'no subplan';
  return { label: SETTING_LABELS.defenderForApis, value: isOn ? `On · ${subPlan}` : 'Off', color: toneColor(isOn ? 'good' : 'attention'), details };
}

export function describeCspm(cspm: CspmPlanState): SettingRow[] {
  const planOn = cspm.pricingTier === 'Standard';
  const postureOn = isApiPostureOn(cspm);
  return [
    { label: 'Defender CSPM', value: planOn ? 'On' : 'Off', color: toneColor(planOn ? 'good' : 'attention'), details: [] },
    { label: 'API security posture', value: onOff(postureOn), color: toneColor(postureOn ? 'good' : 'attention'), details: [] },
  ];
}

/** Other CSPM extensions, compactly: counts plus the first few that are on. */
export function describeOtherExtensions(cspm: CspmPlanState): SettingRow {
  const others = cspm.extensions.filter((extension) => extension.name !== API_POSTURE_EXTENSION);
  const enabled = others.filter((extension) => extension.isEnabled).map((extension) => escapeMarkdown(extension.name, 60));
  const details = enabled.length > 0 ? [`On: ${shortList(enabled, 4)}`] : [];
  return { label: 'Other CSPM extensions', value: `${enabled.length} on · ${others.length - enabled.length} off`, color: toneColor('default'), details };
}

/** "Open API alerts (7 days): 1 High · 2 Medium"; when they could not be read, why (status itself still shows). */
export function describeOpenApiAlerts(summary: OpenApiAlertsSummary): SettingRow {
  const label = 'Open API alerts (7 days)';
  if (summary.kind === 'unavailable') {
    return { label, value: 'Unavailable', color: toneColor('warning'), details: [`alerts unavailable: ${escapeMarkdown(summary.reason, 400)}`] };
  }
  const counts = summary.openBySeverity;
  const named = ALERT_SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
  const tone = counts.High > 0 ? 'attention' : counts.Medium > 0 ? 'warning' : named.length > 0 ? 'default' : 'good';
  return { label, value: named.length > 0 ? named.join(' · ') : 'None', color: toneColor(tone), details: named.length > 0 ? ['Type `alerts <sub>` to see them.'] : [] };
}

/**
 * ARM reports the trial as a duration: ISO 8601 ("P29DT23H") or .NET TimeSpan ("29.23:59:59", "0:00:00").
 * Returns undefined when there is none left (or it is absent), so the card shows nothing.
 */
export function describeFreeTrial(remaining: string | undefined): string | undefined {
  if (!remaining) return undefined;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:[\d.]+S)?)?$/.exec(remaining);
  const timeSpan = /^(?:(\d+)\.)?(\d+):(\d+):[\d.]+$/.exec(remaining);
  const parts = iso ?? timeSpan;
  if (!parts) return `Free trial left: ${escapeMarkdown(remaining, 40)}`;
  const days = Number(parts[1] ?? 0);
  const hours = Number(parts[2] ?? 0);
  const minutes = Number(parts[3] ?? 0);
  if (days > 0) return `Free trial: ${days} ${days === 1 ? 'day' : 'days'} left`;
  if (hours > 0 || minutes > 0) return 'Free trial: less than a day left';
  return undefined;
}
