/**
 * The approval flow: request → approvals → one elected executor → outcomes, with every change stored by
 * compare-and-swap (so concurrent clicks, or several processes on one store, elect exactly one winner)
 * and every transition appended to the audit log.
 */
import type { AuditEventType, AuditLog } from '../audit/auditLog';
import { SYSTEM_ACTOR } from '../audit/auditLog';
import { isDefenderError } from '../errors';
import type { ChangePlan } from '../plan';
import type { Clock, DefenderGateway, IdGenerator } from '../ports';
import { ApprovalFlowError, assertIdentity } from './errors';
import { describeFinal, executeTarget, finalStatus, quorumLostOutcomes, reconcileTarget } from './execution';
import type { FinalStatus } from './execution';
import { approvalStanding, countingDetails, mayRequest, permissionsFor } from './policy';
import { isRefusal, MAX_REASON_LENGTH, refuse, refuseFor, type Refusal, type RefusalCode } from './refusals';
import { isRequestId } from './requestId';
import { isOpenStatus } from './stateMachine';
import { StoreContentionError, type RequestRepository } from './requestRepository';
import type * as Results from './results';
import { auditEvent, isExpired, moveTo } from './transitions';
import type { ApprovalPolicy, ApprovalRequest, Person } from './types';
import type { TargetOutcome } from '../outcome';
import { transact, type Step } from './transact';
import { openRequest, type RequestLinks } from './openRequest';
import { replanUnfinished } from './replan';

export interface ApprovalServiceDeps {
  requests: RequestRepository;
  audit: AuditLog;
  gateway: DefenderGateway;
  clock: Clock;
  ids: IdGenerator;
  policy: ApprovalPolicy;
  /** An approved request starts no ARM call after this long in `executing`; default DEFAULT_APPLY_TIMEOUT_MS. */
  applyTimeoutMs?: number;
}

/** Crash recovery waits longer than this (plus the ARM call timeout) before it trusts what ARM shows: see reconcileDelayMs. */
export const DEFAULT_APPLY_TIMEOUT_MS = 10 * 60_000;


export class ApprovalService {
  /** Requests this process is applying right now: a second execute() for one of them is refused. */
  private readonly executing = new Set<string>();

  constructor(private readonly deps: ApprovalServiceDeps) {}

  async request({ plan, requester, revertOf }: Results.RequestInput): Promise<Results.RequestResult> {
    assertIdentity(requester, 'requester');
    if (!mayRequest(this.deps.policy, requester)) return refuse.notARequester();
    return this.createRequest(plan, requester, revertOf ? { revertOf } : {});
  }

  async approve({ requestId, planHash, approver }: Results.ApproveInput): Promise<Results.ApproveResult> {
    assertIdentity(approver, 'approver');
    return this.transact<Results.ApproveResult>(requestId, async (current, now) => {
      if (planHash !== current.planHash) return { answer: refuse.planMismatch(current) };
      const permission = permissionsFor(this.deps.policy, current, approver, now).approve;
      if (!permission.allowed) return this.refusalStep(permission.refusal, current, now, 'approved');
      if (!(await this.deps.requests.holdsOpen(current))) return { answer: refuse.notOpen(current) };
      const approvals = [...current.approvals, { by: { id: approver.id, name: approver.name }, at: now.toISOString() }];
      const standing = approvalStanding(this.deps.policy, { ...current, approvals });
      const counting = countingDetails(standing);
      if (!standing.met) {
        const next = moveTo(current, 'pending', now, { approvals });
        return { next, after: async (stored) => {
          await this.audited('request.approval-recorded', stored, approver, now, counting);
          return { kind: 'recorded', request: stored };
        } };
      }
      // Quorum met: pending → approved → executing in one compare-and-swap, which elects the single executor.
      const approved = moveTo(current, 'approved', now, { approvals });
      const next = { ...moveTo(approved, 'executing', now, { executionStartedAt: now.toISOString() }), version: current.version + 1 };
      return { next, after: async (stored) => {
        await this.audited('request.approval-recorded', stored, approver, now, counting);
        await this.audited('request.executing', stored, approver, now, { approvers: standing.counted.map((approval) => approval.by), ...counting });
        return { kind: 'execute', request: stored };
      } };
    });
  }

