/** What each ApprovalService call answers. Refusals mean nothing changed; see refusals.ts for codes. */
import type { Refusal } from './refusals';
import type { ApprovalRequest, Person } from './types';
import type { ChangePlan } from '../plan';
import type { OperationOptions } from '../ports';

export type { Refusal } from './refusals';

export type RequestResult =
  | { kind: 'created'; request: ApprovalRequest }
  | { kind: 'already-open'; request: ApprovalRequest }
  | { kind: 'nothing-to-change' }
  | Refusal;

export type ApproveResult =
  /** Approval stored; more are needed. */
  | { kind: 'recorded'; request: ApprovalRequest }
  /** Quorum met and this caller won the compare-and-swap: it alone must now call execute(request.id). */
  | { kind: 'execute'; request: ApprovalRequest }
  | Refusal;

export type RejectResult = { kind: 'rejected'; request: ApprovalRequest } | Refusal;
export type CancelResult = { kind: 'cancelled'; request: ApprovalRequest } | Refusal;
export type RetryResult = RequestResult;

export interface RequestInput {
  plan: ChangePlan;
  /** From the activity (aadObjectId + display name), never from card data. */
  requester: Person;
  /** Set by `revert`: the request whose before-state this plan restores (recorded on the request and in the audit). */
  revertOf?: string;
}

export interface ApproveInput {
  requestId: string;
  /** The hash the approver's card showed; must equal the stored request's. */
  planHash: string;
  approver: Person;
}

export interface RejectInput {
  requestId: string;
  planHash?: string;
  approver: Person;
  reason: string;
}

export interface CancelInput {
  requestId: string;
  actor: Person;
}

export interface RetryInput {
  requestId: string;
  actor: Person;
}

export type ExecuteOptions = OperationOptions;

export interface ReconcileOptions extends OperationOptions {
  /**
   * Only take over requests that entered `executing` at least this long ago: reconcileDelayMs(timing), after which no
   * write the executor sent can still land. 0 only where no write can be in flight (tests of a stopped world).
   */
  minAgeMs?: number;
}
