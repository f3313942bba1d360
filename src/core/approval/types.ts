/**
 * An approval request: what someone asked to change, who said yes or no, and what happened.
 * Stored as JSON (dates are ISO strings) so the file store and blob storage hold it unchanged.
 */
import type { ChangePlan } from '../plan';
import type { TargetOutcome } from '../outcome';

export type RequestStatus =
  | 'pending'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'partially-failed'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'stale';

/** A person as Teams identifies them. Always taken from the activity (aadObjectId), never from card data. */
export interface Person {
  id: string;
  name: string;
}

export interface Approval {
  by: Person;
  at: string;
}

export interface Rejection {
  by: Person;
  reason: string;
  at: string;
}

export interface Cancellation {
  by: Person;
  at: string;
}

export interface ApprovalRequest {
  /** `req_` + 20 base32 characters; see requestId.ts. */
  id: string;
  plan: ChangePlan;
  /** planHash(plan): what every approval click is bound to. */
  planHash: string;
  /** The plan's target subscriptions, lower-case: what the one-open-request-per-subscription rule keys on. */
  subscriptionIds: string[];
  requester: Person;
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
  status: RequestStatus;
  /** Distinct approvers, in the order they approved. */
  approvals: Approval[];
  /** The quorum in force when the request was made (a later policy change does not move the goalposts). */
  minApprovals: number;
  rejection?: Rejection;
  cancellation?: Cancellation;
  /** When the request entered `executing` (also refreshed when a start-up reconcile takes it over). */
  executionStartedAt?: string;
  completedAt?: string;
  /** Per-target results once executed. */
  outcomes?: TargetOutcome[];
  /** Why the request ended the way it did, in a sentence (expired, stale, interrupted, ...). */
  statusReason?: string;
  /** The failed request this one retries. */
  retryOf?: string;
  /** The request whose before-state this one restores. */
  revertOf?: string;
  /** Incremented on every stored change. */
  version: number;
  /** The storage eTag this copy was read with; absent on copies not read from storage. Never persisted. */
  eTag?: string;
}

export interface ApprovalPolicy {
  /** Who may approve or reject (aadObjectIds). */
  approvers: string[];
  /** Who may request; unset means anyone. */
  requesters?: string[];
  /** Distinct approvals needed (the requester never counts); default 1. */
  minApprovals: number;
  /** How long a pending request waits for approval. */
  requestTtlMs: number;
}
