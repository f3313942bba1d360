/** The status card's "Enable" button: the same flow as `enable <sub>`, for the subscription on the card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { EnablePreviewActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { planEnable } from '../flows/enableFlow';
import { requestFromButton } from '../flows/requestAnswer';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<EnablePreviewActionData>(app, deps, VERBS.enablePreview, (context, { subscriptionId }) =>
    requestFromButton(context, deps, subscriptionId, (subscription) => planEnable(context, deps, subscription)),
  );
}
