/**
 * Who may do what, in one place: the server's checks and the buttons a card shows both come from
 * permissionsFor(). Ids are Entra (AAD) object ids, normalised once (trimmed, lower-case, distinct) when the
 * policy is built. The requester can never approve their own request, whatever the configuration says, and only
 * people who are approvers NOW count towards a quorum: an approval from someone since removed no longer counts.
 */
import type { RefusalCode } from './refusals';
import type { Approval, ApprovalPolicy, ApprovalRequest, Person } from './types';

export const DEFAULT_MIN_APPROVALS = 1;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ApprovalPolicyInput {
  approvers: string[];
  requesters?: string[];
  minApprovals?: number;
  requestTtlMs: number;
}

export type ApprovalPolicyProblem = 'InvalidObjectId' | 'NoApprovers' | 'InvalidMinApprovals' | 'QuorumUnreachable' | 'InvalidRequestTtl';

/** The policy input a problem is about, so configuration can name its own variable for it. */
export type ApprovalPolicyField = 'approvers' | 'requesters' | 'minApprovals' | 'requestTtlMs';

export class ApprovalPolicyError extends Error {
  override readonly name = 'ApprovalPolicyError';
  readonly code = 'InvalidApprovalPolicy';
  constructor(readonly problem: ApprovalPolicyProblem, readonly field: ApprovalPolicyField, message: string) {
    super(message);
  }
}

/** Trimmed, lower-case, distinct; throws on anything that is not a GUID. */
function normaliseObjectIds(ids: string[], field: 'approvers' | 'requesters'): string[] {
  const trimmed = ids.map((id) => id.trim()).filter((id) => id.length > 0);
  const bad = trimmed.find((id) => !GUID.test(id));
  if (bad !== undefined) throw new ApprovalPolicyError('InvalidObjectId', field, `"${bad.slice(0, 60)}" is not an Entra object id (a GUID)`);
  return [...new Set(trimmed.map((id) => id.toLowerCase()))];
}

/** The one way to build a policy: a configuration that could never approve anything fails here, at start-up. */
export function createApprovalPolicy(input: ApprovalPolicyInput): ApprovalPolicy {
  const approvers = normaliseObjectIds(input.approvers, 'approvers');
  const minApprovals = input.minApprovals ?? DEFAULT_MIN_APPROVALS;
  if (approvers.length === 0) throw new ApprovalPolicyError('NoApprovers', 'approvers', 'no approvers are configured; list at least one approver object id');
  if (!Number.isInteger(minApprovals) || minApprovals < 1) {
    throw new ApprovalPolicyError('InvalidMinApprovals', 'minApprovals', `the quorum must be a whole number of at least 1 (got ${minApprovals})`);
  }
  if (minApprovals > approvers.length) {
    throw new ApprovalPolicyError('QuorumUnreachable', 'minApprovals', `${minApprovals} approvals are required but only ${approvers.length} distinct approver(s) are listed, so no request could ever be approved`);
  }
  if (!Number.isFinite(input.requestTtlMs) || input.requestTtlMs <= 0) {
    throw new ApprovalPolicyError('InvalidRequestTtl', 'requestTtlMs', `the request lifetime must be a positive number of milliseconds (got ${input.requestTtlMs})`);
  }
  return {
    approvers,
    ...(input.requesters ? { requesters: normaliseObjectIds(input.requesters, 'requesters') } : {}),
    minApprovals,
    requestTtlMs: input.requestTtlMs,
  };
}

export function samePerson(a: Pick<Person, 'id'>, b: Pick<Person, 'id'>): boolean {
  return a.id.trim().toLowerCase() === b.id.trim().toLowerCase();
}

export function isApprover(policy: Pick<ApprovalPolicy, 'approvers'>, person: Pick<Person, 'id'>): boolean {
  return policy.approvers.some((id) => samePerson({ id }, person));
}

export function mayRequest(policy: ApprovalPolicy, person: Pick<Person, 'id'>): boolean {
  return policy.requesters === undefined || policy.requesters.some((id) => samePerson({ id }, person));
}

