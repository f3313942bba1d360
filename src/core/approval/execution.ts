/**
 * Applying an approved plan, target by target, and deciding the request's final status.
 * A target is re-read from ARM just before writing: if it moved since planning, nothing is written for it.
 */
import { isDefenderError } from '../errors';
import { summariseSettings, type SettingOutcome, type TargetOutcome } from '../outcome';
import type { ChangePlan, PlanKind } from '../plan';
import type { ApprovalStanding } from './policy';
import { targetStaleReasons as staleReasons } from '../desiredState';
import { apiOnboarded, settingHolds } from '../settingHolds';
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
 * Crash recovery for a target whose apply was interrupted. It NEVER writes: a write the dead process sent may still
 * land, and sending it again is exactly what must not happen. The caller waits until no such write can still be on
 * its way (reconcileDelayMs), then this reads ARM and records, per setting, what is true: a setting at its target is
 * done; anything else is "Interrupted", and approvers can Retry (which re-plans and stale-checks from ARM).
 */
export async function reconcileTarget(gateway: DefenderGateway, target: TargetPlan, options: OperationOptions = {}): Promise<TargetOutcome> {
  let holds: (change: TargetPlan['changes'][number]) => boolean;
  try {
    if (target.kind === 'onboard') {
      const { apiManagementServices } = await gateway.getStatus(target.subscriptionId, options);
      holds = (change) => apiOnboarded(change, apiManagementServices);
    } else {
      const current = await gateway.readSettings(target.subscriptionId, options);
      holds = (change) => settingHolds(change, target, current);
    }
  } catch (error) {
    const { code, message } = errorSummary(error);
    return failedOutcome(target, { code: 'Interrupted', message: `The bot stopped while applying this change, and reading Azure afterwards failed (${code}: ${message}); check \`status\`, then use Retry.` });
  }
  const settings = target.changes.map((change): SettingOutcome => {
    const subject = change.subject ? { subject: change.subject } : {};
    if (holds(change)) return { setting: change.setting, ...subject, status: 'done' };
    const error = { code: 'Interrupted', message: `The bot stopped while applying this change and it is not as planned (${change.after}); review it, then use Retry.` };
    return { setting: change.setting, ...subject, status: 'failed', error };
  });
  return { subscriptionId: target.subscriptionId, status: summariseSettings(settings), settings };
}

/**
 * How long after a request entered `executing` recovery may read ARM and trust what it sees. The executor starts no
 * ARM call after `applyTimeoutMs`; the last call it started ends, at its client, within `armCallTimeoutMs`; and one
 * more call timeout is left for ARM to finish a request whose client is gone.
 */
export function reconcileDelayMs(timing: { applyTimeoutMs: number; armCallTimeoutMs: number }): number {
  return timing.applyTimeoutMs + 2 * timing.armCallTimeoutMs;
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
  if (isAbort(error)) {
    return { code: 'Interrupted', message: 'Applying ran out of its time before Azure answered, so this change may or may not have landed; check `status`, then use Retry (it only asks for what is still off).' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UnexpectedError', message: `Applying failed unexpectedly (${message}); check the bot's logs, then use Retry.` };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
