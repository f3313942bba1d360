/**
 * Opening a request. It exists only once it holds its subscriptions' locks and its `request.created` entry is
 * written: the document is written marked `opening`, the locks are taken, the entry is appended, the mark is
 * cleared. Any failure on the way undoes what was done, so opening completes or leaves nothing that can be approved.
 */
import type { AuditEventType } from '../audit/auditLog';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import { isEmptyPlan, keepTargets, type ChangePlan } from '../plan';
import type { Clock, IdGenerator } from '../ports';
import { ApprovalFlowError } from './errors';
import { eligibleApproverCount } from './policy';
import { refuse } from './refusals';
import { isRequestId } from './requestId';
import { StoreContentionError, type ClaimResult, type RequestRepository } from './requestRepository';
import type * as Results from './results';
import { newRequest } from './transitions';
import type { ApprovalPolicy, ApprovalRequest, Person } from './types';

/** What a new request is linked to: the failed request it retries, or the one whose state it restores. */
export interface RequestLinks {
  retryOf?: string;
  revertOf?: string;
}

export interface OpeningDeps {
  requests: RequestRepository;
  clock: Clock;
  ids: IdGenerator;
  policy: ApprovalPolicy;
  audited(type: AuditEventType, request: ApprovalRequest, actor: Person, now: Date, details?: Record<string, unknown>): Promise<void>;
  /** Whether an open request holding a subscription still blocks a new one (the service expires one past its time). */
  stillBlocks(holder: ApprovalRequest): Promise<boolean>;
}

export async function openRequest(deps: OpeningDeps, { plan, requester, links }: { plan: ChangePlan; requester: Person; links: RequestLinks }): Promise<Results.RequestResult> {
  const withChanges = keepTargets(plan, (target) => target.changes.length > 0);
  if (isEmptyPlan(withChanges)) return { kind: 'nothing-to-change' };
  const subscriptionIds = withChanges.targets.map((target) => target.subscriptionId.toLowerCase());
  if (new Set(subscriptionIds).size !== subscriptionIds.length) return refuse.invalidPlan('The plan lists the same subscription twice');
  const available = eligibleApproverCount(deps.policy, requester);
  if (available < deps.policy.minApprovals) return refuse.quorumUnreachable(deps.policy.minApprovals, available);

  const id = deps.ids.newId();
  if (!isRequestId(id)) throw new ApprovalFlowError('InvalidGeneratedId', `the id generator produced "${id}"; wire createRequestIdGenerator().`);
  const now = deps.clock.now();
  const created = newRequest({ id, plan: withChanges, requester, policy: deps.policy, now, ...links });
  await deps.requests.create(created);
  let claim: ClaimResult;
  try {
    claim = await deps.requests.claimOpen(created, deps.stillBlocks);
  } catch (error) {
    await deps.requests.discard(created.id);
    if (error instanceof StoreContentionError) return refuse.subscriptionBusy();
    throw error;
  }
  if (claim.kind !== 'claimed') {
    await deps.requests.discard(created.id);
    return claim.kind === 'blocked' ? { kind: 'already-open', request: claim.holder } : refuse.subscriptionBusy();
  }
  let createdEntryWritten = false;
  try {
    await deps.audited('request.created', created, requester, now, {
      planHash: created.planHash,
      expiresAt: created.expiresAt,
      minApprovals: created.minApprovals,
      kind: created.plan.kind,
      changes: created.plan.targets.map((target) => ({ subscriptionId: target.subscriptionId, ...(target.kind === 'enable' ? { apiSubPlan: target.apiSubPlan } : {}), changes: target.changes })),
      ...links,
    });
    createdEntryWritten = true;
    return { kind: 'created', request: await deps.requests.markOpened(created) };
  } catch (error) {
    await deps.requests.releaseOpen(created);
    await deps.requests.discard(created.id);
    if (createdEntryWritten) await deps.audited('request.abandoned', created, SYSTEM_ACTOR, deps.clock.now(), { reason: 'storage failed while the request was being opened; it never existed' });
    throw error;
  }
}
