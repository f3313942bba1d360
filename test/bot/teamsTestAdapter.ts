/**
 * botbuilder's TestAdapter, plus the two things a Teams bot needs from its adapter that TestAdapter lacks:
 * proactive turns (continueConversationAsync, used to update cards after ARM finishes) and a record of
 * card updates. This fakes only the Teams boundary; the Application, core and cards all run for real.
 * Updates can be made to fail as Teams fails them (429, 412, 5xx), and how many run at once per message is counted.
 */
import { Activity, ConversationReference, TestAdapter, TurnContext } from 'botbuilder';

/** The shape botframework-connector's RestError gives a failed call: a status and response headers. */
function connectorError(status: number, retryAfterSeconds?: number): Error {
  return Object.assign(new Error(`Teams answered ${status}`), {
    statusCode: status,
    response: { status, headers: { get: (name: string) => (name.toLowerCase() === 'retry-after' && retryAfterSeconds !== undefined ? String(retryAfterSeconds) : undefined) } },
  });
}

export class TeamsTestAdapter extends TestAdapter {
  /** Every successful updateActivity, in order (card updates in place). */
  readonly updates: Partial<Activity>[] = [];
  /** Every activity the bot sent, in order (activeQueue loses what tests dequeue). */
  readonly sent: Partial<Activity>[] = [];
  /** The most updates of one message that were in progress at the same time. */
  peakConcurrentUpdates = 0;
  private readonly updating = new Map<string, number>();
  private failures: Array<{ status: number; retryAfterSeconds?: number }> = [];

  /** The next `count` updates fail with `status` (Teams' 429 carries Retry-After). */
  failUpdates(count: number, status: number, retryAfterSeconds?: number): void {
    for (let index = 0; index < count; index++) this.failures.push({ status, retryAfterSeconds });
  }

  /** Updates succeed again: the failures `failUpdates` queued and no update has used up are dropped (Teams is back). */
  clearUpdateFailures(): void {
    this.failures = [];
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
    const responses = await super.sendActivities(context, activities);
    this.sent.push(...activities);
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    const id = activity.id ?? '';
    this.updating.set(id, (this.updating.get(id) ?? 0) + 1);
    this.peakConcurrentUpdates = Math.max(this.peakConcurrentUpdates, this.updating.get(id)!);
    try {
      await new Promise((resolve) => setImmediate(resolve)); // a real update takes a moment: let concurrent ones overlap
      const failure = this.failures.shift();
      if (failure) throw connectorError(failure.status, failure.retryAfterSeconds);
      this.updates.push(activity);
      return await super.updateActivity(context, activity);
    } finally {
      this.updating.set(id, this.updating.get(id)! - 1);
    }
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
