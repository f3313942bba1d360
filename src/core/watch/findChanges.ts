/**
 * What changed between the last scan and this one, as findings: coverage lost on a subscription that was covered,
 * an API that appeared on a covered subscription and is not onboarded, an open API alert not seen before at or above
 * the minimum severity. Only changes: what was already true at the last scan is never reported again.
 */
import { API_SUB_PLANS } from '../defender';
import { SETTING_LABELS } from '../plan';
import type { AlertSeverity } from '../monitoring';
import { alertKeyOf, meetsMinSeverity, type CoverageDrop, type CoverageState, type WatchFinding } from './findings';
import { isCovered, type Observation, type WatchSnapshot } from './snapshot';

export interface FindChangesOptions {
  minSeverity: AlertSeverity;
}

const describeApi = (state: CoverageState) => (state.apiTier === 'Standard' ? `Standard (${state.apiSubPlan ?? 'no subplan'})` : 'Free');
const subPlanRank = (subPlan: string | undefined) => (API_SUB_PLANS as readonly string[]).indexOf(subPlan ?? '');

/** Each setting of a covered subscription that went down: Defender for APIs to Free or a lower subplan, CSPM to Free, ApiPosture off. */
export function coverageDrops(before: CoverageState, after: CoverageState): CoverageDrop[] {
  if (!isCovered(before)) return [];
  const drops: CoverageDrop[] = [];
  const lowerSubPlan = after.apiTier === 'Standard' && subPlanRank(after.apiSubPlan) !== -1 && subPlanRank(after.apiSubPlan) < subPlanRank(before.apiSubPlan);
  if (after.apiTier === 'Free' || lowerSubPlan) drops.push({ setting: 'defenderForApis', label: SETTING_LABELS.defenderForApis, before: describeApi(before), after: describeApi(after) });
  if (after.cspmTier === 'Free') drops.push({ setting: 'cspmPlan', label: SETTING_LABELS.cspmPlan, before: 'Standard', after: 'Free' });
  if (!after.apiPosture) drops.push({ setting: 'apiPosture', label: SETTING_LABELS.apiPosture, before: 'On', after: 'Off' });
  return drops;
}

export function findChanges(previous: WatchSnapshot, current: Observation, options: FindChangesOptions): WatchFinding[] {
  const findings: WatchFinding[] = [];
  const now = current.snapshot;
  for (const [id, after] of Object.entries(now.coverage)) {
    const before = previous.coverage[id];
    const drops = before ? coverageDrops(before, after) : [];
    if (drops.length > 0) {
      findings.push({ kind: 'coverage-lost', key: `coverage-lost/${id}/${previous.scanId}`, subscriptionId: id, subscriptionName: after.subscriptionName, drops, before, after });
    }
  }
  for (const [id, apis] of current.apis) {
    const known = previous.apis[id];
    // A list seen for the first time (newly covered, or never read) is that subscription's baseline.
    if (!known || !isCovered(previous.coverage[id]) || !isCovered(now.coverage[id])) continue;
    const seen = new Set(known);
    for (const api of apis) {
      if (seen.has(api.key) || api.onboarded) continue;
      const { subscriptionId: _id, key: _key, onboarded: _onboarded, ...watched } = api;
      findings.push({ kind: 'new-api', key: `new-api/${api.key}`, subscriptionId: id, subscriptionName: now.coverage[id].subscriptionName, api: watched });
    }
  }
  for (const [id, alerts] of current.alerts) {
    const known = previous.alerts[id];
    if (!known) continue;
    const seen = new Set(known);
    for (const alert of alerts) {
      const key = alertKeyOf(alert);
      if (seen.has(key) || !meetsMinSeverity(alert.severity, options.minSeverity)) continue;
      findings.push({ kind: 'new-alert', key: `alert/${key}`, subscriptionId: id, subscriptionName: now.coverage[id]?.subscriptionName ?? id, alert });
    }
  }
  return findings;
}
