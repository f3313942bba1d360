/**
 * Whether one planned setting holds in the settings read from ARM. The one test used to judge a write's read-back
 * and by crash recovery, which records per setting what is true instead of writing again.
 */
import { isApiPostureOn, type ApiManagementService, type DefenderSettings } from './defender';
import { restoredSettingHolds } from './desiredState';
import { describeApiPlan, type PricingTarget, type SettingChange } from './plan';

export function settingHolds(change: SettingChange, target: PricingTarget, settings: DefenderSettings): boolean {
  if (target.kind === 'restore') return restoredSettingHolds(change, target.desired, settings);
  switch (change.setting) {
    case 'defenderForApis':
      return describeApiPlan(settings) === `Standard (${target.apiSubPlan})`;
    case 'cspmPlan':
      return settings.cspm.pricingTier === 'Standard';
    case 'apiPosture':
      return isApiPostureOn(settings.cspm);
    default:
      return false;
  }
}

/** An onboarding change ("service/api") holds when that API is an API collection now. */
export function apiOnboarded(change: SettingChange, services: ApiManagementService[]): boolean {
  const [serviceName, ...apiParts] = (change.subject ?? '').split('/');
  const apiId = apiParts.join('/');
  const service = services.find((candidate) => candidate.name.toLowerCase() === serviceName.toLowerCase());
  return service?.apis.some((api) => api.name === apiId && api.onboarded === true) ?? false;
}
