/**
 * Every `intervalMs`: expires requests past their time, and finishes requests stuck in `executing` (a storage
 * or process failure between approval and apply), then updates their cards.
 */
import type { ApprovalRequest } from '../core/approval';
import type { BotDeps } from './deps';

/** Far longer than any apply takes, so the sweep never competes with a live execution. */
export const STUCK_EXECUTION_MS = 10 * 60_000;

export function startSweeper(deps: Pick<BotDeps, 'approvals' | 'publisher' | 'background' | 'logger'>, intervalMs: number) {
  const sweep = async () => {
    const expired = await deps.approvals.expireDue();
    const finished = await deps.approvals.reconcileInterrupted({ minAgeMs: STUCK_EXECUTION_MS });
    const changed: ApprovalRequest[] = [...expired, ...finished];
    for (const request of changed) await deps.publisher.updateAll(request);
    if (changed.length) deps.logger.info({ expired: expired.map((request) => request.id), reconciled: finished.map((request) => request.id) }, 'swept requests');
  };
  const timer = setInterval(() => deps.background.run('sweep requests', sweep), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweepNow: sweep };
}
