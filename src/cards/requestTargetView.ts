/** One subscription of a many-target request card: its planned changes and, once run, its result and problems. */
import type { TargetOutcome } from '../core/outcome';
import { SETTING_LABELS, type SettingKey } from '../core/plan';
import { changeFacts, type Fact } from './changes';
import { lookAlikeWarning } from './lookAlikeWarning';
import type { PlanSummary } from './models';
import { OUTCOME_MESSAGE_MAX_LENGTH } from './outcomeSummary';
import { escapeMarkdown, plainText } from './text';
import { toneColor } from './tone';
import type { Tone } from './types';

export interface RequestTarget {
  plan: PlanSummary;
  outcome?: TargetOutcome;
}

export interface RequestTargetView {
  name: string;
  result: string;
  resultColor: string;
  changes: Fact[];
  /** Plain text lines for TextRuns: each failed setting with ARM's words, or why a stale target was skipped. */
  problems: string[];
}

const RESULTS: Record<TargetOutcome['status'], { text: string; tone: Tone }> = {
  succeeded: { text: '✅ Done', tone: 'good' },
  'partially-failed': { text: '⚠️ Partly failed', tone: 'attention' },
  failed: { text: '❌ Failed', tone: 'attention' },
  stale: { text: '⚠️ Skipped: stale', tone: 'warning' },
};

function settingLabel(setting: SettingKey, subject?: string): string {
  const label = SETTING_LABELS[setting] ?? setting;
  return subject ? `${label} ${subject}` : label;
}

/** Failed settings listed per subscription; the rest are counted (every one is in `history`). */
export const MAX_PROBLEMS_PER_TARGET = 3;

export function requestTargetView({ plan, outcome }: RequestTarget): RequestTargetView {
  const result = outcome ? RESULTS[outcome.status] : { text: `${plan.changes.length} to change`, tone: 'default' as Tone };
  const failed = (outcome?.settings ?? []).filter((setting) => setting.status === 'failed');
  const failures = failed
    .slice(0, MAX_PROBLEMS_PER_TARGET)
    .map((setting) => plainText(`❌ ${settingLabel(setting.setting, setting.subject)}: ${setting.error ? `${setting.error.code}: ${setting.error.message}` : 'failed'}`, OUTCOME_MESSAGE_MAX_LENGTH));
  if (failed.length > MAX_PROBLEMS_PER_TARGET) failures.push(`…and ${failed.length - MAX_PROBLEMS_PER_TARGET} more failed (\`history\` lists every one)`);
  const staleReasons = (outcome?.staleReasons ?? []).map((reason) => plainText(`• ${reason}`, 200));
  return {
    name: `${escapeMarkdown(plan.subscriptionName, 80)} (${escapeMarkdown(plan.subscriptionId, 40)})`,
    result: result.text,
    resultColor: toneColor(result.tone),
    changes: changeFacts(plan.changes),
    problems: [...[lookAlikeWarning(plan)].filter((warning): warning is string => warning !== undefined), ...failures, ...staleReasons],
  };
}

/** "3 subscriptions · 1 done · 1 partly failed · 1 skipped (stale)". */
export function targetsSummary(targets: RequestTarget[]): string {
  const count = (status: TargetOutcome['status']) => targets.filter((target) => target.outcome?.status === status).length;
  const parts = [`${targets.length} subscription${targets.length === 1 ? '' : 's'}`];
  const labels: Array<[TargetOutcome['status'], string]> = [['succeeded', 'done'], ['partially-failed', 'partly failed'], ['failed', 'failed'], ['stale', 'skipped (stale)']];
  for (const [status, label] of labels) if (count(status) > 0) parts.push(`${count(status)} ${label}`);
  return parts.join(' · ');
}
