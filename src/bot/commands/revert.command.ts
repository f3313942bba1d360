/** `revert <request id>`: see revertFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { answerWithRequest, refusedAsTooOften } from '../flows/requestAnswer';
import { planRevert } from '../flows/revertFlow';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'revert', async (context, command) => {
    if (await refusedAsTooOften(context, deps)) return;
    await answerWithRequest(context, deps, `Planning the revert of ${command.requestId}…`, () => planRevert(context, deps, command.requestId));
  });
}
