/** Apply results, setting by setting (done / failed with ARM's message); reused by the approval card. */
import { TargetOutcome } from '../core/outcome';
import { SETTING_LABELS } from '../core/plan';
import { escapeMarkdown, plainText } from './text';
import { toneColor } from './tone';
import { Tone } from './types';

/** ARM messages can run to kilobytes; the first 500 characters say what went wrong. */
export const OUTCOME_MESSAGE_MAX_LENGTH = 500;

export interface OutcomeRowView {
  label: string;
  result: string;
  color: string;
  hasError: boolean;
  /** Plain text for a TextRun (no markdown is rendered there, so it is not escaped). */
  error: string;
}

export interface OutcomeSummaryView {
  headline: string;
  tone: Tone;
  rows: OutcomeRowView[];
  /** Why a stale request did not run, one line per setting that moved (escaped for TextBlocks). */
  staleReasons: string[];
}

export function outcomeSummaryView(outcome: TargetOutcome): OutcomeSummaryView {
  const failed = outcome.settings.filter((setting) => setting.status === 'failed').length;
  const total = outcome.settings.length;
  const headlines: Record<TargetOutcome['status'], { headline: string; tone: Tone }> = {
    succeeded: { headline: `✅ All ${total} changes applied.`, tone: 'good' },
    'partially-failed': { headline: `⚠️ ${failed} of ${total} changes failed; the rest were applied.`, tone: 'attention' },
    failed: { headline: `❌ No change applied: ${failed} of ${total} failed.`, tone: 'attention' },
    stale: { headline: '⚠️ Not applied: the settings changed since this was planned.', tone: 'warning' },
  };
  return {
    ...headlines[outcome.status],
    rows: outcome.settings.map((setting) => ({
      label: SETTING_LABELS[setting.setting] ?? escapeMarkdown(setting.setting, 60),
      result: setting.status === 'done' ? '✅ Done' : '❌ Failed',
      color: toneColor(setting.status === 'done' ? 'good' : 'attention'),
      hasError: Boolean(setting.error),
      error: setting.error ? plainText(`${setting.error.code}: ${setting.error.message}`, OUTCOME_MESSAGE_MAX_LENGTH) : '',
    })),
    staleReasons: (outcome.staleReasons ?? []).map((reason) => `• ${escapeMarkdown(reason, 200)}`),
  };
}
