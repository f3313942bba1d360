/**
 * `register approvals channel`: an approver, in the conversation DEFENDER_APPROVAL_CONVERSATION names, tells the
 * bot where that is (Teams gives a bot a channel's conversation reference only through an activity from it).
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildMessageCard } from '../../cards';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { actingPerson } from '../guards/identity';
import { isApprover, type Person } from '../../core/approval';
import type { ApprovalChannel } from '../delivery/approvalChannel';
import type { TurnContext } from 'botbuilder';

type Refusal = { title: string; message: string; nextStep: string };

type RegistrationCheck = { allowed: true; channel: ApprovalChannel; person: Person } | { allowed: false; refusal: Refusal };

/** Whether the person in this turn may register this conversation as the approvers' channel, and if not, why. */
function checkRegistration(context: TurnContext, deps: BotDeps): RegistrationCheck {
  const channel = deps.publisher.approvalChannel;
  const person = actingPerson(context.activity);
  if (!channel?.isConfigured) {
    return { allowed: false, refusal: {
      title: 'No approvers\' channel is configured',
      message: 'DEFENDER_APPROVAL_CONVERSATION is not set, so there is no approvers\' channel to register.',
      nextStep: 'Ask the bot\'s admin to set DEFENDER_APPROVAL_CONVERSATION to this channel\'s id and restart the bot.',
    } };
  }
  if (!person || !isApprover(deps.config.approvals, person)) {
    return { allowed: false, refusal: {
      title: 'Only an approver can register the approvers\' channel',
      message: 'You are not one of the approvers (DEFENDER_APPROVERS), so nothing was registered.',
      nextStep: 'Ask an approver to run `register approvals channel` in the approvers\' channel.',
    } };
  }
  if (!channel.isHere(context)) {
    return { allowed: false, refusal: {
      title: 'This is not the approvers\' channel',
      message: 'DEFENDER_APPROVAL_CONVERSATION names another conversation, so nothing was registered.',
      nextStep: `Run \`register approvals channel\` in the conversation with id ${channel.conversationId}.`,
    } };
  }
  return { allowed: true, channel, person };
}

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'registerApprovalChannel', async (context) => {
    const check = checkRegistration(context, deps);
    if (!check.allowed) {
      await sendCard(context, buildMessageCard({ tone: 'warning', ...check.refusal }));
      return;
    }
    const { channel, person } = check;
    await channel.register(context, deps.clock.now(), person.id);
    deps.logger.info({ conversationId: channel.conversationId, by: person.id }, 'approvers\' channel registered');
    await sendCard(context, buildMessageCard({
      tone: 'good',
      title: 'Approvers\' channel registered',
      message: 'Every new request will also be posted here, and its card kept in step with the requester\'s.',
    }));
  });
}
