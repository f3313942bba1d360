/** "Status of <sub>" buttons, e.g. on the ambiguous-subscription card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { StatusActionData, VERBS } from '../../cards';
import { statusCard } from '../flows/statusAnswer';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<StatusActionData>(app, deps, VERBS.status, (_context, { subscriptionId }) => statusCard(deps, subscriptionId));
}
