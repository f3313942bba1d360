/**
 * The only writer of shared request cards. Posts a request's card, and when the request changes brings every copy
 * up to date: one update at a time per message (Teams answers 412 to concurrent ones), retried on 412/429/5xx, each
 * drawing the request as it is NOW (so an older update queued behind a newer one cannot undo it), and each copy
 * recording the version it shows. A request with a copy still behind stays due, and reconcile() (the sweeper)
 * finishes it: after an outage every card ends up true. The same holds for an open request's copy in the approvers'
 * channel: one that could not be posted (the channel not registered yet, Teams refusing) is posted by a later pass.
 */
import { ConversationReference, TurnContext } from 'botbuilder';
import { isOpenStatus, type ApprovalPolicy, type ApprovalRequest, type Person } from '../../core/approval';
import { KeyedMutex } from '../../core/keyedMutex';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logging';
import { AdaptiveCardJson, buildMessageCard } from '../../cards';
import { cardActivity, replaceCard, sendCard } from '../host/cardReplies';
import type { ApprovalChannel } from './approvalChannel';
import { withConnectorRetries, type ConnectorRetryOptions } from './connectorRetry';
import type { ProactiveChannel } from '../host/detachedTurn';
import type { RefreshAudience } from './refreshAudience';
import type { CardLocation, CardLocations } from './cardLocations';
import { drawRequestCard, EVERYONE, gatherAudience } from './requestView';

export type { ProactiveChannel } from '../host/detachedTurn';

export interface Notice {
  title: string;
  text: string;
  tone: 'good' | 'warning' | 'attention';
}

export interface CardPublisherDeps {
  cardLocations: CardLocations;
  /** Proactive turns, addressed to each conversation's latest serviceUrl (ConversationAddresses). */
  proactive: ProactiveChannel;
  audience: RefreshAudience;
  /** The policy in force (buttons, quorum) and the clock the cards are drawn against. */
  drawing: { policy: ApprovalPolicy; clock: Clock };
  /** The request as stored now. */
  latest: (requestId: string) => Promise<ApprovalRequest | undefined>;
  logger: Logger;
  /** The approvers' channel; without one, cards go only where they were asked for. */
  approvalChannel?: ApprovalChannel;
  retry?: ConnectorRetryOptions;
}

export class CardPublisher {
  /** One update at a time per message, in this process; other instances are met by Teams' 412 and the retry. */
  private readonly messageLocks = new KeyedMutex();
  /** One post to the approvers' channel at a time per request, so a retry and a first post never make two copies. */
  private readonly channelPosts = new KeyedMutex();

  constructor(private readonly deps: CardPublisherDeps) {}

  get approvalChannel(): ApprovalChannel | undefined {
    return this.deps.approvalChannel;
  }

  /**
   * Posts a request's card in the current conversation (for `viewer`, or the shared card for everyone) and remembers
   * where; then makes sure the approvers' channel has a copy too (once per request).
   */
  async post(context: TurnContext, request: ApprovalRequest, viewer?: Person): Promise<void> {
    await this.deps.cardLocations.addUserMri(request.id, context.activity.from?.id);
    const activityId = await sendCard(context, await this.draw(context, request, { viewer }));
    if (activityId) {
      await this.deps.cardLocations.addLocation(request.id, { reference: TurnContext.getConversationReference(context.activity), activityId, publishedVersion: request.version });
    }
    if (this.deps.approvalChannel?.isHere(context) || (await this.ensureApprovalChannelCopy(request))) return;
    this.deps.logger.warn({ requestId: request.id }, 'the approvers\' channel has no copy of this request yet (not registered, or Teams refused it); the sweeper will post it while the request is open');
    await this.deps.cardLocations.markDue(request.id);
  }

  /** Re-draws every copy of the request's card as the request is now. One failing conversation does not stop the others. */
  async updateAll(request: ApprovalRequest): Promise<void> {
    await this.deps.cardLocations.markDue(request.id);
    const { locations } = await this.deps.cardLocations.get(request.id);
    const results = await Promise.all(locations.map((location) => this.updateCopy(request.id, location)));
    const channelCopy = await this.ensureApprovalChannelCopy(request);
    if (results.every(Boolean) && channelCopy) await this.deps.cardLocations.clearDue(request.id);
  }

