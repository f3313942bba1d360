/**
 * `requests`: the open requests this person can act on, each as a live card they can use right here,
 * so an approver who is not in the requester's chat can still approve.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildNoOpenRequestsCard, buildRequestsHeaderCard } from '../../cards';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { unknownIdentityCard } from '../guards/changePrecheck';
import { actingPerson } from '../guards/identity';

/** More than this many cards in one answer floods the chat; the header says how many there are. */
const MAX_REQUEST_CARDS = 10;

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'requests', async (context) => {
    const person = actingPerson(context.activity);
    if (!person) {
      await sendCard(context, unknownIdentityCard('list the requests you can act on'));
      return;
    }
    const actionable = await deps.approvals.listActionable(person);
    if (actionable.length === 0) {
      await sendCard(context, buildNoOpenRequestsCard());
      return;
    }
    await sendCard(context, buildRequestsHeaderCard(actionable.length, Math.min(actionable.length, MAX_REQUEST_CARDS)));
    for (const request of actionable.slice(0, MAX_REQUEST_CARDS)) {
      await deps.publisher.post(context, request, person);
    }
  });
}
