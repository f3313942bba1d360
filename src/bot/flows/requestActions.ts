/**
 * Shared by the approve, reject, cancel, refresh and retry actions: how a refusal or a changed request is shown
 * (who is acting, and whether changes are allowed here, is guards/changePrecheck.ts).
 */
import type { TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildMessageCard } from '../../cards';
import type { ApprovalRequest, Person } from '../../core/approval';
import type { BotDeps } from '../deps';
import { drawRequestCard, gatherAudience, type RequestCardOptions, type CardAudience } from '../delivery/requestView';

/**
 * A refused click, for the person who clicked only: their current view of the request with the reason on top, so
 * they keep the card (the shared card is left alone). Without a request to show, the reason alone.
 */
export async function refusalView(context: TurnContext, deps: BotDeps, refusal: { message: string; request?: ApprovalRequest }, viewer: Person | undefined, requestId?: string): Promise<AdaptiveCardJson> {
  const request = refusal.request ?? (requestId ? await deps.approvals.get(requestId) : undefined);
  if (!request) return buildMessageCard({ tone: 'warning', title: 'Not done', message: refusal.message, nextStep: 'Type `requests` to see the open requests you can act on.' });
  return cardForViewer(context, deps, request, viewer, { notice: refusal.message });
}

/** The policy in force, the time now, and who in this conversation gets refreshed views: what a card is drawn against. */
export async function audienceFor(context: TurnContext, deps: BotDeps, request: ApprovalRequest): Promise<CardAudience> {
  return gatherAudience(context, request, { policy: deps.config.approvals, clock: deps.clock, cardLocations: deps.cardLocations, refreshAudience: deps.refreshAudience });
}

/** The request as `viewer` sees it: their buttons, their notes; the answer to their click, for them only. */
export async function cardForViewer(context: TurnContext, deps: BotDeps, request: ApprovalRequest, viewer: Person | undefined, options: RequestCardOptions = {}): Promise<AdaptiveCardJson> {
  return drawRequestCard(request, viewer, await audienceFor(context, deps, request), options);
}

/** After a change of state: every posted copy of the card is updated, in the background. */
export function publishChange(deps: BotDeps, request: ApprovalRequest): void {
  deps.background.run(`update cards of ${request.id}`, () => deps.publisher.updateAll(request));
}
