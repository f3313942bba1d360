/** The posture card's "Show more": the same subscription re-read, next page, in place of the card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { PostureMoreActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { postureAnswer } from '../flows/monitoringAnswers';
import { resolveForButton } from '../flows/subscriptionLookup';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<PostureMoreActionData>(app, deps, VERBS.postureMore, async (_context, { subscriptionId, page }) => {
    const found = await resolveForButton(deps.gateway, subscriptionId);
    return found.kind === 'gone' ? found.card : postureAnswer(deps, found.subscription, page);
  });
}
