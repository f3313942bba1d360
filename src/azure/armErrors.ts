/**
 * Turns ARM's failures into DefenderErrors a person can act on: what went wrong, on which subscription, and the
 * exact command that fixes it. ARM's own code and x-ms-request-id stay in `details` for support cases.
 * Nothing from the request headers is copied, so a bearer token can never end up in a message or a log.
 */
import { isRestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { DefenderError } from '../core/errors';
import { PRICINGS_WRITE_ACTION } from './models/authorization';

export interface ArmCallContext {
  method: string;
  /** What the call was for, in words: "read the Defender pricings". */
  purpose: string;
  subscriptionId?: string;
  /** Object id of the bot's identity, for the role-assignment hint when ARM does not name it. */
  identityObjectId?: string;
  /** The role a 403 tells the admin to grant; default SECURITY_ADMIN. */
  roleHint?: RoleHint;
  now: Date;
}

/** Which built-in role fixes a 403, and what else would do. */
export interface RoleHint {
  role: string;
  alternatives: string;
}

export const SECURITY_ADMIN: RoleHint = { role: 'Security Admin', alternatives: 'or Contributor/Owner; Owner for every CSPM capability' };
/** Enough to read security alerts, and nothing more. */
export const SECURITY_READER: RoleHint = { role: 'Security Reader', alternatives: 'or Reader, or Security Admin' };

interface ArmErrorBody {
  code?: string;
  message?: string;
}

function readArmError(bodyAsText: string | undefined | null): ArmErrorBody {
  if (!bodyAsText) return {};
  try {
    const parsed = JSON.parse(bodyAsText) as { error?: ArmErrorBody } & ArmErrorBody;
    return parsed.error ?? parsed;
  } catch (parseError) {
    // Not JSON (a proxy's HTML page, say): keep a short excerpt of the text as the message instead.
    return { message: `${bodyAsText.slice(0, 200)} (${(parseError as Error).name})` };
  }
}

function scopeOf(context: ArmCallContext): string {
  return context.subscriptionId ? `/subscriptions/${context.subscriptionId}` : '/subscriptions/<subscription-id>';
}

function authorizationMessage(arm: ArmErrorBody, context: ArmCallContext): string {
  const assignee = /object id '([^']+)'/i.exec(arm.message ?? '')?.[1] ?? context.identityObjectId ?? '<bot-identity-object-id>';
  const action = /action '([^']+)'/i.exec(arm.message ?? '')?.[1] ?? (context.method === 'PUT' ? PRICINGS_WRITE_ACTION : undefined);
  const where = context.subscriptionId ? `subscription ${context.subscriptionId}` : 'this scope';
  const { role, alternatives } = context.roleHint ?? SECURITY_ADMIN;
  return (
    `AuthorizationFailed: the bot's identity may not ${context.purpose} on ${where}` +
    (action ? ` (it lacks ${action})` : '') +
    `. Grant it the ${role} role (${alternatives}) at subscription scope: ` +
    `az role assignment create --assignee ${assignee} --role "${role}" --scope ${scopeOf(context)}`
  );
}

function retryAfterSeconds(response: PipelineResponse): number | undefined {
  const milliseconds = Number(response.headers.get('retry-after-ms') ?? response.headers.get('x-ms-retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds > 0) return Math.ceil(milliseconds / 1000);
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** A non-2xx answer that survived the SDK's retries. */
export function errorFromResponse(response: PipelineResponse, context: ArmCallContext): DefenderError {
  const arm = readArmError(response.bodyAsText);
  const details = { statusCode: response.status, armCode: arm.code, requestId: response.headers.get('x-ms-request-id') };
  const armSays = `ARM said: ${arm.code ?? response.status}: ${arm.message ?? 'no message'}`;
  const sub = context.subscriptionId ?? '<subscription-id>';

  if (response.status === 403 || arm.code === 'AuthorizationFailed') {
    return new DefenderError('AuthorizationFailed', authorizationMessage(arm, context), details);
  }
  if (arm.code === 'MissingSubscriptionRegistration') {
    return new DefenderError(
      'MissingSubscriptionRegistration',
      `MissingSubscriptionRegistration: subscription ${sub} is not registered for Microsoft.Security, so the bot cannot ${context.purpose}. ` +
        `Register it: az provider register --namespace Microsoft.Security --subscription ${sub} (${armSays})`,
      details,
    );
  }
  if (arm.code === 'SubscriptionNotFound' || (response.status === 404 && /^\/?subscriptions\/[^/]+\/?$/i.test(new URL(response.request.url).pathname))) {
    return new DefenderError(
      'SubscriptionNotFound',
      `SubscriptionNotFound: subscription ${sub} does not exist or the bot's identity cannot see it. Check the id, or grant the identity a role on it (${armSays})`,
      details,
    );
  }
  if (response.status === 429) {
    const seconds = retryAfterSeconds(response);
    const when = seconds === undefined ? 'in a minute' : `after ${new Date(context.now.getTime() + seconds * 1000).toISOString()} (${seconds} s)`;
    return new DefenderError('Throttled', `Throttled: ARM is still throttling requests to ${context.purpose} after retries. Try again ${when}. (${armSays})`, details);
  }
  if (response.status >= 500) {
    return new DefenderError('ArmUnavailable', `ArmUnavailable: ARM failed to ${context.purpose} (HTTP ${response.status}) after retries. Try again in a few minutes. (${armSays})`, details);
  }
  if (response.status === 400) {
    return new DefenderError('InvalidRequest', `InvalidRequest: ARM rejected the request to ${context.purpose}. ${armSays}`, details);
  }
  return new DefenderError('ArmError', `ArmError: ARM refused to ${context.purpose} (HTTP ${response.status}). ${armSays}`, details);
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

/** A call that never got an answer: socket errors after retries, an untrusted certificate, DNS. Aborts pass through. */
export function errorFromThrown(error: unknown, context: ArmCallContext): unknown {
  if (!isRestError(error) || error.response) return error;
  const code = error.code ?? 'REQUEST_SEND_ERROR';
  if (CERTIFICATE_ERROR.test(code)) {
    return new DefenderError(
      'ArmUnavailable',
      `ArmUnavailable: could not ${context.purpose}: the server's TLS certificate is not trusted (${code}: ${error.message}). ` +
        `Against the ARM simulator, pass its CA certificate to this client; never disable TLS checks.`,
      { armCode: code },
    );
  }
  return new DefenderError('ArmUnavailable', `ArmUnavailable: could not reach ARM to ${context.purpose} (${code}: ${error.message}). Check network access to the ARM endpoint and try again.`, { armCode: code });
}
