/** Marks each planned subscription whose name could be taken for another visible one's, for the cards to warn. */
import { lookAlikeFinder } from '../../core/lookAlike';
import type { TargetPlan } from '../../core/plan';
import type { BotDeps } from '../deps';

export async function withLookAlikes<T extends TargetPlan>(deps: Pick<BotDeps, 'gateway'>, targets: T[]): Promise<T[]> {
  const findLookAlikes = lookAlikeFinder(await deps.gateway.listSubscriptions());
  return targets.map((target) => {
    const lookAlikes = findLookAlikes({ subscriptionId: target.subscriptionId, displayName: target.subscriptionName });
    return lookAlikes.length ? { ...target, lookAlikes: lookAlikes.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })) } : target;
  });
}
