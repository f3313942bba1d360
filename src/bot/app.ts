/**
 * The teams-ai Application: routing only. Each command and card action lives in its own file and registers
 * itself. teams-ai tries routes in the order they were added and runs the first that matches (card actions are
 * ordinary routes too, not its separate invoke routes), so:
 * - every command claims its own parsed kind, and `fallback` claims only 'unknown' and 'invalid': commands need
 *   no particular order among themselves;
 * - `unknownAction` matches ANY card click or submit, so it must be registered after every card action.
 */
import { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { tenantGuard } from './guards/tenantGuard';
import { identityGuard } from './guards/identityGuard';
import { redeliveryGuard } from './guards/redeliveryGuard';
import * as help from './commands/help.command';
import * as status from './commands/status.command';
import * as list from './commands/list.command';
import * as enable from './commands/enable.command';
import * as requests from './commands/requests.command';
import * as history from './commands/history.command';
import * as fallback from './commands/fallback.command';
import * as registerApprovalChannel from './commands/registerApprovalChannel.command';
import * as enableMany from './commands/enableMany.command';
import * as revert from './commands/revert.command';
import * as onboard from './commands/onboard.command';
import * as posture from './commands/posture.command';
import * as alerts from './commands/alerts.command';
import * as requestPage from './actions/requestPage.action';
import * as botInstalled from './events/botInstalled.event';
import * as statusAction from './actions/status.action';
import * as listMore from './actions/listMore.action';
import * as enablePreview from './actions/enablePreview.action';
import * as approve from './actions/approve.action';
import * as reject from './actions/reject.action';
import * as cancel from './actions/cancel.action';
import * as refresh from './actions/refresh.action';
import * as retry from './actions/retry.action';
import * as onboardApis from './actions/onboardApis.action';
import * as postureMore from './actions/postureMore.action';
import * as alertsMore from './actions/alertsMore.action';
import * as reenable from './actions/reenable.action';
import * as alertTake from './actions/alertTake.action';
import * as alertResolve from './actions/alertResolve.action';
import * as unknownAction from './actions/unknown.action';

const COMMANDS = [help, status, posture, alerts, list, enable, enableMany, requests, history, revert, onboard, registerApprovalChannel, fallback];
const EVENTS = [botInstalled];
const CARD_ACTIONS = [
  statusAction, listMore, enablePreview, approve, reject, cancel, refresh, retry, requestPage, onboardApis, postureMore, alertsMore,
  reenable, alertTake, alertResolve,
];
/** Last: it answers the clicks every card action above refused to claim. */
const REGISTRARS = [...COMMANDS, ...EVENTS, ...CARD_ACTIONS, unknownAction];

export function createBotApplication(deps: BotDeps): Application<TurnState> {
  // No turn state storage: the bot keeps no per-conversation state. The guards below read the store (redelivery).
  const app = new Application<TurnState>({ removeRecipientMention: true, startTypingTimer: true });
  app.turn('beforeTurn', tenantGuard(deps.config.guardrails.allowedTenants, deps.logger));
  app.turn('beforeTurn', identityGuard(deps.logger));
  app.turn('beforeTurn', redeliveryGuard(deps.ledger, deps.logger));
  app.turn('beforeTurn', async (context) => {
    await deps.addresses.observe(context.activity);
    return true;
  });
  for (const registrar of REGISTRARS) registrar.register(app, deps);
  return app;
}
