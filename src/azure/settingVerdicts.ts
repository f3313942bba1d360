/** Whether one planned setting really holds in the state read back after the PUTs, in ARM's own words when not. */
import { API_POSTURE_EXTENSION, type CspmPlanState, type DefenderSettings, type OperationStatus } from '../core/defender';
import type { SettingOutcome } from '../core/outcome';
import { SETTING_LABELS, describeApiPlan, type PricingTarget, type RestoreTarget, type SettingChange, type SettingKey } from '../core/plan';
import { desiredChanges } from '../core/desiredState';
import { settingHolds } from '../core/settingHolds';

const notApplied = (setting: SettingKey, now: string, wanted: string): SettingOutcome => ({
  setting,
  status: 'failed',
  error: { code: 'NotApplied', message: `${SETTING_LABELS[setting]} is ${now} after the change, not ${wanted}; ARM accepted the request but did not apply it` },
});

function failedApiPostureStatus(cspm: CspmPlanState | undefined): OperationStatus | undefined {
  const status = cspm?.extensions.find((extension) => extension.name === API_POSTURE_EXTENSION)?.operationStatus;
  return status?.code.toLowerCase() === 'failed' ? status : undefined;
}

/**
 * `cloudPosturePutAnswer` is the 200 of the CloudPosture PUT: a per-extension failure arrives there as
 * operationStatus "Failed" (a 200 is no proof of success), and a later read may no longer carry it.
 */
export function judgeSetting(change: SettingChange, target: PricingTarget, readBack: DefenderSettings, cloudPosturePutAnswer?: CspmPlanState): SettingOutcome {
  const { setting } = change;
  if (target.kind === 'restore') return judgeRestored(change, target, readBack, cloudPosturePutAnswer);
  switch (setting) {
    case 'defenderForApis':
      return settingHolds(change, target, readBack) ? { setting, status: 'done' } : notApplied(setting, describeApiPlan(readBack), `Standard (${target.apiSubPlan})`);
    case 'cspmPlan':
      return settingHolds(change, target, readBack) ? { setting, status: 'done' } : notApplied(setting, readBack.cspm.pricingTier, 'Standard');
    case 'apiPosture': {
      const readBackFailure = failedApiPostureStatus(readBack.cspm);
      if (!readBackFailure && settingHolds(change, target, readBack)) return { setting, status: 'done' };
      const failure = readBackFailure ?? failedApiPostureStatus(cloudPosturePutAnswer);
      if (!failure) return notApplied(setting, 'Off', 'On');
      return { setting, status: 'failed', error: { code: failure.code, message: failure.message ?? `${API_POSTURE_EXTENSION} failed to enable` } };
    }
    default:
      return notApplied(setting, 'unknown', change.after);
  }
}

/** A restore: the change holds when the read-back no longer differs from the desired state in that setting. */
function judgeRestored(change: SettingChange, target: RestoreTarget, readBack: DefenderSettings, cloudPosturePutAnswer?: CspmPlanState): SettingOutcome {
  if (settingHolds(change, target, readBack)) return { setting: change.setting, status: 'done' };
  const left = desiredChanges(readBack, target.desired).find((other) => other.setting === change.setting && other.subject === change.subject)!;
  const name = change.setting === 'apiPosture' ? API_POSTURE_EXTENSION : change.subject;
  const failure = cloudPosturePutAnswer?.extensions.find((extension) => extension.name === name)?.operationStatus;
  if (failure?.code.toLowerCase() === 'failed') return { setting: change.setting, status: 'failed', error: { code: failure.code, message: failure.message ?? `${name} could not be set` } };
  return notApplied(change.setting, left.before, left.after);
}
