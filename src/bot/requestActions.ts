/**
 * Shared by the approve, reject, cancel, refresh and retry actions: who is acting, whether changes are allowed
 * here, and how a refusal or a changed request is shown.
 */
import type { TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildMessageCard } from '../cards';
import type { ApprovalRequest, Person } from '../core/approval';
import type { BotDeps } from './deps';
import { changeNotAllowedHereCard, isChangeAllowedHere } from './conversationGuard';
import { unknownIdentityCard } from './enableFlow';
import { actingPerson } from './identity';
import { approvalCard, EVERYONE, type ApprovalCardOptions, type CardAudience } from './requestView';

/** The acting person, or the card that explains why nobody may act here. */
export function actorOrRefusal(context: TurnContext, deps: BotDeps, action: string): { actor: Person } | { card: AdaptiveCardJson } {
  const actor = actingPerson(context.activity);
  if (!actor) return { card: unknownIdentityCard(action) };
  if (!isChangeAllowedHere(context, deps.config.guardrails.allowedConversations)) return { card: changeNotAllowedHereCard() };
  return { actor };
}

/**
 * A refused click, for the person who clicked only: their current view of the request with the reason on top, so
 * they keep the card (the shared card is left alone). Without a request to show, the reason alone.
 */
export async function refusalView(deps: BotDeps, refusal: { message: string; request?: ApprovalRequest }, viewer: Person | undefined, requestId?: string): Promise<AdaptiveCardJson> {
  const request = refusal.request ?? (requestId ? await deps.approvals.get(requestId) : undefined);
  if (!request) return buildMessageCard({ tone: 'warning', title: 'Not done', message: refusal.message, nextStep: 'Type `requests` to see the open requests you can act on.' });
  return cardForViewer(deps, request, viewer, { notice: refusal.message });
}

/** The policy in force and the time now: what every request card is drawn against. */
export function audienceOf(deps: Pick<BotDeps, 'config' | 'clock'>, userMris: string[] = []): CardAudience {
  return { policy: deps.config.approvals, now: deps.clock.now(), userMris };
}

export async function cardForViewer(deps: BotDeps, request: ApprovalRequest, viewer: Person | undefined, options: ApprovalCardOptions = {}): Promise<AdaptiveCardJson> {
  const { userMris } = await deps.requestCards.get(request.id);
  return approvalCard(request, viewer, audienceOf(deps, userMris), options);
}

/** The card posted to a conversation: everyone sees it; the server decides who may use its buttons. */
export async function baseCard(deps: BotDeps, request: ApprovalRequest): Promise<AdaptiveCardJson> {
  const { userMris } = await deps.requestCards.get(request.id);
  return approvalCard(request, EVERYONE, audienceOf(deps, userMris));
}

/** A new request's shared card, refreshed for the person who asked (their Teams id) and the approvers. */
export function newRequestCard(context: TurnContext, deps: BotDeps, request: ApprovalRequest): AdaptiveCardJson {
  const asker = context.activity.from?.id;
  return approvalCard(request, EVERYONE, audienceOf(deps, typeof asker === 'string' ? [asker] : []));
}

/** After a change of state: every posted copy of the card is updated, in the background. */
export function publishChange(deps: BotDeps, request: ApprovalRequest): void {
  deps.background.run(`update cards of ${request.id}`, () => deps.publisher.updateAll(request));
}
