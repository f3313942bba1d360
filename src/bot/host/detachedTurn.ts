/**
 * Runs work for an activity in a turn of its own (a proactive turn in the same conversation, carrying the original
 * activity), so the work can outlive the turn that received it. A card click must be answered within seconds, and
 * the context of that turn is revoked as soon as it is answered; work that may take longer (ARM, planning) runs
 * here, and whatever it sends goes through this context, which stays valid until the work is done.
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';

/** Continues a conversation outside the turn that started it (CloudAdapter.continueConversationAsync). */
export interface ProactiveChannel {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * A proactive channel whose turns report their failures to the caller. The adapter would otherwise hand an error
 * thrown inside a proactive turn to its turn-error handler, which posts "Something went wrong" into that
 * conversation (say, a channel whose card could not be updated) and tells the caller nothing.
 */
export function failuresToCaller(proactive: ProactiveChannel): ProactiveChannel {
  return {
    async continueConversation(reference, logic) {
      let failure: { error: unknown } | undefined;
      await proactive.continueConversation(reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = { error };
        }
      });
      if (failure) throw failure.error;
    },
  };
}

/** The proactive turn's context, but with `activity` as its activity: who clicked, what, where. */
function contextFor(proactive: TurnContext, activity: Partial<Activity>): TurnContext {
  const context = new TurnContext(proactive.adapter, activity);
  // The proactive turn holds what sending needs (connector client, bot identity, OAuth scope).
  proactive.turnState.forEach((value, key) => context.turnState.set(key, value));
  return context;
}

export function runDetached<T>(proactive: ProactiveChannel, activity: Partial<Activity>, work: (context: TurnContext) => Promise<T>): Promise<T> {
  const snapshot = structuredClone(activity);
  return new Promise<T>((resolve, reject) => {
    proactive
      .continueConversation(TurnContext.getConversationReference(snapshot), async (proactiveContext) => {
        // Settled here rather than thrown, so the proactive turn's own error handler does not report it a second time.
        await work(contextFor(proactiveContext, snapshot)).then(resolve, reject);
      })
      .catch(reject);
  });
}

/** The value of `promise` if it settles within `budgetMs`; `undefined` (and `promise` still running) otherwise. */
export async function within<T>(promise: Promise<T>, budgetMs: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)));
  try {
    return await Promise.race([promise.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
