/** An approval request as a card, for one viewer or (the base card) for everyone. */
import { ApprovalCardModel, AdaptiveCardJson, buildApprovalCard, buildRequestTargetsCard, ViewerRole } from '../cards';
import { requestHeading, usesTargetsCard } from './requestKind';
import type { ApprovalRequest, Person } from '../core/approval';

/** Teams shows `refresh` to at most 60 users. */
const MAX_REFRESH_USERS = 60;

export function viewerRoleOf(request: ApprovalRequest, viewer: Person | undefined, approverIds: string[]): ViewerRole {
  if (!viewer) return 'observer';
  if (viewer.id === request.requester.id) return 'requester';
  return approverIds.includes(viewer.id) ? 'approver' : 'observer';
}

export function approvalCardModel(
  request: ApprovalRequest,
  viewerRole: ViewerRole,
  refreshUsers: { approverIds: string[]; userMris?: string[] },
): ApprovalCardModel & { viewerRole: ViewerRole } {
  const target = request.plan.targets[0];
  const refreshUserIds = [...new Set([request.requester.id, ...(refreshUsers.userMris ?? []), ...refreshUsers.approverIds])].slice(0, MAX_REFRESH_USERS);
  return {
    viewerRole,
    requestId: request.id,
    planHash: request.planHash,
    status: request.status,
    plan: target,
    requester: { name: request.requester.name },
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    approvals: request.approvals.map((approval) => ({ name: approval.by.name, at: approval.at })),
    minApprovals: request.minApprovals,
    rejection: request.rejection ? { by: { name: request.rejection.by.name }, reason: request.rejection.reason, at: request.rejection.at } : undefined,
    cancelledBy: request.cancellation ? { name: request.cancellation.by.name } : undefined,
    outcome: request.outcomes?.find((outcome) => outcome.subscriptionId === target.subscriptionId),
    refreshUserIds,
  };
}

/**
 * A single-subscription `enable` keeps its familiar card; several subscriptions, a revert or an onboarding
 * get the card with one section per subscription (paged: `page` is 1-based).
 */
export function approvalCard(
  request: ApprovalRequest,
  viewerRole: ViewerRole,
  refreshUsers: { approverIds: string[]; userMris?: string[] },
  page = 1,
): AdaptiveCardJson {
  const { viewerRole: role, plan: _first, outcome: _outcome, ...model } = approvalCardModel(request, viewerRole, refreshUsers);
  if (!usesTargetsCard(request)) return buildApprovalCard({ ...model, plan: _first, outcome: _outcome }, role);
  const targets = request.plan.targets.map((plan) => ({
    plan,
    outcome: request.outcomes?.find((outcome) => outcome.subscriptionId === plan.subscriptionId),
  }));
  return buildRequestTargetsCard({ ...model, heading: requestHeading(request), targets, page, ...(request.revertOf ? { revertOf: request.revertOf } : {}) }, role);
}
