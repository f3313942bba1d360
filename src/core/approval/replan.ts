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
    // A restore keeps restoring the same state; an enable keeps the subplan the approvers saw.
    if (target.desired) return planRestoreTarget(subscription, settings, target.desired);
    return planTarget(subscription, settings, { apiSubPlan: target.apiSubPlan });
  }));
  return { targets };
}
