/**
 * The one precheck of everything that changes something (opening a request, approving, rejecting, cancelling,
 * retrying, taking or resolving an alert): who is acting, from the activity Teams vouches for, and whether changes
 * are allowed in this conversation (DEFENDER_ALLOWED_CONVERSATIONS).
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard, type AdaptiveCardJson } from '../../cards';
import type { Person } from '../../core/approval';
import type { BotDeps } from '../deps';
import { changeNotAllowedHereCard, isChangeAllowedHere } from './conversationGuard';
import { actingPerson } from './identity';

export type Precheck = { allowed: true; actor: Person } | { allowed: false; card: AdaptiveCardJson };

/** `action` completes "I cannot …", e.g. 'open a request', 'approve'. */
export function changePrecheck(context: TurnContext, deps: Pick<BotDeps, 'config'>, action: string): Precheck {
  const actor = actingPerson(context.activity);
  if (!actor) return { allowed: false, card: unknownIdentityCard(action) };
  if (!isChangeAllowedHere(context, deps.config.guardrails.allowedConversations)) return { allowed: false, card: changeNotAllowedHereCard() };
  return { allowed: true, actor };
}

export function unknownIdentityCard(action: string): AdaptiveCardJson {
  return buildMessageCard({
    tone: 'attention',
    title: 'I cannot tell who you are',
    message: `This message carries no Microsoft Entra user, so I cannot ${action}: approvals are bound to people.`,
    nextStep: 'Use the bot from Microsoft Teams, signed in with your work account.',
  });
}
