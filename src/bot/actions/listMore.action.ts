/** The fleet card's "Show more": the same list, next page, in place of the card that was clicked. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildFleetCard, ListMoreActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<ListMoreActionData>(app, deps, VERBS.listMore, async (context, { page }) => {
    // Each page re-reads the whole fleet, so it counts like a `list`.
    const tooOften = deps.rateLimits.refusal(context, 'list');
    if (tooOften) return tooOften;
    return buildFleetCard({ ...(await deps.gateway.listFleet({ concurrency: deps.config.fleetConcurrency })), page });
  });
}
