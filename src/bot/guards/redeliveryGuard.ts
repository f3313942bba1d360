/**
 * Teams redelivers an activity it did not see answered within about 15 seconds, with the same activity id. The ledger
 * remembers each message and card click it has seen (in the shared store, so this holds across instances and
 * restarts) for about two hours, and the guard below drops a second delivery: the first is already being answered.
 */
import { createHash } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { KeyValueStore } from '../../core/keyValueStore';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logging';
import { VERBS } from '../../cards/verbs';
import { answerInvoke, isCardInvoke } from '../host/cardReplies';
import { turnCorrelation } from '../host/correlation';

export const LEDGER_KEY_PREFIX = 'defender/seen/';
const BUCKET_MS = 60 * 60_000;

/** Activities that can change something or post an answer: the ones that must be acted on once. */
const ACTED_ON = new Set(['message', 'invoke']);

/**
 * A card's automatic refresh: each listed viewer's client asks every time they look at the card, and the answer only
 * reads. Answered twice at worst, so it is not worth a ledger write on every view.
 */
function isAutomaticRefresh(activity: Partial<Activity>): boolean {
  const value = activity.value as { trigger?: unknown; action?: { verb?: unknown } } | undefined;
  return activity.type === 'invoke' && value?.trigger === 'automatic' && value.action?.verb === VERBS.refreshRequest;
}

export class ActivityLedger {
  /** The oldest bucket kept at the last forgetOld: until the hour turns there is nothing new to forget. */
  private keptFrom?: number;

  constructor(private readonly store: KeyValueStore, private readonly clock: Clock) {}

  /** True the first time an activity is seen; false for a redelivery. Activities without an id cannot be told apart. */
  async firstSighting(activity: Partial<Activity>): Promise<boolean> {
    if (typeof activity.id !== 'string' || activity.id === '') return true;
    const fingerprint = createHash('sha256').update(`${activity.conversation?.id ?? ''}\n${activity.id}`).digest('hex').slice(0, 40);
    const bucket = Math.floor(this.clock.now().getTime() / BUCKET_MS);
    // A redelivery can cross into the next hour's bucket: look in the previous one too.
    const previousKey = `${LEDGER_KEY_PREFIX}${bucket - 1}/${fingerprint}`;
    if ((await this.store.read([previousKey]))[previousKey]) return false;
    return this.store.createIfAbsent(`${LEDGER_KEY_PREFIX}${bucket}/${fingerprint}`, { seenAt: this.clock.now().toISOString() });
  }

  /** Forgets what is older than the previous hour (called by the sweeper). */
  async forgetOld(): Promise<number> {
    const oldest = Math.floor(this.clock.now().getTime() / BUCKET_MS) - 1;
    if (oldest === this.keptFrom) return 0;
    const stale = (await this.store.listKeys(LEDGER_KEY_PREFIX)).filter((key) => Number(key.slice(LEDGER_KEY_PREFIX.length).split('/')[0]) < oldest);
    if (stale.length) await this.store.delete(stale);
    this.keptFrom = oldest;
    return stale.length;
  }
}

/**
 * Teams redelivers a click it saw no answer to. Usually the first delivery is still being answered; but if the bot
 * that took it died first, nothing more will happen, and the person must be told how to go on.
 */
export const REDELIVERED_CLICK_TEXT = 'Already working on this click. If its card has not changed within a minute, click again.';

/** Drops a redelivered message or click before any handler runs: no second preview, no second request, no second reply. */
export function redeliveryGuard(ledger: ActivityLedger, logger: Logger) {
  return async (context: TurnContext): Promise<boolean> => {
    const activity = context.activity;
    if (!ACTED_ON.has(activity.type ?? '') || isAutomaticRefresh(activity) || (await ledger.firstSighting(activity))) return true;
    turnCorrelation(context, logger).logger.info({ activityId: activity.id }, 'ignored a redelivered activity: the first delivery is being answered');
    if (isCardInvoke(context)) await answerInvoke(context, { text: REDELIVERED_CLICK_TEXT });
    return false;
  };
}