  /** The sweeper's pass: every request with a copy behind is brought up to date. Returns how many were due. */
  async reconcile(): Promise<number> {
    const due = await this.deps.cardLocations.listDue();
    for (const requestId of due) {
      const request = await this.deps.latest(requestId);
      if (request) await this.updateAll(request);
      else await this.deps.cardLocations.clearDue(requestId);
    }
    return due.length;
  }

  /** Tells the requester, in the thread where they asked, how their request ended. */
  async notifyRequester(request: ApprovalRequest, message: Notice): Promise<void> {
    const cards = await this.deps.cardLocations.get(request.id);
    const first = cards.locations[0];
    if (first) await this.notify(first.reference, message);
  }

  /** A short message card in a conversation, outside the turn that led to it. Needs no storage. */
  async notify(reference: Partial<ConversationReference>, message: Notice): Promise<void> {
    await this.deps.proactive.continueConversation(reference, async (context) => {
      await context.sendActivity(cardActivity(buildMessageCard({ tone: message.tone, title: message.title, message: message.text })));
    });
  }

  /** The card for this conversation: its refresh list resolved from this conversation's roster. */
  private async draw(context: TurnContext, request: ApprovalRequest, options: { viewer?: Person; seen?: { userMris: string[] } } = {}): Promise<AdaptiveCardJson> {
    const { policy, clock } = this.deps.drawing;
    const sources = { policy, clock, cardLocations: this.deps.cardLocations, refreshAudience: this.deps.audience };
    const audience = await gatherAudience(context, request, sources, options.seen);
    return drawRequestCard(request, options.viewer ?? EVERYONE, audience);
  }

  /** True when the copy shows the latest version (now or already); false when it could not be updated. */
  private updateCopy(requestId: string, location: CardLocation): Promise<boolean> {
    return this.messageLocks.run(location.activityId, async () => {
      try {
        const request = await this.deps.latest(requestId);
        if (!request) return true;
        const seen = await this.deps.cardLocations.get(requestId);
        const stored = seen.locations.find((known) => known.activityId === location.activityId);
        if ((stored?.publishedVersion ?? 0) >= request.version) return true;
        await this.deps.proactive.continueConversation(location.reference, async (context) => {
          const card = await this.draw(context, request, { seen });
          await withConnectorRetries(() => replaceCard(context, location.activityId, card), this.deps.retry);
        });
        await this.deps.cardLocations.markPublished(requestId, location.activityId, request.version);
        return true;
      } catch (error) {
        this.deps.logger.warn({ err: error, requestId, activityId: location.activityId }, 'could not update a request card; the sweeper will try again');
        return false;
      }
    });
  }

  /**
   * True when the approvers' channel has the copy it should: there is no channel, the request is no longer open (a
   * copy is for acting on it), the copy is there, or it was posted now. False leaves the request due for the sweeper.
   * Never fails the turn.
   */
  private async ensureApprovalChannelCopy(request: ApprovalRequest): Promise<boolean> {
    const channel = this.deps.approvalChannel;
    if (!channel?.isConfigured || !isOpenStatus(request.status)) return true;
    return this.channelPosts.run(request.id, async () => {
      try {
        const seen = await this.deps.cardLocations.get(request.id);
        if (seen.locations.some((location) => channel.isReference(location.reference))) return true;
        const reference = await channel.reference();
        if (!reference) {
          // Said at debug: the sweeper asks again every pass until someone registers the channel.
          this.deps.logger.debug({ requestId: request.id }, 'approvers\' channel is configured but not registered yet: install the bot there or run `register approvals channel` in it');
          return false;
        }
        await this.deps.proactive.continueConversation(reference, async (channelContext) => {
          const activityId = await sendCard(channelContext, await this.draw(channelContext, request, { seen }));
          if (activityId) {
            await this.deps.cardLocations.addLocation(request.id, { reference: TurnContext.getConversationReference(channelContext.activity), activityId, publishedVersion: request.version });
          }
        });
        return true;
      } catch (error) {
        this.deps.logger.warn({ err: error, requestId: request.id }, 'could not post a request card to the approvers\' channel; the sweeper will try again');
        return false;
      }
    });
  }
}
