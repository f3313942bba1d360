/**
 * A read that Azure refused, answered as a card that says what to do: the DefenderError's message already names
 * the role to grant or the provider to register. Expected in daily use, so it is not a failed turn.
 */
import { AdaptiveCardJson, buildMessageCard } from '../../cards';
import type { DefenderError, DefenderErrorCode } from '../../core/errors';

const TITLES: Partial<Record<DefenderErrorCode, string>> = {
  AuthorizationFailed: "The bot's identity may not read this",
  MissingSubscriptionRegistration: 'Microsoft.Security is not registered',
  SubscriptionNotFound: 'Subscription not found',
  Throttled: 'Azure is throttling the bot',
  ArmUnavailable: 'Azure did not answer',
};

/** `what`: "the alerts of Contoso Dev"; `again`: the command to type once it is fixed. */
export function readFailureCard(what: string, error: DefenderError, again: string): AdaptiveCardJson {
  return buildMessageCard({
    tone: 'warning',
    title: TITLES[error.code] ?? 'Azure refused the request',
    message: `Could not read ${what}. ${error.message}`,
    nextStep: `Then type \`${again}\` again.`,
  });
}
