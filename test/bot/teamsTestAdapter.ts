/**
 * botbuilder's TestAdapter, plus the two things a Teams bot needs from its adapter that TestAdapter lacks:
 * proactive turns (continueConversationAsync, used to update cards after ARM finishes) and a record of
 * card updates. This fakes only the Teams boundary; the Application, core and cards all run for real.
 */
import { Activity, ConversationReference, TestAdapter, TurnContext } from 'botbuilder';

export class TeamsTestAdapter extends TestAdapter {
  /** Every updateActivity, in order (card updates in place). */
  readonly updates: Partial<Activity>[] = [];
  /** Every activity the bot sent, in order (activeQueue loses what tests dequeue). */
  readonly sent: Partial<Activity>[] = [];

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
    const responses = await super.sendActivities(context, activities);
    this.sent.push(...activities);
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    return super.updateActivity(context, activity);
  }

  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: unknown,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = (typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic) as (context: TurnContext) => Promise<void>;
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(this.createContext(activity), logic);
  }
}
