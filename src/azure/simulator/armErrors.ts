/** ARM's error shape, `{ "error": { "code", "message" } }`, and the errors several handlers share. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

export function missingRegistration(namespace: string): ArmError {
  return new ArmError(
    409,
    'MissingSubscriptionRegistration',
    `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
  );
}

/** The simulator has no real identities; this fixed one stands in for "the bot's managed identity". */
export const SIMULATED_CLIENT_OBJECT_ID = '0f6a5b1c-3d2e-4f70-9a8b-7c6d5e4f3a21';

export function authorizationFailed(action: string, scope: string): ArmError {
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${SIMULATED_CLIENT_OBJECT_ID}' with object id '${SIMULATED_CLIENT_OBJECT_ID}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

export function invalidRequest(field: string, problem: string): ArmError {
  return new ArmError(400, 'InvalidRequest', `The request body is invalid: ${field} ${problem}.`);
}
