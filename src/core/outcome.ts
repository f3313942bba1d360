/** What happened when a plan was applied, setting by setting. */
import { SettingKey } from './plan';

export interface SettingOutcome {
  setting: SettingKey;
  /** Which thing of that kind, when a setting has several (an API for onboarding, an extension for a revert). */
  subject?: string;
  status: 'done' | 'failed';
  /** ARM's code and message when it failed, including a per-extension `operationStatus: Failed` inside a 200. */
  error?: { code: string; message: string };
}

export type TargetStatus = 'succeeded' | 'partially-failed' | 'failed' | 'stale';

export interface TargetOutcome {
  subscriptionId: string;
  status: TargetStatus;
  settings: SettingOutcome[];
  /** Set when status is `stale`: what moved since the plan was made. */
  staleReasons?: string[];
}

export function summariseSettings(settings: SettingOutcome[]): Exclude<TargetStatus, 'stale'> {
  const failed = settings.filter((setting) => setting.status === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === settings.length ? 'failed' : 'partially-failed';
}
