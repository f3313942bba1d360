/**
 * Applying an approved plan, target by target, and deciding the request's final status.
 * A target is re-read from ARM just before writing: if it moved since planning, nothing is written for it.
 */
import { isDefenderError } from '../errors';
import { isApiPostureOn } from '../defender';
import type { DefenderSettings } from '../defender';
import type { TargetOutcome } from '../outcome';
import { describeApiPlan, type ChangePlan, type PlanKind } from '../plan';
import type { ApprovalStanding } from './policy';
import { isDesiredReached, targetStaleReasons as staleReasons } from '../desiredState';
import type { TargetPlan } from '../plan';
import type { DefenderGateway, OperationOptions } from '../ports';
import type { RequestStatus } from './types';

export type FinalStatus = Extract<RequestStatus, 'succeeded' | 'partially-failed' | 'failed' | 'stale'>;

/** Re-read, check for staleness, apply. Never throws: a gateway error becomes a failed outcome with its code. */
export async function executeTarget(gateway: DefenderGateway, target: TargetPlan, options: OperationOptions = {}): Promise<TargetOutcome> {
  try {
    const current = await gateway.readSettings(target.subscriptionId, options);
    const reasons = staleReasons(target, current);
    if (reasons.length > 0) return { subscriptionId: target.subscriptionId, status: 'stale', settings: [], staleReasons: reasons };
    return await gateway.applyTarget(target, current, options);
  } catch (error) {
    return failedOutcome(target, errorSummary(error));
  }
}

/**
 * Start-up recovery for a target whose apply was interrupted by a crash:
 * - every planned setting is already on → succeeded, nothing written;
 * - the state still equals the plan's "before" → nothing was written yet; it was approved, so apply it now;
 * - anything else (half-applied, or someone changed it meanwhile) → failed, nothing written, with a reason,
 *   so an approver reviews the current state and uses Retry, which re-plans from what ARM says now.
 */
export async function reconcileTarget(gateway: DefenderGateway, target: TargetPlan, options: OperationOptions = {}): Promise<TargetOutcome> {
  try {
    const current = await gateway.readSettings(target.subscriptionId, options);
    if (isTargetReached(target, current)) {
      return {
        subscriptionId: target.subscriptionId,
        status: 'succeeded',
        settings: target.changes.map((change) => ({ setting: change.setting, status: 'done' })),
      };
    }
    if (staleReasons(target, current).length === 0) return await gateway.applyTarget(target, current, options);
    return failedOutcome(target, {
      code: 'Interrupted',
      message: `The bot stopped while applying this change and the settings are now only partly as planned (Defender for APIs: ${describeApiPlan(current)}); review them and use Retry to finish.`,
    });
  } catch (error) {
    return failedOutcome(target, errorSummary(error));
  }
}

export function isTargetReached(target: TargetPlan, current: DefenderSettings): boolean {
  if (target.desired) return isDesiredReached(target, current);
  return (
    describeApiPlan(current) === `Standard (${target.apiSubPlan})` &&
    current.cspm.pricingTier === 'Standard' &&
    isApiPostureOn(current.cspm)
  );
}

/** All succeeded → succeeded; all stale → stale; nothing applied at all → failed; otherwise partially-failed. */
export function finalStatus(outcomes: TargetOutcome[]): FinalStatus {
  const count = (status: TargetOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
  if (count('succeeded') === outcomes.length) return 'succeeded';
  if (count('stale') === outcomes.length) return 'stale';
  if (count('succeeded') === 0 && count('partially-failed') === 0) return 'failed';
  return 'partially-failed';
}

const SUCCEEDED_TEXT: Record<PlanKind, string> = {
  enable: 'Every planned setting is now on.',
  restore: 'Every planned setting is restored.',
  onboard: 'Every planned API is onboarded.',
};

export function describeFinal(status: FinalStatus, outcomes: TargetOutcome[], kind: PlanKind): string {
  switch (status) {
    case 'succeeded':
      return SUCCEEDED_TEXT[kind];
    case 'stale': {
      const reasons = outcomes.flatMap((outcome) => outcome.staleReasons ?? []);
      return `Nothing was changed because the settings moved since the plan was made (${reasons.join('; ')}); request again to plan from the current state.`;
    }
    case 'failed':
      return 'No setting could be changed; see each error, fix its cause, then an approver can use Retry.';
    case 'partially-failed':
      return 'Some settings were changed and others were not; see each error, then an approver can use Retry for the rest.';
  }
}

/** Nothing written: the approvals on record no longer make a quorum under the policy in force. */
export function quorumLostOutcomes(plan: ChangePlan, standing: ApprovalStanding): TargetOutcome[] {
  const notCounted = standing.discounted.map(({ approval, reason }) => `${approval.by.name}'s approval no longer counts: ${reason}`);
  const error = {
    code: 'QuorumNotMet',
    message: `Not applied: only ${standing.counted.length} of the ${standing.required} approvals needed are from people who are approvers now${notCounted.length ? ` (${notCounted.join('; ')})` : ''}; an approver can use Retry to ask again.`,
  };
  return plan.targets.map((target) => failedOutcome(target, error));
}

function failedOutcome(target: TargetPlan, error: { code: string; message: string }): TargetOutcome {
  return {
    subscriptionId: target.subscriptionId,
    status: 'failed',
    settings: target.changes.map((change) => ({ setting: change.setting, status: 'failed', error })),
  };
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isDefenderError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UnexpectedError', message: `Applying failed unexpectedly (${message}); check the bot's logs, then use Retry.` };
}
