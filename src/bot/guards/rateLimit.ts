/**
 * Per-user rate limits on what is expensive or noisy: `enable` (asks approvers), approvals (may write to ARM)
 * and fleet-wide lists (read every subscription). The person is the Entra object id, else the Teams user id.
 * Counted per instance, in memory: see docs/security.md.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildMessageCard } from '../../cards';
import { describeRetry, SlidingWindowLimiter } from '../../core/rateLimit';
import type { Clock } from '../../core/ports';
import type { RateLimitSettings } from '../../config/rateLimitSettings';
import type { Logger } from '../../logging';
import { actingPerson } from './identity';

export type RateLimitedAction = keyof RateLimitSettings;

const ACTION_WORDS: Record<RateLimitedAction, string> = {
  enable: 'to enable Defender for APIs',
  approvals: 'to approve requests',
  list: 'for a read of every subscription (list, or alerts without a subscription)',
};

/** Who is counted: the Entra user when the activity names one, else the channel's user id. */
export function rateLimitKeyOf(activity: Partial<Activity>): string {
  return actingPerson(activity)?.id ?? `channel-user:${activity.from?.id ?? 'unknown'}`;
}

function windowWords(windowMs: number): string {
  if (windowMs % 3_600_000 === 0) return windowMs === 3_600_000 ? 'hour' : `${windowMs / 3_600_000} hours`;
  if (windowMs % 60_000 === 0) return windowMs === 60_000 ? 'minute' : `${windowMs / 60_000} minutes`;
  return `${Math.ceil(windowMs / 1000)} seconds`;
}

export function rateLimitedCard(action: RateLimitedAction, setting: { limit: number; windowMs: number }, when: string): AdaptiveCardJson {
  return buildMessageCard({
    tone: 'warning',
    title: 'Please wait a little',
    message: `You have asked ${ACTION_WORDS[action]} ${setting.limit} times in the last ${windowWords(setting.windowMs)}, which is as often as the bot allows one person. You can try again ${when}.`,
    nextStep: 'Nothing was done for this message. `status` and `requests` still work meanwhile.',
  });
}

export class BotRateLimits {
  private readonly limiters: Record<RateLimitedAction, SlidingWindowLimiter>;

  constructor(private readonly settings: RateLimitSettings, clock: Clock, private readonly logger?: Logger) {
    this.limiters = {
      enable: new SlidingWindowLimiter(settings.enable, clock),
      approvals: new SlidingWindowLimiter(settings.approvals, clock),
      list: new SlidingWindowLimiter(settings.list, clock),
    };
  }

  /** Counts one `action` by the person behind the turn. Undefined when allowed; else the card that says when to retry. */
  refusal(context: TurnContext, action: RateLimitedAction): AdaptiveCardJson | undefined {
    const key = rateLimitKeyOf(context.activity);
    const decision = this.limiters[action].take(key);
    if (decision.allowed) return undefined;
    this.logger?.info({ rateLimited: action, person: key, retryAt: decision.retryAt.toISOString() }, 'rate limit reached');
    return rateLimitedCard(action, this.settings[action], describeRetry(decision.retryAfterMs, decision.retryAt));
  }
}
