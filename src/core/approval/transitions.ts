/**
 * Pure builders of a request's next state. Each goes through the transition table and bumps the version;
 * the service stores the result with compare-and-swap.
 */
import { planHash } from '../plan';
import type { ChangePlan } from '../plan';
import type { AuditEvent, AuditEventType } from '../audit/auditLog';
import { assertTransition } from './stateMachine';
import type { ApprovalPolicy, ApprovalRequest, Person, RequestStatus } from './types';

export interface NewRequestInput {
  id: string;
  plan: ChangePlan;
  requester: Person;
  policy: ApprovalPolicy;
  now: Date;
  retryOf?: string;
  revertOf?: string;
}

export function newRequest({ id, plan, requester, policy, now, retryOf, revertOf }: NewRequestInput): ApprovalRequest {
  const createdAt = now.toISOString();
  return {
    id,
    plan,
    planHash: planHash(plan),
    subscriptionIds: plan.targets.map((target) => target.subscriptionId.toLowerCase()),
    requester: { id: requester.id, name: requester.name },
    createdAt,
    expiresAt: new Date(now.getTime() + policy.requestTtlMs).toISOString(),
    updatedAt: createdAt,
    status: 'pending',
    approvals: [],
    minApprovals: policy.minApprovals,
    ...(retryOf ? { retryOf } : {}),
    ...(revertOf ? { revertOf } : {}),
    version: 1,
  };
}

/** The stored copy after a change: same request, new status and fields, next version, no stale eTag. */
export function moveTo(request: ApprovalRequest, to: RequestStatus, now: Date, changes: Partial<ApprovalRequest> = {}): ApprovalRequest {
  if (to !== request.status) assertTransition(request.status, to);
  const { eTag: _readETag, ...rest } = request;
  return { ...rest, ...changes, status: to, updatedAt: now.toISOString(), version: request.version + 1 };
}

export function isExpired(request: ApprovalRequest, now: Date): boolean {
  return request.status === 'pending' && now.getTime() >= Date.parse(request.expiresAt);
}

export function auditEvent(
  type: AuditEventType,
  request: ApprovalRequest,
  actor: Person,
  now: Date,
  details: Record<string, unknown> = {},
): AuditEvent {
  return {
    at: now.toISOString(),
    type,
    requestId: request.id,
    subscriptionIds: request.subscriptionIds,
    actor: { id: actor.id, name: actor.name },
    details: { version: request.version, ...details },
  };
}
