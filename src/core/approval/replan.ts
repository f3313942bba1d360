/** Retry's plan: the targets of a finished request that did not succeed, planned again from ARM's current state. */
import type { ChangePlan } from '../plan';
import { planTarget } from '../plan';
import type { DefenderGateway } from '../ports';
import { planRestoreTarget } from '../desiredState';
import type { ApprovalRequest } from './types';

export async function replanUnfinished(gateway: DefenderGateway, original: ApprovalRequest): Promise<ChangePlan> {
  const succeeded = (subscriptionId: string) =>
    original.outcomes?.find((outcome) => outcome.subscriptionId === subscriptionId)?.status === 'succeeded';
  const unfinished = original.plan.targets.filter((target) => !succeeded(target.subscriptionId));
  const targets = await Promise.all(unfinished.map(async (target) => {
    const settings = await gateway.readSettings(target.subscriptionId);
    const subscription = { subscriptionId: target.subscriptionId, displayName: target.subscriptionName };
    // Onboarding retries the APIs that failed (onboarding is idempotent, so one that finished meanwhile is harmless).
    if (target.onboarding) {
      const outcome = original.outcomes?.find((candidate) => candidate.subscriptionId === target.subscriptionId);
      const failed = new Set(outcome?.settings.filter((setting) => setting.status === 'failed').map((setting) => setting.subject));
      const retried = (subject: string | undefined) => !outcome || outcome.status === 'stale' || failed.has(subject);
      const apis = target.onboarding.apis.filter((api) => retried(`${api.serviceName}/${api.apiId}`));
      return { ...target, before: settings, changes: target.changes.filter((change) => retried(change.subject)), onboarding: { apis } };
    }
    // A restore keeps restoring the same state; an enable keeps the subplan the approvers saw.
    if (target.desired) return planRestoreTarget(subscription, settings, target.desired);
    return planTarget(subscription, settings, { apiSubPlan: target.apiSubPlan });
  }));
  return { targets };
}
