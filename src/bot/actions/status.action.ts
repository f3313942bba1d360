/** "Status of <sub>" buttons, e.g. on the ambiguous-subscription card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildStatusCard, StatusActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<StatusActionData>(app, VERBS.status, async (_context, { subscriptionId }) =>
    buildStatusCard(await deps.gateway.getStatus(subscriptionId)),
  );
}
