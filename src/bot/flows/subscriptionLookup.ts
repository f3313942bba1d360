/** "sub X" → one subscription, or a card that says what was searched and what the bot can see. */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard, VERBS, type AdaptiveCardJson } from '../../cards';
import type { Subscription } from '../../core/defender';
import type { DefenderGateway } from '../../core/ports';
import { sendCard } from '../host/cardReplies';

export function subscriptionNotFoundCard(query: string, visible: Subscription[]) {
  return buildMessageCard({
    tone: 'warning',
    title: 'Subscription not found',
    message: `No subscription visible to the bot has the id or name "${query}".`,
    nextStep: visible.length
      ? 'Check the spelling, use the subscription id, or type `list` to see them all.'
      : 'The bot can see no subscription at all: ask an admin to grant its identity the Security Admin role on the subscriptions it should manage.',
    itemsTitle: visible.length ? 'Subscriptions the bot can see' : undefined,
    items: visible.map((subscription) => `${subscription.displayName} (${subscription.subscriptionId})`),
  });
}

export function ambiguousSubscriptionCard(query: string, candidates: Subscription[]) {
  return buildMessageCard({
    tone: 'warning',
    title: 'Which subscription?',
    message: `"${query}" matches ${candidates.length} subscriptions.`,
    nextStep: 'Pick one below, or repeat the command with the full name in quotes or the subscription id.',
    itemsTitle: 'Matching subscriptions',
    items: candidates.map((subscription) => `${subscription.displayName} (${subscription.subscriptionId})`),
    choices: candidates.map((subscription) => ({
      title: `Status of ${subscription.displayName}`,
      verb: VERBS.status,
      data: { subscriptionId: subscription.subscriptionId },
    })),
  });
}

/** The subscription the user meant, or undefined after telling them why there is none. */
export async function resolveOrExplain(context: TurnContext, gateway: DefenderGateway, query: string): Promise<Subscription | undefined> {
  const resolution = await gateway.resolveSubscription(query);
  if (resolution.kind === 'found') return resolution.subscription;
  await sendCard(
    context,
    resolution.kind === 'ambiguous' ? ambiguousSubscriptionCard(query, resolution.candidates) : subscriptionNotFoundCard(query, resolution.visible),
  );
  return undefined;
}

/**
 * The subscription a button's data names (a GUID the bot put there), or the card to answer with when it is gone:
 * a button answers in place of its card, so there is nothing to send separately.
 */
export async function resolveForButton(gateway: DefenderGateway, subscriptionId: string): Promise<{ kind: 'found'; subscription: Subscription } | { kind: 'gone'; card: AdaptiveCardJson }> {
  const resolution = await gateway.resolveSubscription(subscriptionId);
  if (resolution.kind === 'found') return { kind: 'found', subscription: resolution.subscription };
  return { kind: 'gone', card: subscriptionNotFoundCard(subscriptionId, resolution.kind === 'not-found' ? resolution.visible : []) };
}
