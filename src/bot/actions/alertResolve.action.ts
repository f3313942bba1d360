/** The watch alert card's "Resolve": the alert goes to Resolved in Defender for Cloud (approvers and responders). */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { AlertStatusActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { changeAlertStatus } from '../flows/alertStatusFlow';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<AlertStatusActionData>(app, deps, VERBS.alertResolve, (context, { findingId }) => changeAlertStatus(context, deps, findingId, 'Resolved'));
}
