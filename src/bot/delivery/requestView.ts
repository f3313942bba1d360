/** An approval request as its card, for one viewer or (the shared card) for everyone. */
import { AdaptiveCardJson, buildRequestCard, RequestCardModel, ViewerRole } from '../../cards';
import { requestHeading } from './requestHeading';
import { ANYONE, approvalStanding, isApprover, permissionsFor, samePerson, type ApprovalPolicy, type ApprovalRequest, type Person } from '../../core/approval';
import type { Clock } from '../../core/ports';
import type { TurnContext } from 'botbuilder';
import type { CardLocations } from './cardLocations';
import type { RefreshAudience } from './refreshAudience';

/** What a card needs besides the request: the policy in force now (buttons, quorum) and who gets refreshed views. */
export interface CardAudience {
  policy: ApprovalPolicy;
  now: Date;
  /** `refresh.userIds`: user MRIs, approvers first (RefreshAudience). */
  refreshUserIds: string[];
}

/** Where a card's audience comes from: the policy and clock in force, who was seen on the request's cards, the roster. */
export interface AudienceSources {
  policy: ApprovalPolicy;
  clock: Clock;
  cardLocations: CardLocations;
  refreshAudience: RefreshAudience;
}

/**
 * The one place a request card's audience is gathered, for the conversation `context` is in. `seen` is the
 * request's card-locations document when the caller has just read it (saves reading it again).
 */
export async function gatherAudience(context: TurnContext, request: ApprovalRequest, sources: AudienceSources, seen?: { userMris: string[] }): Promise<CardAudience> {
  const { userMris } = seen ?? (await sources.cardLocations.get(request.id));
  const refreshUserIds = await sources.refreshAudience.userIdsFor(context, request, userMris);
  return { policy: sources.policy, now: sources.clock.now(), refreshUserIds };
}

/** The shared card posted to a conversation: everyone sees it; the server decides who may use its buttons. */
export const EVERYONE = 'everyone';

export interface RequestCardOptions {
  /** 1-based page of a card with many subscriptions. */
  page?: number;
  /** A one-line notice for this viewer (why their click was refused). */
  notice?: string;
}

export function viewerRoleOf(request: ApprovalRequest, viewer: Person | undefined, policy: Pick<ApprovalPolicy, 'approvers'>): ViewerRole {
  if (!viewer) return 'observer';
  if (samePerson(viewer, request.requester)) return 'requester';
  return isApprover(policy, viewer) ? 'approver' : 'observer';
}

export function requestCardModel(request: ApprovalRequest, viewer: Person | undefined | typeof EVERYONE, audience: CardAudience, options: RequestCardOptions = {}): RequestCardModel {
  const { policy, now } = audience;
  // One rule in one place: the buttons are exactly what permissionsFor allows this viewer (or anyone, on the shared card).
  const can = permissionsFor(policy, request, viewer === EVERYONE ? ANYONE : viewer ?? { id: '', name: '' }, now);
  const standing = approvalStanding(policy, request);
  return {
    heading: requestHeading(request),
    requestId: request.id,
    planHash: request.planHash,
    status: request.status,
    targets: request.plan.targets.map((plan) => ({ plan, outcome: request.outcomes?.find((outcome) => outcome.subscriptionId === plan.subscriptionId) })),
    ...(options.page ? { page: options.page } : {}),
    requester: { name: request.requester.name },
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    approvals: standing.counted.map((approval) => ({ name: approval.by.name, at: approval.at })),
    notCounted: standing.discounted.map(({ approval, reason }) => ({ name: approval.by.name, reason })),
    minApprovals: standing.required,
    buttons: { approve: can.approve.allowed, reject: can.reject.allowed, cancel: can.cancel.allowed, retry: can.retry.allowed },
    rejection: request.rejection ? { by: { name: request.rejection.by.name }, reason: request.rejection.reason, at: request.rejection.at } : undefined,
    cancelledBy: request.cancellation ? { name: request.cancellation.by.name } : undefined,
    statusReason: request.statusReason,
    ...(request.retryOf ? { retryOf: request.retryOf } : {}),
    ...(request.revertOf ? { revertOf: request.revertOf } : {}),
    refreshUserIds: audience.refreshUserIds,
    ...(options.notice ? { notice: options.notice } : {}),
  };
}

export function drawRequestCard(request: ApprovalRequest, viewer: Person | undefined | typeof EVERYONE, audience: CardAudience, options: RequestCardOptions = {}): AdaptiveCardJson {
  const role = viewer === EVERYONE ? 'everyone' : viewerRoleOf(request, viewer, audience.policy);
  return buildRequestCard(requestCardModel(request, viewer, audience, options), role);
}
