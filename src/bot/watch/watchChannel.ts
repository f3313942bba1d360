/**
 * The watch's side of the approvers' channel: posts each finding (or a digest) as a new message there, and keeps an
 * alert's card true for everyone after Take it / Resolve. Like the card publisher: one update at a time per message,
 * each drawing the finding as stored NOW (an older update queued behind a newer one cannot undo it), retried through
 * Teams' 429/412/5xx with withConnectorRetries.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import { buildCoverageLostCard, buildNewApiCard, buildWatchAlertCard, buildWatchDigestCard, type AdaptiveCardJson } from '../../cards';
import { KeyedMutex } from '../../core/keyedMutex';
import type { CardAddress, FindingsChannel, StoredFinding, WatchMemory } from '../../core/watch/ports';
import type { Logger } from '../../logging';
import type { ApprovalChannel } from '../delivery/approvalChannel';
import { replaceCard, sendCard } from '../host/cardReplies';
import { withConnectorRetries, type ConnectorRetryOptions } from '../delivery/connectorRetry';
import type { ProactiveChannel } from '../host/detachedTurn';

export interface WatchChannelDeps {
  /** The approvers' channel; without a registered one, nothing is posted (findings wait). */
  approvalChannel?: ApprovalChannel;
  proactive: ProactiveChannel;
  memory: WatchMemory;
  logger: Logger;
  retry?: ConnectorRetryOptions;
}

/** Where a watch card lives, as stored with its finding. */
interface WatchCardAddress {
  reference: Partial<ConversationReference>;
  activityId: string;
}

export function watchFindingCard(stored: StoredFinding): AdaptiveCardJson {
  const { finding } = stored;
  switch (finding.kind) {
    case 'coverage-lost':
      return buildCoverageLostCard(finding);
    case 'new-api':
      return buildNewApiCard(finding);
    case 'new-alert':
      return buildWatchAlertCard({ findingId: stored.id, subscriptionName: finding.subscriptionName, alert: finding.alert, actions: stored.actions ?? [] });
  }
}

function addressOf(stored: StoredFinding): WatchCardAddress | undefined {
  const address = stored.delivered?.address as Partial<WatchCardAddress> | undefined;
  return address?.reference && typeof address.activityId === 'string' && address.activityId !== '' ? (address as WatchCardAddress) : undefined;
}

export class WatchChannel implements FindingsChannel {
  private readonly messageLocks = new KeyedMutex();

  constructor(private readonly deps: WatchChannelDeps) {}

  post(stored: StoredFinding): Promise<CardAddress | undefined> {
    return this.send(watchFindingCard(stored));
  }

  postDigest(findings: StoredFinding[]): Promise<CardAddress | undefined> {
    return this.send(buildWatchDigestCard(findings.map((stored) => stored.finding)));
  }

  /** Redraws an alert's shared card as its finding is stored now. Never throws: the clicker already has their answer. */
  async updateAlertCard(id: string): Promise<void> {
    const known = await this.deps.memory.get(id);
    const address = known && addressOf(known);
    if (!address) return;
    await this.messageLocks.run(address.activityId, async () => {
      try {
        const latest = (await this.deps.memory.get(id)) ?? known;
        await this.deps.proactive.continueConversation(address.reference, async (context) => {
          await withConnectorRetries(() => replaceCard(context, address.activityId, watchFindingCard(latest)), this.deps.retry);
        });
      } catch (error) {
        this.deps.logger.warn({ err: error, findingId: id, activityId: address.activityId }, 'could not update a watch card in the approvers\' channel');
      }
    });
  }

  /** A new message in the approvers' channel; undefined when the channel is not configured or registered yet. */
  private async send(card: AdaptiveCardJson): Promise<CardAddress | undefined> {
    const reference = await this.deps.approvalChannel?.reference();
    if (!reference) return undefined;
    let address: WatchCardAddress | undefined;
    await this.deps.proactive.continueConversation(reference, async (context) => {
      const activityId = await withConnectorRetries(() => sendCard(context, card), this.deps.retry);
      address = { reference: TurnContext.getConversationReference(context.activity), activityId: activityId ?? '' };
    });
    return address as CardAddress | undefined;
  }
}
