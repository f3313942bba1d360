/**
 * Posts request cards and keeps every copy in step with the request: each state change re-renders the base
 * card in every conversation it was posted to. Teams clients with Universal Actions then refresh their own view.
 */
import { ConversationReference, TurnContext } from 'botbuilder';
import type { ApprovalPolicy, ApprovalRequest } from '../core/approval';
import type { Clock } from '../core/ports';
import type { Logger } from '../logging';
import { AdaptiveCardJson, buildMessageCard } from '../cards';
import { cardActivity, sendCard } from './cardReplies';
import type { ApprovalChannel } from './approvalChannel';
import type { RequestCards } from './requestCards';
import { approvalCard, EVERYONE } from './requestView';

export type { ProactiveChannel } from './detachedTurn';
import type { ProactiveChannel } from './detachedTurn';

export interface Notice {
  title: string;
  text: string;
  tone: 'good' | 'warning' | 'attention';
}

export class CardPublisher {
  constructor(
    private readonly requestCards: RequestCards,
    private readonly proactive: ProactiveChannel,
    /** The policy in force (buttons, quorum) and the clock the cards are drawn against. */
    private readonly drawing: { policy: ApprovalPolicy; clock: Clock },
    private readonly logger: Logger,
    /** The approvers' channel; without one, cards go only where they were asked for. */
    readonly approvalChannel?: ApprovalChannel,
  ) {}

  /**
   * Posts a request's card in the current conversation and remembers where, for later updates; then makes sure
   * the approvers' channel has a copy too (once per request: a card re-posted for an open request adds none).
   */
  async post(context: TurnContext, requestId: string, card: AdaptiveCardJson): Promise<void> {
    const activityId = await sendCard(context, card);
    if (activityId) {
      await this.requestCards.addLocation(requestId, { reference: TurnContext.getConversationReference(context.activity), activityId });
    }
    if (this.approvalChannel?.isHere(context)) return;
    await this.postToApprovalChannel(requestId, card);
  }

  /** A copy in the approvers' channel, recorded like any other so updateAll() keeps it in step. Never fails the turn. */
  private async postToApprovalChannel(requestId: string, card: AdaptiveCardJson): Promise<void> {
    const channel = this.approvalChannel;
    if (!channel?.isConfigured) return;
    try {
      const reference = await channel.reference();
      if (!reference) {
        this.logger.warn({ requestId }, 'approvers\' channel is configured but not registered yet: install the bot there or run `register approvals channel` in it');
        return;
      }
      const { locations } = await this.requestCards.get(requestId);
      const alreadyThere = locations.some((location) => channel.isReference(location.reference));
      if (alreadyThere) return;
      await this.proactive.continueConversation(reference, async (channelContext) => {
        const activityId = await sendCard(channelContext, card);
        if (activityId) {
          await this.requestCards.addLocation(requestId, { reference: TurnContext.getConversationReference(channelContext.activity), activityId });
        }
      });
    } catch (error) {
      this.logger.warn({ err: error, requestId }, 'could not post a request card to the approvers\' channel');
    }
  }

  /** Re-renders the base card everywhere it was posted. One failing conversation does not stop the others. */
  async updateAll(request: ApprovalRequest): Promise<void> {
    const cards = await this.requestCards.get(request.id);
    const card = approvalCard(request, EVERYONE, { policy: this.drawing.policy, now: this.drawing.clock.now(), userMris: cards.userMris });
    await Promise.all(
      cards.locations.map(async ({ reference, activityId }) => {
        try {
          await this.proactive.continueConversation(reference, async (context) => {
            await context.updateActivity({ ...cardActivity(card), id: activityId });
          });
        } catch (error) {
          this.logger.warn({ err: error, requestId: request.id, activityId }, 'could not update a request card');
        }
      }),
    );
  }

  /** Tells the requester, in the thread where they asked, how their request ended. */
  async notifyRequester(request: ApprovalRequest, message: Notice): Promise<void> {
    const cards = await this.requestCards.get(request.id);
    const first = cards.locations[0];
    if (first) await this.notify(first.reference, message);
  }

  /** A short message card in a conversation, outside the turn that led to it. Needs no storage. */
  async notify(reference: Partial<ConversationReference>, message: Notice): Promise<void> {
    await this.proactive.continueConversation(reference, async (context) => {
      await context.sendActivity(cardActivity(buildMessageCard({ tone: message.tone, title: message.title, message: message.text })));
    });
  }
}
