/**
 * /readyz's Bot Connector check (production only): can the bot get a token for the Bot Connector of its cloud
 * right now? Every reply, card update and proactive message needs one, and a wrong app type, secret, tenant,
 * identity or cloud shows up nowhere else until the first reply fails. It asks botbuilder's own credentials
 * factory, the one the adapter signs with, so it checks exactly what replies use. The answer is cached
 * (cachedProbe); the token itself is never kept, logged or shown.
 */
import type { BotCredentials, CloudSettings } from '../config';
import type { Clock } from '../core/ports';
import type { ReadinessCheck } from '../bot/host/server';
import { connectorLoginUrl, type BotCredentialsFactory } from '../bot/host/adapter';
import { cachedProbe } from './cachedProbe';

export const CONNECTOR_TOKEN_SUCCESS_TTL_IN_MS = 5 * 60_000;
export const CONNECTOR_TOKEN_FAILURE_TTL_IN_MS = 30_000;
export const CONNECTOR_TOKEN_TIMEOUT_IN_MS = 10_000;

type BotIdentity = Exclude<BotCredentials, { kind: 'anonymous' }>;

export interface ConnectorTokenCheckOptions {
  credentials: BotCredentials;
  cloud: CloudSettings;
  credentialsFactory: BotCredentialsFactory;
  clock: Clock;
}

/** The check; none for an anonymous (demo) bot, which needs no token. */
export function connectorTokenChecks(options: ConnectorTokenCheckOptions): ReadinessCheck[] {
  const { credentials, cloud, credentialsFactory } = options;
  if (credentials.kind === 'anonymous') return [];
  const scope = cloud.botFramework.oAuthScope;
  const loginUrl = connectorLoginUrl(credentials, cloud);
  const source = credentials.kind === 'managed-identity' ? `managed identity ${credentials.appId}` : `${loginUrl} for app ${credentials.appId}`;
  const acquire = async () => {
    try {
      const appCredentials = await credentialsFactory.createCredentials(credentials.appId, scope, loginUrl, cloud.botFramework.validateAuthority);
      const token = await (appCredentials as { getToken?: () => Promise<unknown> }).getToken?.();
      if (typeof token !== 'string' || token.length === 0) throw new Error('the sign-in answered without a token');
    } catch (error) {
      throw new Error(`${cloud.name}: no Bot Connector token for ${scope} from ${source}: ${reasonOf(error, credentials)}. ${whatToCheck(credentials, cloud)}`);
    }
  };
  const check: ReadinessCheck = {
    name: 'bot-connector',
    detail: `${cloud.name} (${cloud.description}): a token for ${scope} from ${source}`,
    check: cachedProbe(acquire, {
      clock: options.clock,
      successTtlInMs: CONNECTOR_TOKEN_SUCCESS_TTL_IN_MS,
      failureTtlInMs: CONNECTOR_TOKEN_FAILURE_TTL_IN_MS,
      timeoutInMs: CONNECTOR_TOKEN_TIMEOUT_IN_MS,
    }),
  };
  return [check];
}

function whatToCheck(credentials: BotIdentity, cloud: CloudSettings): string {
  const cloudHint = `and that DEFENDER_CLOUD=${cloud.name} is the cloud of the Azure Bot resource`;
  if (credentials.kind === 'managed-identity') {
    return `Check that the user-assigned managed identity ${credentials.appId} is assigned to this web app (Identity → User assigned), that the Azure Bot's app is that identity in tenant ${credentials.tenantId} (msaAppType UserAssignedMSI), ${cloudHint}`;
  }
  return `Check MicrosoftAppId, MicrosoftAppPassword (expired or rotated?), MicrosoftAppTenantId and MicrosoftAppType=${credentials.appType} (a SingleTenant app set as MultiTenant fails here), ${cloudHint}`;
}

const JWT = /eyJ[\w-]{8,}\.[\w-]+\.[\w-]*/g;

/**
 * The library's reason in one short line, with anything that looks like a token or the app secret taken out. From
 * a credential chain (DefaultAzureCredential), the credentials that tried and failed, not those that were not set up.
 */
function reasonOf(error: unknown, credentials: BotIdentity): string {
  const chain = (error as { errors?: unknown[] } | undefined)?.errors;
  const tried = Array.isArray(chain) ? chain.filter((inner) => !/ is unavailable\b/.test(String((inner as Error)?.message))) : [];
  const messages = tried.length > 0 ? tried.map((inner) => String((inner as Error)?.message ?? inner)) : [error instanceof Error ? error.message : String(error)];
  let reason = messages.join('; ').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  reason = reason.replace(JWT, '[token removed]');
  if (credentials.kind === 'secret') reason = reason.split(credentials.appPassword).join('[secret removed]');
  return reason.length > 300 ? `${reason.slice(0, 300)}…` : reason || 'no reason given';
}
