/** Expires requests past their time and updates their cards, every `intervalMs`. */
import type { BotDeps } from './deps';

export function startSweeper(deps: Pick<BotDeps, 'approvals' | 'publisher' | 'background' | 'logger'>, intervalMs: number) {
  const sweep = async () => {
    const expired = await deps.approvals.expireDue();
    for (const request of expired) await deps.publisher.updateAll(request);
    if (expired.length) deps.logger.info({ expired: expired.map((request) => request.id) }, 'expired requests');
  };
  const timer = setInterval(() => deps.background.run('sweep expired requests', sweep), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweepNow: sweep };
}
