/**
 * Who may do what. Ids are Entra (AAD) object ids, compared case-insensitively because GUIDs arrive in both cases.
 * The requester can never approve their own request, whatever the configuration says.
 */
import type { ApprovalPolicy, ApprovalRequest, Person } from './types';

export const DEFAULT_MIN_APPROVALS = 1;

export interface ApprovalPolicyInput {
  approvers: string[];
  requesters?: string[];
  minApprovals?: number;
  requestTtlMs: number;
}

export class ApprovalPolicyError extends Error {
  override readonly name = 'ApprovalPolicyError';
  readonly code = 'InvalidApprovalPolicy';
}

/** Validates and normalises a policy once, at start-up, so a bad configuration fails loudly instead of refusing everyone. */
export function createApprovalPolicy(input: ApprovalPolicyInput): ApprovalPolicy {
  const approvers = distinctIds(input.approvers);
  const minApprovals = input.minApprovals ?? DEFAULT_MIN_APPROVALS;
  if (approvers.length === 0) {
    throw new ApprovalPolicyError('InvalidApprovalPolicy: no approvers are configured; list at least one approver object id.');
  }
  if (!Number.isInteger(minApprovals) || minApprovals < 1) {
    throw new ApprovalPolicyError(`InvalidApprovalPolicy: minApprovals must be a whole number of at least 1 (got ${minApprovals}).`);
  }
  if (minApprovals > approvers.length) {
    throw new ApprovalPolicyError(
      `InvalidApprovalPolicy: minApprovals is ${minApprovals} but only ${approvers.length} approver(s) are configured; add approvers or lower minApprovals.`,
    );
  }
  if (!Number.isFinite(input.requestTtlMs) || input.requestTtlMs <= 0) {
    throw new ApprovalPolicyError(`InvalidApprovalPolicy: requestTtlMs must be a positive number of milliseconds (got ${input.requestTtlMs}).`);
  }
  return {
    approvers,
    ...(input.requesters ? { requesters: distinctIds(input.requesters) } : {}),
    minApprovals,
    requestTtlMs: input.requestTtlMs,
  };
}

function distinctIds(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.trim().toLowerCase()).filter((id) => id.length > 0))];
}

export function samePerson(a: Pick<Person, 'id'>, b: Pick<Person, 'id'>): boolean {
  return a.id.trim().toLowerCase() === b.id.trim().toLowerCase();
}

export function isApprover(policy: ApprovalPolicy, person: Pick<Person, 'id'>): boolean {
  return policy.approvers.some((id) => samePerson({ id }, person));
}

export function mayRequest(policy: ApprovalPolicy, person: Pick<Person, 'id'>): boolean {
  return policy.requesters === undefined || policy.requesters.some((id) => samePerson({ id }, person));
}

/** Approvers other than the requester: if fewer than the quorum, the request could never be approved. */
export function eligibleApproverCount(policy: ApprovalPolicy, requester: Pick<Person, 'id'>): number {
  return policy.approvers.filter((id) => !samePerson({ id }, requester)).length;
}

export function hasApproved(request: ApprovalRequest, person: Pick<Person, 'id'>): boolean {
  return request.approvals.some((approval) => samePerson(approval.by, person));
}

/** What a person may do with a request right now: the bot uses it to choose which buttons a card shows. */
export interface RequestPermissions {
  canApprove: boolean;
  canReject: boolean;
  canCancel: boolean;
  canRetry: boolean;
}

export function permissionsFor(policy: ApprovalPolicy, request: ApprovalRequest, person: Person, now: Date): RequestPermissions {
  const isRequester = samePerson(request.requester, person);
  const actionablePending = request.status === 'pending' && now.getTime() < Date.parse(request.expiresAt);
  const approverHere = isApprover(policy, person) && !isRequester;
  return {
    canApprove: actionablePending && approverHere && !hasApproved(request, person),
    canReject: actionablePending && approverHere,
    canCancel: actionablePending && isRequester,
    canRetry: isApprover(policy, person) && (request.status === 'failed' || request.status === 'partially-failed'),
  };
}
