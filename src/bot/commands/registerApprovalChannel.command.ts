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

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'registerApprovalChannel', async (context) => {
    const channel = deps.publisher.approvalChannel;
    const person = actingPerson(context.activity);
    if (!channel?.isConfigured) {
      await sendCard(context, buildMessageCard({
        tone: 'warning',
        title: 'No approvers\' channel is configured',
        message: 'DEFENDER_APPROVAL_CONVERSATION is not set, so there is no approvers\' channel to register.',
        nextStep: 'Ask the bot\'s admin to set DEFENDER_APPROVAL_CONVERSATION to this channel\'s id and restart the bot.',
      }));
      return;
    }
    if (!person || !deps.config.approvals.approvers.includes(person.id)) {
      await sendCard(context, buildMessageCard({
        tone: 'warning',
        title: 'Only an approver can register the approvers\' channel',
        message: 'You are not one of the approvers (DEFENDER_APPROVERS), so nothing was registered.',
        nextStep: 'Ask an approver to run `register approvals channel` in the approvers\' channel.',
      }));
      return;
    }
    if (!channel.isHere(context)) {
      await sendCard(context, buildMessageCard({
        tone: 'warning',
        title: 'This is not the approvers\' channel',
        message: 'DEFENDER_APPROVAL_CONVERSATION names another conversation, so nothing was registered.',
        nextStep: `Run \`register approvals channel\` in the conversation with id ${channel.conversationId}.`,
      }));
      return;
    }
    await channel.register(context, deps.clock.now(), person.id);
    deps.logger.info({ conversationId: channel.conversationId, by: person.id }, 'approvers\' channel registered');
    await sendCard(context, buildMessageCard({
      tone: 'good',
      title: 'Approvers\' channel registered',
      message: 'Every new request will also be posted here, and its card kept in step with the requester\'s.',
    }));
  });
}
