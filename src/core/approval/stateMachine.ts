/**
 * The request lifecycle in one table. Every status change in the service goes through assertTransition,
 * so a path not listed here (say, rejected → executing) cannot happen by accident.
 *
 * `approved` is a real state of the table but is not persisted on its own: the approval that meets the quorum
 * moves pending → approved → executing in one compare-and-swap, so exactly one caller wins the right to execute
 * and no request can sit "approved but never started".
 */
import type { RequestStatus } from './types';

export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['approved', 'rejected', 'cancelled', 'expired', 'stale'],
  approved: ['executing'],
  executing: ['succeeded', 'partially-failed', 'failed', 'stale'],
  succeeded: [],
  'partially-failed': [],
  failed: [],
  rejected: [],
  cancelled: [],
  expired: [],
  stale: [],
};

/** Open requests block another request for the same subscription. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'executing'];

export function isOpenStatus(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isTerminalStatus(status: RequestStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  readonly code = 'InvalidTransition';
  constructor(readonly from: RequestStatus, readonly to: RequestStatus) {
    super(`A request cannot go from ${from} to ${to}; this is a bug in the caller, please report it with the request id.`);
  }
}

export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (!canTransition(from, to)) throw new TransitionError(from, to);
}
