/**
 * Errors a person can act on. `code` lets callers branch; `message` says what went wrong and what to do next.
 * Create a new code only when someone handles it differently.
 */
export type DefenderErrorCode =
  | 'SubscriptionNotFound'
  | 'AuthorizationFailed'
  | 'MissingSubscriptionRegistration'
  | 'Throttled'
  | 'ArmUnavailable'
  | 'InvalidRequest'
  | 'ArmError';

export class DefenderError extends Error {
  override readonly name = 'DefenderError';
  constructor(
    readonly code: DefenderErrorCode,
    message: string,
    readonly details: { statusCode?: number; armCode?: string; requestId?: string } = {},
  ) {
    super(message);
  }
}

export function isDefenderError(error: unknown): error is DefenderError {
  return error instanceof DefenderError;
}
