/**
 * Requests stored before plans said what they do: their kind was read from the targets (a `desired` state meant a
 * restore, `onboarding` an onboarding, neither an enable). Read once, at the storage boundary, into today's shape,
 * so nothing downstream guesses. A stored request's hash is kept as it was: approvals compare against it.
 */
import type { ChangePlan, DesiredSettings, OnboardingApi, OnboardingChange, PricingChange } from '../plan';
import type { ApiSubPlan, DefenderSettings, Subscription } from '../defender';

interface LegacyTarget {
  subscriptionId: string;
  subscriptionName: string;
  apiSubPlan?: ApiSubPlan;
  changes: Array<PricingChange | OnboardingChange>;
  before: DefenderSettings;
  desired?: DesiredSettings;
  onboarding?: { apis: OnboardingApi[] };
  lookAlikes?: Subscription[];
}

export function upgradeStoredPlan(plan: ChangePlan | { targets: LegacyTarget[] }): ChangePlan {
  if ('kind' in plan) return plan;
  const targets = plan.targets;
  const common = (target: LegacyTarget) => ({
    subscriptionId: target.subscriptionId,
    subscriptionName: target.subscriptionName,
    before: target.before,
    ...(target.lookAlikes ? { lookAlikes: target.lookAlikes } : {}),
  });
  if (targets.some((target) => target.onboarding)) {
    return { kind: 'onboard', targets: targets.map((target) => ({ ...common(target), kind: 'onboard', apis: target.onboarding?.apis ?? [], changes: target.changes as OnboardingChange[] })) };
  }
  if (targets.some((target) => target.desired)) {
    return { kind: 'restore', targets: targets.map((target) => ({ ...common(target), kind: 'restore', desired: target.desired!, changes: target.changes as PricingChange[] })) };
  }
  return { kind: 'enable', targets: targets.map((target) => ({ ...common(target), kind: 'enable', apiSubPlan: target.apiSubPlan ?? 'P1', changes: target.changes as PricingChange[] })) };
}
