/** `enable A, B, C` / `enable all`: one fleet request; see fleetEnableFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { planFleetEnable } from '../flows/fleetEnableFlow';
import { answerWithRequest, refusedAsTooOften } from '../flows/requestAnswer';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'enableMany', async (context, command) => {
    if (await refusedAsTooOften(context, deps)) return;
    const what = command.subscriptions === 'all' ? 'every subscription' : `${command.subscriptions.length} subscriptions`;
    await answerWithRequest(context, deps, `Planning the changes for ${what}…`, () =>
      planFleetEnable(context, deps, command.subscriptions, command.apiSubPlan),
    );
  });
}