  async reject({ requestId, planHash, approver, reason }: Results.RejectInput): Promise<Results.RejectResult> {
    assertIdentity(approver, 'approver');
    const trimmedReason = (reason ?? '').trim();
    return this.transact<Results.RejectResult>(requestId, (current, now) => {
      if (planHash !== undefined && planHash !== current.planHash) return { answer: refuse.planMismatch(current) };
      const permission = permissionsFor(this.deps.policy, current, approver, now).reject;
      if (!permission.allowed) return this.refusalStep(permission.refusal, current, now, 'rejected');
      if (trimmedReason === '') return { answer: refuse.reasonRequired(current) };
      if (trimmedReason.length > MAX_REASON_LENGTH) return { answer: refuse.reasonTooLong(current, trimmedReason.length) };
      const rejection = { by: { id: approver.id, name: approver.name }, reason: trimmedReason, at: now.toISOString() };
      const next = moveTo(current, 'rejected', now, { rejection, completedAt: now.toISOString() });
      return { next, after: async (stored) => {
        await this.closed('request.rejected', stored, approver, now, { reason: trimmedReason });
        return { kind: 'rejected', request: stored };
      } };
    });
  }

  async cancel({ requestId, actor }: Results.CancelInput): Promise<Results.CancelResult> {
    assertIdentity(actor, 'actor');
    return this.transact<Results.CancelResult>(requestId, (current, now) => {
      const permission = permissionsFor(this.deps.policy, current, actor, now).cancel;
      if (!permission.allowed) return this.refusalStep(permission.refusal, current, now, 'cancelled');
      const cancellation = { by: { id: actor.id, name: actor.name }, at: now.toISOString() };
      const next = moveTo(current, 'cancelled', now, { cancellation, completedAt: now.toISOString() });
      return { next, after: async (stored) => {
        await this.closed('request.cancelled', stored, actor, now);
        return { kind: 'cancelled', request: stored };
      } };
    });
  }

  /** Approvers only: re-plans the targets that did not succeed from ARM's current state, as a new linked request. */
  async retry({ requestId, actor }: Results.RetryInput): Promise<Results.RetryResult> {
    assertIdentity(actor, 'actor');
    if (!isRequestId(requestId)) return refuse.invalidRequestId(requestId);
    const original = await this.deps.requests.get(requestId);
    if (!original) return refuse.unknownRequest(requestId);
    const permission = permissionsFor(this.deps.policy, original, actor, this.deps.clock.now()).retry;
    if (!permission.allowed) return refuseFor(permission.refusal, original, this.deps.policy);
    let plan: ChangePlan;
    try {
      plan = await replanUnfinished(this.deps.gateway, original);
    } catch (error) {
      if (!isDefenderError(error)) throw error;
      return { kind: 'refused', code: error.code, message: error.message, request: original };
    }
    const result = await this.createRequest(plan, actor, { retryOf: original.id });
    if (result.kind === 'created') {
      await this.audited('request.retried', original, actor, this.deps.clock.now(), { newRequestId: result.request.id });
    }
    return result;
  }

  /**
   * Applies a request that the caller moved to `executing` (approve() answered `execute`). Targets run concurrently;
   * a gateway error fails that target with its code. Always ends in a final status, never leaves it executing.
   */
  async execute(requestId: string, options: Results.ExecuteOptions = {}): Promise<ApprovalRequest> {
    return this.runExclusively(requestId, async (request) => {
      // Counted again just before any write: only approvals from people who are approvers now may authorise it.
      const standing = approvalStanding(this.deps.policy, request);
      if (!standing.met) return this.complete(request.id, quorumLostOutcomes(request.plan, standing));
      const deadline = this.applyDeadline(request, options.abortSignal);
      const outcomes = await Promise.all(request.plan.targets.map((target) => executeTarget(this.deps.gateway, target, { ...options, abortSignal: deadline })));
      return this.complete(request.id, outcomes);
    });
  }

