/**
 * The Bot Framework adapter. Production validates every inbound JWT (CloudAdapter does it when an app id is
 * configured) against the issuer and OpenID metadata of DEFENDER_CLOUD, and gets its outbound tokens from that
 * cloud's login endpoint for that cloud's Bot Connector; demo mode is anonymous, for the Agents Playground, and
 * binds to loopback (see config).
 */
import { ConfigurationBotFrameworkAuthenticationOptions, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotCredentials, CloudSettings } from '../../config';

/** The credentials factory the adapter signs its outbound calls with (and /readyz asks for a token). */
export type BotCredentialsFactory = TeamsAdapter['credentialsFactory'];

/**
 * ToChannelFromBotLoginUrl: the cloud's login host and the bot's own tenant, or the channel's tenant for an
 * existing MultiTenant app. botbuilder takes the tenant from MicrosoftAppTenantId where it recognises the host
 * (public, US Government) but uses this URL as it is elsewhere (China), so the tenant must be right here too.
 */
export function connectorLoginUrl(credentials: Exclude<BotCredentials, { kind: 'anonymous' }>, cloud: CloudSettings): string {
  const { loginHost, channelAuthTenant } = cloud.botFramework;
  const multiTenant = credentials.kind === 'secret' && credentials.appType === 'MultiTenant';
  return `${loginHost}/${multiTenant ? channelAuthTenant : credentials.tenantId}`;
}

/** The ConfigurationBotFrameworkAuthentication keys of this cloud, under the names botbuilder reads. */
function cloudKeys(credentials: Exclude<BotCredentials, { kind: 'anonymous' }>, cloud: CloudSettings) {
  const bf = cloud.botFramework;
  return {
    ChannelService: bf.channelService,
    OAuthUrl: bf.oAuthUrl,
    ToChannelFromBotLoginUrl: connectorLoginUrl(credentials, cloud),
    ToChannelFromBotOAuthScope: bf.oAuthScope,
    ToBotFromChannelTokenIssuer: bf.tokenIssuer,
    ToBotFromChannelOpenIdMetadataUrl: bf.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: bf.emulatorOpenIdMetadataUrl,
    ...(bf.callerId ? { CallerId: bf.callerId } : {}),
    ValidateAuthority: bf.validateAuthority,
  };
}

export function botFrameworkAuthOptions(credentials: BotCredentials, cloud: CloudSettings): ConfigurationBotFrameworkAuthenticationOptions {
  switch (credentials.kind) {
    case 'anonymous':
      return {} as ConfigurationBotFrameworkAuthenticationOptions;
    case 'secret':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppPassword: credentials.appPassword,
        MicrosoftAppType: credentials.appType,
        MicrosoftAppTenantId: credentials.tenantId ?? '',
        ...cloudKeys(credentials, cloud),
      } as ConfigurationBotFrameworkAuthenticationOptions;
    case 'managed-identity':
      return {
        MicrosoftAppId: credentials.appId,
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: credentials.tenantId,
        ...cloudKeys(credentials, cloud),
      } as ConfigurationBotFrameworkAuthenticationOptions;
  }
}

export function createAdapter(credentials: BotCredentials, cloud: CloudSettings): TeamsAdapter {
  const options = botFrameworkAuthOptions(credentials, cloud);
  // One factory for the adapter's outbound calls and the readiness probe, so /readyz tests what replies use.
  return new TeamsAdapter(options, new ConfigurationServiceClientCredentialFactory(options));
}

export function botAppIdOf(credentials: BotCredentials): string {
  return credentials.kind === 'anonymous' ? '' : credentials.appId;
}
