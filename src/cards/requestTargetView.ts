/**
 * One subscription's section of a request card: its planned changes (each with its result once run), a warning when
 * its name looks like another's, and what went wrong (failed settings with ARM's words, or why it was skipped).
 */
import type { SettingOutcome, TargetOutcome } from '../core/outcome';
import { SETTING_LABELS, type SettingKey } from '../core/plan';
import type { Fact } from './changeFacts';
import { changeFacts } from './changeFacts';
import { lookAlikeWarning } from './lookAlikeWarning';
import type { RequestTarget } from './models';
import { escapeMarkdown, plainText } from './text';
import { toneColor } from './tone';
import type { Tone } from './types';

/** ARM messages can run to kilobytes; the first 500 characters say what went wrong. */
export const OUTCOME_MESSAGE_MAX_LENGTH = 500;
/** Failed settings described per subscription; the rest are counted (every one is in `history`). */
export const MAX_PROBLEMS_PER_TARGET = 3;

export interface RequestTargetView {
  name: string;
  result: string;
  resultColor: string;
  changes: Fact[];
  /** Plain text lines for TextRuns: a look-alike warning, each failed setting with ARM's words, or why it was skipped. */
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

const sameSetting = (a: { setting: string; subject?: string }, b: { setting: string; subject?: string }) => a.setting === b.setting && a.subject === b.subject;

export function requestTargetView({ plan, outcome }: RequestTarget): RequestTargetView {
  const result = outcome ? RESULTS[outcome.status] : { text: `${plan.changes.length} to change`, tone: 'default' as Tone };
  const settingResult = (change: { setting: string; subject?: string }): SettingOutcome | undefined => outcome?.settings.find((setting) => sameSetting(setting, change));
  const changes = changeFacts(plan.changes).map((fact, index) => {
    const done = settingResult(plan.changes[index]);
    return done ? { ...fact, value: `${fact.value} · ${done.status === 'done' ? '✅ Done' : '❌ Failed'}` } : fact;
  });
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
    changes,
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
