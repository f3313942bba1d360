/**
 * Why the service said no, as a code the bot can branch on and one sentence a person can act on
 * (what went wrong + what to do next). Refusals are answers, not exceptions: nothing was changed.
 */
import { approvalStanding } from './policy';
import type { ApprovalPolicy, ApprovalRequest, RequestStatus } from './types';

export const REFUSAL_CODES = [
  'InvalidRequestId',
  'UnknownRequest',
  'PlanMismatch',
  'InvalidPlan',
  'SelfApproval',
  'SelfRejection',
  'NotAnApprover',
  'NotARequester',
  'QuorumUnreachable',
  'Expired',
  'NotPending',
  'AlreadyApproved',
  'NotTheRequester',
  'ReasonRequired',
  'ReasonTooLong',
  'NotRetryable',
  'Busy',
  'NotOpen',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const MAX_REASON_LENGTH = 500;

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refused';
}

export interface Refusal {
  kind: 'refused';
  /** A RefusalCode, or a DefenderErrorCode when Azure could not be read (retry re-plans against ARM). */
  code: RefusalCode | string;
  message: string;
  request?: ApprovalRequest;
}

const STATUS_WORDS: Record<RequestStatus, string> = {
  pending: 'waiting for approval',
  approved: 'approved',
  executing: 'approved and being applied',
  succeeded: 'done (it succeeded)',
  'partially-failed': 'finished with some changes failed',
  failed: 'finished and failed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  expired: 'expired',
  stale: 'stale (the settings changed since it was planned)',
};

export function describeStatus(status: RequestStatus): string {
  return STATUS_WORDS[status];
}

export const refuse = {
  invalidRequestId: (value: string): Refusal => ({
    kind: 'refused',
    code: 'InvalidRequestId',
    message: `"${value.slice(0, 40)}" is not a request id (expected req_ followed by 20 letters and digits); use the request's card buttons or copy the id exactly.`,
  }),
  unknownRequest: (id: string): Refusal => ({
    kind: 'refused',
    code: 'UnknownRequest',
    message: `No request ${id} exists; check the id, or run "status <subscription>" to start a new request.`,
  }),
  planMismatch: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'PlanMismatch',
    request,
    message: `The card you clicked shows a different plan than request ${request.id} holds, so nothing was recorded; refresh the card and review the current plan.`,
  }),
  invalidPlan: (problem: string): Refusal => ({ kind: 'refused', code: 'InvalidPlan', message: `${problem}; run "status <subscription>" to plan again.` }),
  selfApproval: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'SelfApproval',
    request,
    message: `You requested ${request.id}, so you can't approve it yourself; ask another approver to review it.`,
  }),
  selfRejection: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'SelfRejection',
    request,
    message: `You requested ${request.id}, so you can't reject it; use Cancel to withdraw it instead.`,
  }),
  notAnApprover: (request?: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'NotAnApprover',
    ...(request ? { request } : {}),
    message: `You are not on the approver list for Defender changes; ask one of the configured approvers, or an admin to add you.`,
  }),
  notARequester: (): Refusal => ({
    kind: 'refused',
    code: 'NotARequester',
    message: `You are not on the list of people who may request Defender changes; ask an admin to add you, or ask a listed requester.`,
  }),
  quorumUnreachable: (required: number, available: number): Refusal => ({
    kind: 'refused',
    code: 'QuorumUnreachable',
    message:
      `Nothing was opened: you are an approver, and nobody may approve their own request, so only the ${available} other approver(s) could approve it, ` +
      `but it needs ${required}. Ask someone who is not an approver (and may request changes) to make this request, so every approver can approve it; ` +
      'or ask an admin to add approvers or lower the number of approvals required.',
  }),
  expired: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'Expired',
    request,
    message: `Request ${request.id} expired at ${request.expiresAt} without enough approvals, so nothing changed; the requester can request it again.`,
  }),
  notPending: (request: ApprovalRequest, attempted: string): Refusal => ({
    kind: 'refused',
    code: 'NotPending',
    request,
    message: `Request ${request.id} is already ${describeStatus(request.status)}, so it can't be ${attempted} any more; see its card for the outcome.`,
  }),
  alreadyApproved: (request: ApprovalRequest, stillNeeded: number): Refusal => ({
    kind: 'refused',
    code: 'AlreadyApproved',
    request,
    message: `You already approved ${request.id}; it still needs ${stillNeeded} more approval(s) from other approvers, nothing else to do for you.`,
  }),
  notTheRequester: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'NotTheRequester',
    request,
    message: `Only ${request.requester.name}, who requested ${request.id}, can cancel it; approvers can Reject it with a reason instead.`,
  }),
  reasonRequired: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'ReasonRequired',
    request,
    message: `Rejecting ${request.id} needs a reason; type why in the reason box and reject again.`,
  }),
  reasonTooLong: (request: ApprovalRequest, length: number): Refusal => ({
    kind: 'refused',
    code: 'ReasonTooLong',
    request,
    message: `The reason is ${length} characters; shorten it to at most ${MAX_REASON_LENGTH} and reject again.`,
  }),
  notRetryable: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'NotRetryable',
    request,
    message: `Request ${request.id} is ${describeStatus(request.status)}; only a failed or partially failed request can be retried, otherwise start a new request.`,
  }),
  subscriptionBusy: (): Refusal => ({
    kind: 'refused',
    code: 'Busy',
    message: 'Another request for the same subscription is being opened at this very moment, so nothing was opened; try again in a moment.',
  }),
  notOpen: (request: ApprovalRequest): Refusal => ({
    kind: 'refused',
    code: 'NotOpen',
    request,
    message: `Request ${request.id} does not hold its subscriptions open (it was never fully opened, or another request took its place), so it cannot be approved; open a new request with \`enable\`.`,
  }),
  busy: (id: string): Refusal => ({
    kind: 'refused',
    code: 'Busy',
    message: `Request ${id} is being changed by many people at once; try again in a moment.`,
  }),
};

/** The refusal for a permission denied by permissionsFor (policy.ts), worded for this request. */
export function refuseFor(code: RefusalCode, request: ApprovalRequest, policy: ApprovalPolicy, attempted = 'changed'): Refusal {
  switch (code) {
    case 'SelfApproval':
      return refuse.selfApproval(request);
    case 'SelfRejection':
      return refuse.selfRejection(request);
    case 'NotAnApprover':
      return refuse.notAnApprover(request);
    case 'NotTheRequester':
      return refuse.notTheRequester(request);
    case 'Expired':
      return refuse.expired(request);
    case 'AlreadyApproved': {
      const standing = approvalStanding(policy, request);
      return refuse.alreadyApproved(request, Math.max(0, standing.required - standing.counted.length));
    }
    case 'NotRetryable':
      return refuse.notRetryable(request);
    default:
      return refuse.notPending(request, attempted);
  }
}
