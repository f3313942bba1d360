/** Whether one planned setting really holds in the state read back after the PUTs, in ARM's own words when not. */
import { API_POSTURE_EXTENSION, type DefenderSettings } from '../core/defender';
import type { SettingOutcome } from '../core/outcome';
import { SETTING_LABELS, describeApiPlan, type SettingKey, type TargetPlan } from '../core/plan';

const notApplied = (setting: SettingKey, now: string, wanted: string): SettingOutcome => ({
  setting,
  status: 'failed',
  error: { code: 'NotApplied', message: `${SETTING_LABELS[setting]} is ${now} after the change, not ${wanted}; ARM accepted the request but did not apply it` },
});

export function judgeSetting(setting: SettingKey, target: TargetPlan, readBack: DefenderSettings): SettingOutcome {
  switch (setting) {
    case 'defenderForApis': {
      const wanted = `Standard (${target.apiSubPlan})`;
      const now = describeApiPlan(readBack);
      return now === wanted ? { setting, status: 'done' } : notApplied(setting, now, wanted);
    }
    case 'cspmPlan':
      return readBack.cspm.pricingTier === 'Standard' ? { setting, status: 'done' } : notApplied(setting, readBack.cspm.pricingTier, 'Standard');
    case 'apiPosture': {
      const extension = readBack.cspm.extensions.find((candidate) => candidate.name === API_POSTURE_EXTENSION);
      // A 200 can still carry a per-extension failure: ARM reports it in operationStatus, not in the status code.
      if (extension?.operationStatus?.code?.toLowerCase() === 'failed') {
        return { setting, status: 'failed', error: { code: extension.operationStatus.code, message: extension.operationStatus.message ?? `${API_POSTURE_EXTENSION} failed to enable` } };
      }
      const on = readBack.cspm.pricingTier === 'Standard' && extension?.isEnabled === true;
      return on ? { setting, status: 'done' } : notApplied(setting, 'Off', 'On');
    }
  }
}