  /** Aborts every ARM call still running, and refuses new ones, once the request has been executing for applyTimeoutMs. */
  private applyDeadline(request: ApprovalRequest, callerSignal?: AbortSignal): AbortSignal {
    const startedAtMs = Date.parse(request.executionStartedAt ?? request.updatedAt);
    const remainingMs = startedAtMs + (this.deps.applyTimeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS) - this.deps.clock.now().getTime();
    const deadline = AbortSignal.timeout(Math.max(0, remainingMs));
    return callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
  }

  async get(requestId: string): Promise<ApprovalRequest | undefined> {
    return isRequestId(requestId) ? this.deps.requests.get(requestId) : undefined;
  }

  /** Pending requests a person can act on now: as an approver (not theirs, not yet approved) or as the requester (Cancel). */
  async listActionable(person: Person): Promise<ApprovalRequest[]> {
    const now = this.deps.clock.now();
    const open = await this.deps.requests.listOpen();
    return open
      .filter((request) => {
        const can = permissionsFor(this.deps.policy, request, person, now);
        return can.approve.allowed || can.cancel.allowed;
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async openRequestFor(subscriptionId: string): Promise<ApprovalRequest | undefined> {
    return this.deps.requests.openBySubscription(subscriptionId);
  }

  /** The sweeper: pending requests past expiresAt become expired. Returns them so the bot can update their cards. */
  async expireDue(): Promise<ApprovalRequest[]> {
    const now = this.deps.clock.now();
    const due = (await this.deps.requests.listOpen()).filter((request) => isExpired(request, now));
    const expired: ApprovalRequest[] = [];
    for (const request of due) {
      const result = await this.transact<ApprovalRequest | undefined>(request.id, (current, at) =>
        isExpired(current, at) ? this.expireStep(current, at, (stored) => stored) : { answer: undefined });
      if (result && !isRefusal(result)) expired.push(result);
    }
    return expired;
  }

  /**
   * Recovery of requests left in `executing` by a crash, at start-up and from the sweeper. Pass `minAgeMs` =
   * reconcileDelayMs(...): only then can no write the dead executor sent still be on its way. Recovery never writes
   * to Azure (see reconcileTarget); it records what is true. Taking a request over is a compare-and-swap, so two
   * instances never both record it.
   */
  async reconcileInterrupted(options: Results.ReconcileOptions = {}): Promise<ApprovalRequest[]> {
    const now = this.deps.clock.now();
    const cutoff = now.getTime() - (options.minAgeMs ?? 0);
    const interrupted = (await this.deps.requests.listOpen()).filter((request) =>
      request.status === 'executing' && Date.parse(request.executionStartedAt ?? request.updatedAt) <= cutoff);
    const reconciled: ApprovalRequest[] = [];
    for (const request of interrupted) {
      const takenOver = moveTo(request, 'executing', now, { executionStartedAt: now.toISOString() });
      if (!request.eTag || !(await this.deps.requests.compareAndSwap(takenOver, request.eTag))) continue;
      reconciled.push(await this.runExclusively(request.id, async (current) => {
        const outcomes = await Promise.all(current.plan.targets.map((target) => reconcileTarget(this.deps.gateway, target, options)));
        await this.audited('request.reconciled', current, SYSTEM_ACTOR, this.deps.clock.now(), {
          reason: `found executing since ${request.executionStartedAt ?? request.updatedAt}; nothing was written again`,
          found: outcomes.map((outcome) => ({ subscriptionId: outcome.subscriptionId, settings: outcome.settings.map(({ setting, subject, status }) => ({ setting, ...(subject ? { subject } : {}), status })) })),
        });
        return this.complete(current.id, outcomes);
      }));
    }
    return reconciled;
  }

  private createRequest(plan: ChangePlan, requester: Person, links: RequestLinks = {}): Promise<Results.RequestResult> {
    const { requests, clock, ids, policy } = this.deps;
    return openRequest({ requests, clock, ids, policy, audited: this.audited.bind(this), stillBlocks: (holder) => this.stillBlocks(holder) }, { plan, requester, links });
  }

  /** An open holder blocks a new request unless its time ran out, in which case it is expired on the spot. */
  private async stillBlocks(holder: ApprovalRequest): Promise<boolean> {
    if (!isExpired(holder, this.deps.clock.now())) return true;
    const result = await this.transact<boolean>(holder.id, (current, now) =>
      isExpired(current, now) ? this.expireStep(current, now, async () => false) : { answer: isOpenStatus(current.status) });
    return result === true;
  }

  /** A refusal as a transaction step; an expired request is expired on the spot before the refusal is given. */
  private refusalStep<R>(code: RefusalCode, current: ApprovalRequest, now: Date, attempted: string): Step<R | Refusal> {
    if (code === 'Expired') return this.expireStep(current, now, (stored) => refuse.expired(stored));
    return { answer: refuseFor(code, current, this.deps.policy, attempted) };
  }

  private expireStep<R>(current: ApprovalRequest, now: Date, answer: (stored: ApprovalRequest) => R | Promise<R>): Step<R> {
    const next = moveTo(current, 'expired', now, { completedAt: now.toISOString(), statusReason: `Not enough approvals before ${current.expiresAt}.` });
    return { next, after: async (stored) => {
      await this.closed('request.expired', stored, SYSTEM_ACTOR, now, { expiresAt: stored.expiresAt, approvals: stored.approvals.length });
      return answer(stored);
    } };
  }

  private transact<R>(requestId: string, decide: (current: ApprovalRequest, now: Date) => Step<R> | Promise<Step<R>>): Promise<R | Refusal> {
    return transact(this.deps.requests, this.deps.clock, requestId, decide);
  }

  private async runExclusively(requestId: string, run: (request: ApprovalRequest) => Promise<ApprovalRequest>): Promise<ApprovalRequest> {
    const request = await this.deps.requests.get(requestId);
    if (!request) throw new ApprovalFlowError('UnknownRequest', `no request ${requestId} exists to execute.`);
    if (request.status !== 'executing' || this.executing.has(requestId)) {
      throw new ApprovalFlowError('NotExecuting', `request ${requestId} is ${request.status}${this.executing.has(requestId) ? ' and already being applied here' : ''}; only the caller whose approve() answered "execute" may run it, once.`);
    }
    this.executing.add(requestId);
    try {
      return await run(request);
    } finally {
      this.executing.delete(requestId);
    }
  }

  /** Stores the outcomes and the final status. Only the elected executor gets here, but a conflict is still re-read. */
  private async complete(requestId: string, outcomes: TargetOutcome[]): Promise<ApprovalRequest> {
    const status: FinalStatus = finalStatus(outcomes);
    const result = await this.transact<ApprovalRequest>(requestId, (current, now) => {
      if (current.status !== 'executing') return { answer: current };
      const next = moveTo(current, status, now, { outcomes, completedAt: now.toISOString(), statusReason: describeFinal(status, outcomes, current.plan.kind) });
      return { next, after: async (stored) => {
        await this.closed(`request.${status}`, stored, SYSTEM_ACTOR, now, { outcomes });
        return stored;
      } };
    });
    if (isRefusal(result)) throw new ApprovalFlowError('UnknownRequest', `${result.code}: ${result.message}`);
    return result;
  }

  /**
   * A request reached an end: free its subscriptions for new requests, then record it. A lock that cannot be freed
   * now is no loss: the next request for that subscription finds this one finished and takes the lock.
   */
  private async closed(type: AuditEventType, request: ApprovalRequest, actor: Person, now: Date, details: Record<string, unknown> = {}) {
    try {
      await this.deps.requests.releaseOpen(request);
    } catch (error) {
      if (!(error instanceof StoreContentionError)) throw error;
    }
    await this.audited(type, request, actor, now, details);
  }

  private async audited(type: AuditEventType, request: ApprovalRequest, actor: Person, now: Date, details: Record<string, unknown> = {}) {
    await this.deps.audit.append(auditEvent(type, request, actor, now, details));
  }
}