/** Approvers other than the requester: if fewer than the quorum, the request could never be approved. */
export function eligibleApproverCount(policy: ApprovalPolicy, requester: Pick<Person, 'id'>): number {
  return policy.approvers.filter((id) => !samePerson({ id }, requester)).length;
}

/** True when an approver's own request could never reach the quorum (worth one warning at start-up). */
export function approversCannotRequest(policy: ApprovalPolicy): boolean {
  return policy.approvers.length - 1 < policy.minApprovals;
}

export function hasApproved(request: Pick<ApprovalRequest, 'approvals'>, person: Pick<Person, 'id'>): boolean {
  return request.approvals.some((approval) => samePerson(approval.by, person));
}

/** An approval that is on record but does not count now, and why. */
export interface DiscountedApproval {
  approval: Approval;
  reason: 'not an approver' | 'the requester';
}

export interface ApprovalStanding {
  /** Approvals from people who are approvers now (never the requester), in the order given. */
  counted: Approval[];
  discounted: DiscountedApproval[];
  /** The stricter of the quorum recorded on the request and the one configured now. */
  required: number;
  met: boolean;
}

/** Counts a request's approvals against the policy in force now. */
export function approvalStanding(policy: ApprovalPolicy, request: Pick<ApprovalRequest, 'approvals' | 'minApprovals' | 'requester'>): ApprovalStanding {
  const counted: Approval[] = [];
  const discounted: DiscountedApproval[] = [];
  for (const approval of request.approvals) {
    if (samePerson(approval.by, request.requester)) discounted.push({ approval, reason: 'the requester' });
    else if (!isApprover(policy, approval.by)) discounted.push({ approval, reason: 'not an approver' });
    else counted.push(approval);
  }
  const required = Math.max(request.minApprovals, policy.minApprovals);
  return { counted, discounted, required, met: counted.length >= required };
}

/** What the audit log records about a count: how many counted, how many were needed, and whose did not count. */
export function countingDetails(standing: ApprovalStanding): Record<string, unknown> {
  return {
    approvals: standing.counted.length,
    required: standing.required,
    ...(standing.discounted.length
      ? { notCounted: standing.discounted.map(({ approval, reason }) => ({ id: approval.by.id, name: approval.by.name, reason })) }
      : {}),
  };
}

/** Yes, or no with the refusal code that explains why. */
export type Permission = { allowed: true } | { allowed: false; refusal: RefusalCode };

export interface RequestPermissions {
  approve: Permission;
  reject: Permission;
  cancel: Permission;
  retry: Permission;
}

/** Anyone looking at the shared card: every button someone could use, each enforced again for the person who clicks. */
export const ANYONE = 'anyone';

const yes: Permission = { allowed: true };
const no = (refusal: RefusalCode): Permission => ({ allowed: false, refusal });

/**
 * What `person` may do with `request` at `now`; with ANYONE, what someone may (the shared card's buttons).
 * The service refuses with the code given here, and cards show exactly the allowed buttons.
 */
export function permissionsFor(policy: ApprovalPolicy, request: ApprovalRequest, person: Person | typeof ANYONE, now: Date): RequestPermissions {
  const pending = request.status === 'pending';
  const expired = pending && now.getTime() >= Date.parse(request.expiresAt);
  const openFor = (refusalIfNot: RefusalCode): Permission => (expired ? no('Expired') : pending ? yes : no(refusalIfNot));
  const retryable = request.status === 'failed' || request.status === 'partially-failed';
  if (person === ANYONE) {
    return { approve: openFor('NotPending'), reject: openFor('NotPending'), cancel: openFor('NotPending'), retry: retryable ? yes : no('NotRetryable') };
  }
  const isRequester = samePerson(request.requester, person);
  const approver = isApprover(policy, person);
  const approve = isRequester ? no('SelfApproval') : !approver ? no('NotAnApprover') : pending && !expired && hasApproved(request, person) ? no('AlreadyApproved') : openFor('NotPending');
  const reject = isRequester ? no('SelfRejection') : !approver ? no('NotAnApprover') : openFor('NotPending');
  const cancel = !isRequester ? no('NotTheRequester') : openFor('NotPending');
  const retry = !approver ? no('NotAnApprover') : retryable ? yes : no('NotRetryable');
  return { approve, reject, cancel, retry };
}
