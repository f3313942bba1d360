/**
 * Load → decide → compare-and-swap, repeated on conflict: the one way the service changes a stored request.
 * Whoever loses a race decides again on the winner's copy, which is how exactly one approval executes.
 */
import type { Clock } from '../ports';
import { refuse, type Refusal } from './refusals';
import { isRequestId } from './requestId';
import type { RequestRepository } from './requestRepository';
import type { ApprovalRequest } from './types';

/** A decision on the current copy: answer without writing, or store `next` and then run `after`. */
export type Step<R> = { answer: R } | { next: ApprovalRequest; after: (stored: ApprovalRequest) => Promise<R> };

/** Each lost race means someone else made progress; this bound only stops a store that never accepts a write. */
const MAX_CAS_ATTEMPTS = 200;

export async function transact<R>(
  requests: RequestRepository,
  clock: Clock,
  requestId: string,
  decide: (current: ApprovalRequest, now: Date) => Step<R> | Promise<Step<R>>,
): Promise<R | Refusal> {
  if (!isRequestId(requestId)) return refuse.invalidRequestId(String(requestId));
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const current = await requests.get(requestId);
    if (!current) return refuse.unknownRequest(requestId);
    const step = await decide(current, clock.now());
    if ('answer' in step) return step.answer;
    if (!current.eTag) throw new Error(`StoreMisconfigured: request ${requestId} was read without an eTag; use a store that honours eTags.`);
    if (await requests.compareAndSwap(step.next, current.eTag)) return step.after(step.next);
  }
  return refuse.busy(requestId);
}
