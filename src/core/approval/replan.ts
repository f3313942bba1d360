/** Retry's plan: the targets of a finished request that did not succeed, planned again from ARM's current state. */
import { planRestoreTarget } from '../desiredState';
import { planTarget, type ChangePlan, type EnableTarget, type OnboardTarget, type RestoreTarget } from '../plan';
import type { TargetOutcome } from '../outcome';
import type { DefenderGateway } from '../ports';
import type { ApprovalRequest } from './types';

export async function replanUnfinished(gateway: DefenderGateway, original: ApprovalRequest): Promise<ChangePlan> {
  const outcomeOf = (subscriptionId: string) => original.outcomes?.find((outcome) => outcome.subscriptionId === subscriptionId);
  const unfinished = <T extends { subscriptionId: string }>(targets: T[]) => targets.filter((target) => outcomeOf(target.subscriptionId)?.status !== 'succeeded');
  const settingsOf = (subscriptionId: string) => gateway.readSettings(subscriptionId);
  const plan = original.plan;
  switch (plan.kind) {
    case 'enable':
      // An enable keeps the subplan the approvers saw.
      return { kind: 'enable', targets: await Promise.all(unfinished(plan.targets).map(async (target): Promise<EnableTarget> =>
        planTarget(subscriptionOf(target), await settingsOf(target.subscriptionId), { apiSubPlan: target.apiSubPlan }))) };
    case 'restore':
      // A restore keeps restoring the same state.
      return { kind: 'restore', targets: await Promise.all(unfinished(plan.targets).map(async (target): Promise<RestoreTarget> =>
        planRestoreTarget(subscriptionOf(target), await settingsOf(target.subscriptionId), target.desired))) };
    case 'onboard':
      return { kind: 'onboard', targets: await Promise.all(unfinished(plan.targets).map(async (target) =>
        retryFailedApis(target, outcomeOf(target.subscriptionId), await settingsOf(target.subscriptionId)))) };
  }
}

/** Onboarding retries the APIs that failed (onboarding is idempotent, so one that finished meanwhile is harmless). */
function retryFailedApis(target: OnboardTarget, outcome: TargetOutcome | undefined, settings: OnboardTarget['before']): OnboardTarget {
  const failed = new Set(outcome?.settings.filter((setting) => setting.status === 'failed').map((setting) => setting.subject));
  const retried = (subject: string) => !outcome || outcome.status === 'stale' || failed.has(subject);
  return {
    ...target,
    before: settings,
    changes: target.changes.filter((change) => retried(change.subject)),
    apis: target.apis.filter((api) => retried(`${api.serviceName}/${api.apiId}`)),
  };
}

function subscriptionOf(target: { subscriptionId: string; subscriptionName: string }) {
  return { subscriptionId: target.subscriptionId, displayName: target.subscriptionName };
}
