/**
 * Every `intervalMs`: expires requests past their time, and records the truth of requests left in `executing` (a
 * crash, or a storage failure between approval and the outcome), once no write they sent can still land; then
 * updates their cards.
 */
import { reconcileDelayMs, type ApprovalRequest } from '../core/approval';
import type { BotDeps } from './deps';

export function startSweeper(deps: Pick<BotDeps, 'approvals' | 'publisher' | 'background' | 'logger' | 'config'>, intervalMs: number) {
  const sweep = async () => {
    const expired = await deps.approvals.expireDue();
    const finished = await deps.approvals.reconcileInterrupted({ minAgeMs: reconcileDelayMs(deps.config.timing) });
    const changed: ApprovalRequest[] = [...expired, ...finished];
    for (const request of changed) await deps.publisher.updateAll(request);
    if (changed.length) deps.logger.info({ expired: expired.map((request) => request.id), reconciled: finished.map((request) => request.id) }, 'swept requests');
  };
  const timer = setInterval(() => deps.background.run('sweep requests', sweep), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweepNow: sweep };
}
