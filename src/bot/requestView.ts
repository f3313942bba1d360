/** An approval request as a card, for one viewer or (the shared card) for everyone. */
import { ApprovalCardModel, AdaptiveCardJson, buildApprovalCard, buildRequestTargetsCard, ViewerRole } from '../cards';
import { requestHeading, usesTargetsCard } from './requestKind';
import { ANYONE, approvalStanding, isApprover, permissionsFor, samePerson, type ApprovalPolicy, type ApprovalRequest, type Person } from '../core/approval';

/** What a card needs besides the request: the policy in force now (buttons, quorum) and who gets refreshed views. */
export interface CardAudience {
  policy: ApprovalPolicy;
  now: Date;
  /** `refresh.userIds`: user MRIs, approvers first (RefreshAudience). */
  refreshUserIds: string[];
}

/** The shared card posted to a conversation: everyone sees it; the server decides who may use its buttons. */
export const EVERYONE = 'everyone';

export function viewerRoleOf(request: ApprovalRequest, viewer: Person | undefined, policy: Pick<ApprovalPolicy, 'approvers'>): ViewerRole {
  if (!viewer) return 'observer';
  if (samePerson(viewer, request.requester)) return 'requester';
  return isApprover(policy, viewer) ? 'approver' : 'observer';
}

export function approvalCardModel(request: ApprovalRequest, viewer: Person | undefined | typeof EVERYONE, audience: CardAudience): ApprovalCardModel & { viewerRole: ViewerRole } {
  const target = request.plan.targets[0];
  const { policy, now } = audience;
  // One rule in one place: the buttons are exactly what permissionsFor allows this viewer (or anyone, on the shared card).
  const can = permissionsFor(policy, request, viewer === EVERYONE ? ANYONE : viewer ?? { id: '', name: '' }, now);
  const standing = approvalStanding(policy, request);
  return {
    viewerRole: viewer === EVERYONE ? 'everyone' : viewerRoleOf(request, viewer, policy),
    requestId: request.id,
    planHash: request.planHash,
    status: request.status,
    plan: target,
    requester: { name: request.requester.name },
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    approvals: standing.counted.map((approval) => ({ name: approval.by.name, at: approval.at })),
    notCounted: standing.discounted.map(({ approval, reason }) => ({ name: approval.by.name, reason })),
    minApprovals: standing.required,
    buttons: { approve: can.approve.allowed, reject: can.reject.allowed, cancel: can.cancel.allowed, retry: can.retry.allowed },
    rejection: request.rejection ? { by: { name: request.rejection.by.name }, reason: request.rejection.reason, at: request.rejection.at } : undefined,
    cancelledBy: request.cancellation ? { name: request.cancellation.by.name } : undefined,
    outcome: request.outcomes?.find((outcome) => outcome.subscriptionId === target.subscriptionId),
    statusReason: request.statusReason,
    refreshUserIds: audience.refreshUserIds,
  };
}

/**
 * A single-subscription `enable` keeps its familiar card; several subscriptions, a revert or an onboarding
 * get the card with one section per subscription (paged: `page` is 1-based).
 */
export interface ApprovalCardOptions {
  /** 1-based page of a card with many subscriptions. */
  page?: number;
  /** A one-line notice for this viewer (why their click was refused). */
  notice?: string;
}

export function approvalCard(request: ApprovalRequest, viewer: Person | undefined | typeof EVERYONE, audience: CardAudience, options: ApprovalCardOptions = {}): AdaptiveCardJson {
  const { page = 1, notice } = options;
  const { viewerRole, plan: first, outcome, ...rest } = approvalCardModel(request, viewer, audience);
  const model = notice ? { ...rest, notice } : rest;
  if (!usesTargetsCard(request)) return buildApprovalCard({ ...model, plan: first, outcome }, viewerRole);
  const targets = request.plan.targets.map((plan) => ({
    plan,
    outcome: request.outcomes?.find((candidate) => candidate.subscriptionId === plan.subscriptionId),
  }));
  return buildRequestTargetsCard({ ...model, heading: requestHeading(request), targets, page, ...(request.revertOf ? { revertOf: request.revertOf } : {}) }, viewerRole);
}
