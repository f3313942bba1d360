/**
 * Every `intervalMs`: expires requests past their time, records the truth of requests left in `executing` (a crash,
 * or a storage failure between approval and the outcome) once no write they sent can still land, brings every card
 * that is behind its request up to date, and forgets activities seen more than an hour ago.
 */
import { reconcileDelayMs, type ApprovalRequest } from '../core/approval';
import type { BotDeps } from './deps';

export function startSweeper(deps: Pick<BotDeps, 'approvals' | 'publisher' | 'background' | 'logger' | 'config' | 'ledger'>, intervalMs: number) {
  const sweep = async () => {
    const expired = await deps.approvals.expireDue();
    const finished = await deps.approvals.reconcileInterrupted({ minAgeMs: reconcileDelayMs(deps.config.timing) });
    const changed: ApprovalRequest[] = [...expired, ...finished];
    for (const request of changed) await deps.publisher.updateAll(request);
    // Cards a throttled or failed update left behind: each ends up showing its request as it is.
    const republished = await deps.publisher.reconcile();
    await deps.ledger.forgetOld();
    if (changed.length || republished) deps.logger.info({ expired: expired.map((request) => request.id), reconciled: finished.map((request) => request.id), republished }, 'swept requests');
  };
  const timer = setInterval(() => deps.background.run('sweep requests', sweep), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweepNow: sweep };
}
