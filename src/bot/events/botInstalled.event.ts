/**
 * When the bot is added to the approvers' channel (conversationUpdate, membersAdded naming the bot), it learns
 * that channel's conversation reference, so requests can be posted there without anyone typing a command.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildMessageCard } from '../../cards';
import { sendCard } from '../host/cardReplies';
import type { BotDeps } from '../deps';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    const channel = deps.publisher.approvalChannel;
    if (!botWasAdded || !channel?.isHere(context)) return;
    await channel.register(context, deps.clock.now());
    deps.logger.info({ conversationId: channel.conversationId }, 'approvers\' channel registered on install');
    await sendCard(context, buildMessageCard({
      tone: 'good',
      title: 'Approvers\' channel ready',
      message: 'Every new Defender request will be posted here for approval, and kept up to date.',
    }));
  });
}
